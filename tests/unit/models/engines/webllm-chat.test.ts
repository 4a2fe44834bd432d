// The web-llm adapter at web-llm's engine interface. web-llm cannot load a model here (it
// needs MLC weights and a compiled WebGPU library from the hub), so the engine is a STAND-IN
// (stand-in-mlc-engine.ts) implementing the part of MLCEngineInterface the adapter uses,
// streaming real ChatCompletionChunk objects; the adapter is what is under test.
import type { MLCEngineInterface } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { getModel } from '../../../../src/models/catalog';
import type { ChatTurn } from '../../../../src/models/engines/types';
import {
  createWebLlmChat,
  type WebLlmChatBackend,
} from '../../../../src/models/engines/webllm/webllm-chat';
import { engineErrorOf } from './fixture-files';
import { STAND_IN_USAGE, StandInMlcEngine } from './stand-in-mlc-engine';

// MLCEngine itself must fit the slice the adapter asks for.
const _engineFits: WebLlmChatBackend = null as unknown as MLCEngineInterface;
void _engineFits;

const f16Entry = getModel('llama-3.2-1b-instruct-q4f16-mlc');
const TURNS: ChatTurn[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Oi!' },
  { role: 'assistant', content: 'Olá.' },
  { role: 'user', content: 'Tudo bem?' },
];

describe('createWebLlmChat', () => {
  const TOKENS = ['Tudo', ' bem', ',', ' e', ' você', '?'];

  it('maps turns and options to one streaming request with usage', async () => {
    const engine = new StandInMlcEngine(TOKENS);
    const chat = createWebLlmChat(engine, f16Entry);
    await chat.generate(TURNS);
    await chat.generate(TURNS, { temperature: 0.7, topP: 0.9, maxNewTokens: 32 });
    expect(engine.requests[0]).toEqual({
      messages: TURNS,
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0, // greedy by default, as on transformers.js
    });
    expect(engine.requests[1]).toMatchObject({ temperature: 0.7, top_p: 0.9, max_tokens: 32 });
  });

  it('passes a seed to web-llm and reports it when sampling', async () => {
    const engine = new StandInMlcEngine(TOKENS);
    const chat = createWebLlmChat(engine, f16Entry);
    const result = await chat.generate(TURNS, { temperature: 0.7, seed: 5 });
    expect(engine.requests[0]).toMatchObject({ temperature: 0.7, seed: 5 });
    expect(result.applied.seed).toBe(5);
  });

  it('streams deltas in order and takes counts and speed from the usage chunk', async () => {
    const engine = new StandInMlcEngine(TOKENS);
    const chat = createWebLlmChat(engine, f16Entry);
    expect(chat).toMatchObject({ modelId: f16Entry.id, device: 'webgpu', fallback: null });
    const seen: { id: number | null; text: string }[] = [];
    const result = await chat.generate(TURNS, { onToken: (t) => seen.push(t) });
    expect(seen).toEqual(TOKENS.map((text) => ({ id: null, text })));
    expect(result).toMatchObject({
      text: 'Tudo bem, e você?',
      tokenIds: null,
      promptTokens: 21,
      completionTokens: TOKENS.length,
      finishReason: 'stop',
    });
    // web-llm's own usage report wins: decode and prefill rates, time to first token.
    expect(result.timings.tokensPerSecond).toBe(STAND_IN_USAGE.decodeTokensPerSecond);
    expect(result.timings.prefillTokensPerSecond).toBe(STAND_IN_USAGE.prefillTokensPerSecond);
    expect(result.timings.firstTokenMs).toBe(STAND_IN_USAGE.timeToFirstTokenS * 1000);
    expect(result.timings.totalMs).toBeGreaterThan(0);
  });

  it("maps web-llm's 'length' finish", async () => {
    const result = await createWebLlmChat(new StandInMlcEngine(TOKENS), f16Entry).generate(TURNS, {
      maxNewTokens: 2,
    });
    expect(result).toMatchObject({ text: 'Tudo bem', completionTokens: 2, finishReason: 'length' });
  });

  it('interrupts the engine on abort and keeps the partial answer', async () => {
    const engine = new StandInMlcEngine(TOKENS);
    const controller = new AbortController();
    const seen: string[] = [];
    const result = await createWebLlmChat(engine, f16Entry).generate(TURNS, {
      signal: controller.signal,
      onToken: (t) => {
        seen.push(t.text);
        if (seen.length === 3) controller.abort();
      },
    });
    expect(engine.interrupts).toBe(1);
    expect(result).toMatchObject({
      text: 'Tudo bem,',
      completionTokens: 3,
      finishReason: 'aborted',
    });
    expect(seen.join('')).toBe(result.text);
  });

  it('does not start a request when the signal is already aborted', async () => {
    const engine = new StandInMlcEngine(TOKENS);
    const controller = new AbortController();
    controller.abort();
    const result = await createWebLlmChat(engine, f16Entry).generate(TURNS, {
      signal: controller.signal,
    });
    expect(engine.requests).toHaveLength(0);
    expect(result).toMatchObject({ text: '', completionTokens: 0, finishReason: 'aborted' });
  });

  it('runs one request at a time', async () => {
    const engine = new StandInMlcEngine(TOKENS);
    const chat = createWebLlmChat(engine, f16Entry);
    const results = await Promise.all([chat.generate(TURNS), chat.generate(TURNS)]);
    expect(results.map((r) => r.text)).toEqual(['Tudo bem, e você?', 'Tudo bem, e você?']);
    expect(engine.maxActive).toBe(1);
  });

  it('turns engine failures into engine errors, a lost device included', async () => {
    const failed = await engineErrorOf(
      createWebLlmChat(
        new StandInMlcEngine(TOKENS, new Error('tokenizer blew up')),
        f16Entry,
      ).generate(TURNS),
    );
    expect(failed.reason).toBe('generate-failed');
    expect(failed.message).toMatch(/tokenizer blew up/);
    const lost = new Error('Device was lost. This can happen due to insufficient memory.');
    lost.name = 'DeviceLostError';
    const lostError = await engineErrorOf(
      createWebLlmChat(new StandInMlcEngine(TOKENS, lost), f16Entry).generate(TURNS),
    );
    expect(lostError.reason).toBe('device-lost');
  });

  it('unloads the engine on dispose, once, and refuses calls after', async () => {
    const engine = new StandInMlcEngine(TOKENS);
    const chat = createWebLlmChat(engine, f16Entry);
    await chat.dispose();
    await chat.dispose();
    expect(engine.unloads).toBe(1);
    expect((await engineErrorOf(chat.generate(TURNS))).reason).toBe('disposed');
  });
});
