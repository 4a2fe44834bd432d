// A lost GPU mid-answer, as runAnswer meets it: the real fixture engine streams tokens through
// a backend that then rejects the way the inference worker's client does after a device loss
// (a WorkerTaskError of kind 'device-lost', or 'out-of-memory' on WebGPU). The loss itself is
// proven in a real browser (tests/e2e/device-lost.e2e.ts); here: the partial answer is kept,
// stored with the 'device-lost' marker, the error keeps its kind, and an export carries it.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { gpuLossOf, runAnswer, type ChatBackend } from '../../../../src/core/chat/answer';
import { EngineError } from '../../../../src/models/engines/errors';
import type { EngineDevice } from '../../../../src/models/engines/types';
import {
  deleteAllData,
  exportAllData,
  importAllData,
  listMessages,
  type ChatMessage,
} from '../../../../src/storage';
import { WorkerTaskError, type WorkerErrorKind } from '../../../../src/workers/errors';
import {
  answerRequest,
  engineBackend,
  failingAfter,
  seedConversation,
  storedAnswer,
} from './engine-backend';
import { fixtureChat, FIXTURE_LM, useFixtureLm } from './fixture-lm';

const entry = FIXTURE_LM;
const { prompt, expectedIds, system: SYSTEM, user: USER } = fixtureChat();
const LOST =
  'The WebGPU device was lost (destroyed: Device was destroyed.) after 3 tokens with model "omnia-fixture-causal-lm".';

const lm = useFixtureLm();

/**
 * The real engine behind a backend that says it runs on `device`, streams `tokens` tokens,
 * stops the engine there and rejects with the worker's error of `kind`.
 */
function losingAfter(
  tokens: number,
  kind: WorkerErrorKind,
  device: EngineDevice = 'webgpu',
): ChatBackend {
  const backend = failingAfter(
    engineBackend(lm.chat),
    tokens,
    () => new WorkerTaskError(kind, LOST, { workerName: 'inference' }),
  );
  return {
    ...backend,
    ensureChat: async (modelId, requested, options) => ({
      ...(await backend.ensureChat(modelId, requested, options)),
      device,
    }),
  };
}

async function decode(ids: readonly number[]): Promise<string> {
  const texts: string[] = [];
  const stop = new AbortController();
  await lm.chat.generate(prompt.messages, {
    maxNewTokens: ids.length,
    signal: stop.signal,
    onToken: (t) => {
      texts.push(t.text);
      if (texts.length === ids.length) stop.abort();
    },
  });
  return texts.join('');
}

describe('runAnswer when the GPU is lost mid-answer', () => {
  it("keeps the streamed tokens, marks the answer 'device-lost' and surfaces the error's kind", async () => {
    const path = await seedConversation('lost', [{ role: 'user', content: USER }]);
    const streamed: { text: string; id: number | null }[] = [];
    const outcome = await runAnswer(
      losingAfter(3, 'device-lost'),
      answerRequest(path, { systemPrompt: SYSTEM, modelId: entry.id, saveEveryMs: 0 }),
      { onToken: (text, id) => streamed.push({ text, id }) },
    );

    // The three tokens the engine produced are the first three of the greedy reference.
    expect(streamed.map((t) => t.id)).toEqual(expectedIds.slice(0, 3));
    expect(outcome.result).toBeNull();
    expect(outcome.gpuLoss).toBe('device-lost');
    expect(outcome.error).toBeInstanceOf(WorkerTaskError);
    expect((outcome.error as WorkerTaskError).kind).toBe('device-lost');
    expect(outcome.error?.message).toBe(LOST);

    const stored = await storedAnswer('lost');
    expect(stored).toEqual(outcome.message);
    expect(stored.content).toBe(streamed.map((t) => t.text).join(''));
    expect(stored.content).toBe(await decode(expectedIds.slice(0, 3)));
    expect(stored.generation).toEqual({
      finishReason: 'device-lost',
      droppedTurns: 0,
      device: 'webgpu',
      error: LOST,
    });
    expect(stored.tokens).toBeUndefined();
  });

  it('marks a loss before the first token too, with nothing written', async () => {
    const path = await seedConversation('early', [{ role: 'user', content: USER }]);
    const backend: ChatBackend = {
      ...losingAfter(1, 'device-lost'),
      generate: () => Promise.reject(new WorkerTaskError('device-lost', LOST)),
    };
    const outcome = await runAnswer(
      backend,
      answerRequest(path, { systemPrompt: SYSTEM, modelId: entry.id }),
    );
    expect(outcome.gpuLoss).toBe('device-lost');
    const stored = await storedAnswer('early');
    expect(stored.content).toBe('');
    expect(stored.generation?.finishReason).toBe('device-lost');
  });

  it('counts running out of memory as a GPU loss on WebGPU only', async () => {
    const onGpu = await seedConversation('oom-gpu', [{ role: 'user', content: USER }]);
    const gpu = await runAnswer(
      losingAfter(2, 'out-of-memory', 'webgpu'),
      answerRequest(onGpu, { systemPrompt: SYSTEM, modelId: entry.id }),
    );
    expect(gpu.gpuLoss).toBe('out-of-memory');
    expect((await storedAnswer('oom-gpu')).generation?.finishReason).toBe('device-lost');

    // On the CPU it is the machine's own memory: no GPU to fall back from, a plain failure.
    const onCpu = await seedConversation('oom-cpu', [{ role: 'user', content: USER }]);
    const streamed: string[] = [];
    const cpu = await runAnswer(
      losingAfter(2, 'out-of-memory', 'wasm'),
      answerRequest(onCpu, { systemPrompt: SYSTEM, modelId: entry.id }),
      { onToken: (text) => streamed.push(text) },
    );
    expect(cpu.gpuLoss).toBeNull();
    expect((cpu.error as WorkerTaskError).kind).toBe('out-of-memory');
    const stored = await storedAnswer('oom-cpu');
    expect(stored.generation?.finishReason).toBe('error');
    expect(streamed).toHaveLength(2);
    expect(stored.content).toBe(streamed.join(''));
  });

  it('stores nothing when the model cannot load on a lost GPU, and says why by kind', async () => {
    const path = await seedConversation('load', [{ role: 'user', content: USER }]);
    const backend: ChatBackend = {
      ...engineBackend(lm.chat),
      ensureChat: () => Promise.reject(new WorkerTaskError('device-lost', LOST)),
    };
    const error: unknown = await runAnswer(
      backend,
      answerRequest(path, { systemPrompt: SYSTEM, modelId: entry.id }),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(gpuLossOf(error, 'auto')).toBe('device-lost');
    expect((await listMessages('load')).map((m) => m.role)).toEqual(['user']);
  });

  it("reads the engine's own errors as well as the worker's", () => {
    const lost = new EngineError('device-lost', LOST);
    const oom = new EngineError('out-of-memory', 'Could not allocate');
    expect(gpuLossOf(lost, 'wasm')).toBe('device-lost');
    expect(gpuLossOf(oom, 'webgpu')).toBe('out-of-memory');
    expect(gpuLossOf(oom, 'auto')).toBeNull();
    expect(gpuLossOf(new WorkerTaskError('failed', 'boom'), 'webgpu')).toBeNull();
    expect(gpuLossOf(new Error('The GPU device was lost'), 'webgpu')).toBeNull();
  });

  it("survives an export and import with its 'device-lost' marker", async () => {
    const path = await seedConversation('export', [{ role: 'user', content: USER }]);
    await runAnswer(
      losingAfter(2, 'device-lost'),
      answerRequest(path, { systemPrompt: SYSTEM, modelId: entry.id }),
    );
    const before: ChatMessage = await storedAnswer('export');
    const file = await exportAllData();
    await deleteAllData();
    await importAllData(file);
    const after = await storedAnswer('export');
    expect(after).toEqual(before);
    expect(after.generation?.finishReason).toBe('device-lost');
  });
});
