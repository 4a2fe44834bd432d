// The chat path for web-llm models through the REAL inference worker API on a real thread
// (ManagedWorker → comlink → createInferenceApi), with core/chat's runAnswer storing the turn
// on fake-indexeddb. web-llm itself cannot run here, so the engine behind the API is the
// STAND-IN MLCEngine of fixtures/inference-thread.ts: it streams a scripted reply, reports
// usage as web-llm does, and refuses a prompt that overflows the context window, counting it
// exactly. What is under test is ours: routing by engine, streaming, Stop, usage stored with
// the message, context fitting with web-llm's tokenizer.json, and one resident model.
import 'fake-indexeddb/auto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { runAnswer } from '../../../src/core/chat/answer';
import { getModel } from '../../../src/models/catalog';
import { deleteAllData } from '../../../src/storage';
import { createInferenceClient } from '../../../src/workers/inference-client';
import type { InferenceStatus } from '../../../src/workers/inference-client';
import { answerRequest, seedConversation, storedAnswer } from '../core/chat/engine-backend';
import { STAND_IN_USAGE } from '../models/engines/stand-in-mlc-engine';
import { ThreadPool } from './node-worker';

const WEBLLM = getModel('omnia-fixture-webllm');
const LM = getModel('omnia-fixture-causal-lm');
const pool = new ThreadPool();
const client = createInferenceClient(
  pool.factory(new URL('./fixtures/inference-thread.ts', import.meta.url)),
);
afterAll(() => pool.stopAll());
beforeEach(async () => {
  await deleteAllData();
  await client.unload();
});

const request = (path: Parameters<typeof answerRequest>[0], maxNewTokens = 40) =>
  answerRequest(path, {
    systemPrompt: 'Be brief.',
    modelId: WEBLLM.id,
    device: 'auto',
    params: { temperature: 0, topP: 0.9, maxNewTokens },
  });

describe('web-llm chat through the inference worker (stand-in engine)', () => {
  it('streams the reply and stores it with web-llm’s usage figures', async () => {
    const path = await seedConversation('w1', [{ role: 'user', content: 'Oi, tudo bem?' }]);
    const streamed: string[] = [];
    const outcome = await runAnswer(client, request(path), {
      onToken: (text) => streamed.push(text),
    });
    expect(outcome.error).toBeNull();
    expect(streamed.join('')).toBe('Stand-in reply to: Oi, tudo bem?');
    expect(streamed.length).toBeGreaterThan(3); // one delta per word, as they came
    const stored = await storedAnswer('w1');
    expect(stored.content).toBe('Stand-in reply to: Oi, tudo bem?');
    expect(stored.generation).toMatchObject({ finishReason: 'stop', device: 'webgpu' });
    expect(stored.timings).toMatchObject({
      tokensPerSecond: STAND_IN_USAGE.decodeTokensPerSecond,
      prefillTokensPerSecond: STAND_IN_USAGE.prefillTokensPerSecond,
      firstTokenMs: STAND_IN_USAGE.timeToFirstTokenS * 1000,
    });
    expect(stored.tokens?.completion).toBe(streamed.length);
    expect(stored.tokens?.prompt).toBeGreaterThan(0);
  }, 60_000);

  it('stops on Stop and keeps what was written', async () => {
    const path = await seedConversation('w2', [
      { role: 'user', content: 'one two three four five six seven eight nine ten eleven' },
    ]);
    const controller = new AbortController();
    let seen = 0;
    await runAnswer(
      client,
      request(path),
      { onToken: () => (++seen === 3 ? controller.abort() : undefined) },
      controller.signal,
    );
    const stored = await storedAnswer('w2');
    expect(stored.generation?.finishReason).toBe('aborted');
    expect(stored.content.length).toBeGreaterThan(0);
    expect('Stand-in reply to: one two three four five six seven eight nine ten eleven').toContain(
      stored.content,
    );
    expect(stored.content.length).toBeLessThan(60);
  }, 60_000);

  it('fits a long history into the 512-token window with the model’s own tokenizer', async () => {
    const turns = Array.from({ length: 40 }, (_, i) => ({
      role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
      content: `Turn ${i}: the quick brown fox jumps over the lazy dog, again and again.`,
    }));
    turns.push({ role: 'user', content: 'And the last question?' });
    const path = await seedConversation('w3', turns);
    const outcome = await runAnswer(client, request(path, 64));
    // The stand-in refuses, as web-llm does, any prompt that would not leave room for the
    // answer: an answer at all means the fitted prompt was within the window.
    expect(outcome.error).toBeNull();
    const stored = await storedAnswer('w3');
    expect(stored.content).toBe('Stand-in reply to: And the last question?');
    expect(stored.generation?.droppedTurns).toBeGreaterThan(0);
    expect((stored.tokens?.prompt ?? 0) + 64).toBeLessThanOrEqual(WEBLLM.contextWindow ?? 0);
  }, 60_000);

  it('quotes Library passages as [n] citations and reads image descriptions, as on ONNX', async () => {
    const path = await seedConversation('w4', [{ role: 'user', content: 'What is in both?' }]);
    const last = path.at(-1)!;
    const withImage = {
      ...last,
      attachments: [
        {
          name: 'scene.png',
          mimeType: 'image/png',
          data: new Blob([new Uint8Array(10)], { type: 'image/png' }),
          caption: { text: 'a red square on grey', modelId: 'omnia-fixture-captioner' },
        },
      ],
    };
    const passages = [1, 2].map((index) => ({
      index,
      chunkId: `doc:${index}`,
      documentId: 'doc',
      documentName: 'report.pdf',
      text: index === 1 ? 'The square is red.' : 'The background is grey.',
      page: index,
      score: 1 / index,
    }));
    const outcome = await runAnswer(client, {
      ...request([...path.slice(0, -1), withImage]),
      parent: withImage,
      sources: {
        passages,
        instructions: 'Use the sources. Cite like [1].',
        quote: (ps) => ps.map((p) => `[${p.index}] "${p.text}"`).join('\n'),
      },
    });
    expect(outcome.error).toBeNull();
    const stored = await storedAnswer('w4');
    expect(stored.citations?.map((c) => [c.index, c.page])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    // The stand-in answers the last user turn verbatim: the prompt web-llm got held the quoted
    // passages and the image's description, in the same shape as for transformers.js models.
    expect(stored.content).toBe(
      'Stand-in reply to: [1] "The square is red."\n[2] "The background is grey."\n\n' +
        '[Image: scene.png]\nDescription: a red square on grey\n\nWhat is in both?',
    );
  }, 60_000);

  it('keeps one model resident: the fixture LM then the web-llm model, and unload', async () => {
    const seen: InferenceStatus[] = [];
    await client.watch((status) => seen.push(status));
    await client.load(LM.id, 'cpu');
    expect((await client.status()).loaded?.modelId).toBe(LM.id);
    await client.ensureChat(WEBLLM.id, 'auto');
    const status = await client.status();
    expect(status.loaded).toMatchObject({ modelId: WEBLLM.id, device: 'webgpu', pinned: false });
    // The LM was disposed when the web-llm model loaded: generating with it now fails.
    await expect(
      client.generate(LM.id, { turns: [{ role: 'user', content: 'x' }] }),
    ).rejects.toThrow(/not loaded/);
    // Stages were published while loading.
    const stages = seen.flatMap((s) => (s.loading ? [s.loading.stage] : []));
    expect(stages).toContain('checking');
    await client.unload();
    expect((await client.status()).loaded).toBeNull();
  }, 60_000);
});
