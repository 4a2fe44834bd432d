// The transformers.js ChatEngine on the tiny fixture GPT-2: exact greedy token ids against the
// numpy reference through the model's chat template, per-token streaming, length and abort,
// timings, context-window limits and the CPU fallback.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getModel } from '../../../../src/models/catalog';
import { loadTransformersChat } from '../../../../src/models/engines/transformers/transformers-chat';
import type { ChatEngine, GenerateOptions } from '../../../../src/models/engines/types';
import { diskSource, engineErrorOf, reference, referenceChat } from './fixture-files';

const entry = getModel('omnia-fixture-causal-lm');
const prompt = referenceChat();
// The catalog entry says dtype q8 (onnx/model_quantized.onnx).
const expectedIds = prompt.q8.generated_ids;
const fetchSpy = vi.fn(() => Promise.reject(new Error('tests make no network requests')));

function collect(): {
  tokens: { id: number | null; text: string }[];
  onToken: GenerateOptions['onToken'];
} {
  const tokens: { id: number | null; text: string }[] = [];
  return { tokens, onToken: (t) => tokens.push(t) };
}

describe('loadTransformersChat on the fixture causal LM', () => {
  let chat: ChatEngine;
  const files = diskSource(entry.id);

  beforeAll(async () => {
    vi.stubGlobal('fetch', fetchSpy);
    chat = await loadTransformersChat({ entry, files, device: 'cpu' });
  });
  afterAll(async () => {
    await chat.dispose();
    vi.unstubAllGlobals();
  });

  it('loads the q8 files of the catalog entry on the CPU', () => {
    expect(chat.device).toBe('cpu');
    expect(chat.fallback).toBeNull();
    expect(files.opened).toContain('onnx/model_quantized.onnx');
    expect(files.opened).not.toContain('onnx/model.onnx');
  });

  it('generates exactly the reference greedy ids through the chat template, and stops at EOS', async () => {
    expect(expectedIds.at(-1)).toBe(4); // the reference itself ends at <|end|>
    const result = await chat.generate(prompt.messages, { maxNewTokens: 50 });
    expect(result.tokenIds).toEqual(expectedIds);
    expect(result.promptTokens).toBe(prompt.input_ids.length);
    expect(result.completionTokens).toBe(expectedIds.length);
    expect(result.finishReason).toBe('stop');
    expect(result.text.length).toBeGreaterThan(0);
  });

  it('is greedy when the temperature is 0, so a second run gives the same answer', async () => {
    const a = await chat.generate(prompt.messages, { temperature: 0 });
    const b = await chat.generate(prompt.messages);
    expect(a.tokenIds).toEqual(expectedIds);
    expect(b.text).toBe(a.text);
  });

  it('streams one call per token, in order, whose texts add up to the answer', async () => {
    const { tokens, onToken } = collect();
    const result = await chat.generate(prompt.messages, { onToken });
    expect(tokens.map((t) => t.id)).toEqual(expectedIds);
    expect(tokens.map((t) => t.text).join('')).toBe(result.text);
    // The EOS token is special: it adds no text.
    expect(tokens.at(-1)?.text).toBe('');
  });

  it("stops at maxNewTokens with finishReason 'length'", async () => {
    const { tokens, onToken } = collect();
    const result = await chat.generate(prompt.messages, { maxNewTokens: 5, onToken });
    expect(result.tokenIds).toEqual(expectedIds.slice(0, 5));
    expect(result.finishReason).toBe('length');
    expect(tokens.map((t) => t.text).join('')).toBe(result.text);
  });

  it('keeps the partial answer when aborted mid-generation', async () => {
    const controller = new AbortController();
    const tokens: string[] = [];
    const result = await chat.generate(prompt.messages, {
      signal: controller.signal,
      onToken: (t) => {
        tokens.push(t.text);
        if (tokens.length === 3) controller.abort();
      },
    });
    expect(result.finishReason).toBe('aborted');
    expect(result.tokenIds).toEqual(expectedIds.slice(0, 3));
    expect(result.completionTokens).toBe(3);
    expect(result.text).toBe(tokens.join(''));
  });

  it('returns at once, with nothing generated, when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await chat.generate(prompt.messages, { signal: controller.signal });
    expect(result).toMatchObject({ finishReason: 'aborted', tokenIds: [], text: '' });
    expect(result.timings.firstTokenMs).toBeNull();
  });

  it('reports timings: first token, total, and a decode rate', async () => {
    const { timings } = await chat.generate(prompt.messages);
    expect(timings.firstTokenMs).toBeGreaterThan(0);
    expect(timings.totalMs).toBeGreaterThanOrEqual(timings.firstTokenMs ?? Infinity);
    expect(timings.tokensPerSecond).toBeGreaterThan(0);
  });

  it('samples when given a temperature, within the token limit', async () => {
    const result = await chat.generate(prompt.messages, {
      temperature: 1.5,
      topP: 0.9,
      maxNewTokens: 8,
    });
    expect(result.completionTokens).toBeGreaterThan(0);
    expect(result.completionTokens).toBeLessThanOrEqual(8);
    expect(['stop', 'length']).toContain(result.finishReason);
  });

  it('samples the same answer from the same seed, and says which seed it used', async () => {
    const options = { temperature: 1.5, topP: 1, maxNewTokens: 12, seed: 1234 };
    const a = await chat.generate(prompt.messages, options);
    await chat.generate(prompt.messages, { ...options, seed: 99 });
    const b = await chat.generate(prompt.messages, options);
    expect(b.tokenIds).toEqual(a.tokenIds);
    expect(a.applied.seed).toBe(1234);
    const greedy = await chat.generate(prompt.messages, { maxNewTokens: 2, seed: 1234 });
    expect(greedy.applied.seed).toBeUndefined();
  });

  it('runs concurrent calls one after the other, each with the reference answer', async () => {
    const [a, b] = await Promise.all([
      chat.generate(prompt.messages),
      chat.generate(prompt.messages),
    ]);
    expect(a.tokenIds).toEqual(expectedIds);
    expect(b.tokenIds).toEqual(expectedIds);
  });

  it('reports the sampling it applied (greedy ignores top-p; the limit follows the window)', async () => {
    const greedy = await chat.generate(prompt.messages, { topP: 0.5, maxNewTokens: 3 });
    expect(greedy.applied).toEqual({ maxNewTokens: 3, temperature: 0, topP: null });
    const sampled = await chat.generate(prompt.messages, {
      temperature: 0.7,
      topP: 0.8,
      maxNewTokens: 1000,
    });
    expect(sampled.applied).toEqual({
      maxNewTokens: 128 - prompt.input_ids.length,
      temperature: 0.7,
      topP: 0.8,
    });
  });

  it('counts tokens with the real tokenizer: the template count equals what generate() sees', async () => {
    expect(chat.contextWindow).toBe(128);
    const counter = chat.tokens;
    if (!counter) throw new Error('the transformers.js engine must count tokens');
    expect(await counter.countPrompt(prompt.messages)).toBe(prompt.input_ids.length);
    const [empty, words] = await counter.countEach(['', 'the cat sat on the mat']);
    expect(empty).toBe(0);
    expect(words).toBeGreaterThan(3);
  });

  it('refuses a conversation longer than the context window', async () => {
    const long = [{ role: 'user' as const, content: 'the cat sat on the mat '.repeat(40) }];
    const error = await engineErrorOf(chat.generate(long));
    expect(error.reason).toBe('prompt-too-long');
    expect(error.message).toMatch(/holds 128/);
  });

  it('made no network request', () => {
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe('loadTransformersChat failures and fallback', () => {
  beforeAll(() => vi.stubGlobal('fetch', fetchSpy));
  afterAll(() => vi.unstubAllGlobals());

  it('falls back to the CPU when WebGPU is asked for in Node, and still gives the reference ids', async () => {
    const chat = await loadTransformersChat({
      entry,
      files: diskSource(entry.id),
      device: 'webgpu',
    });
    try {
      expect(chat.device).toBe('cpu');
      expect(chat.fallback).toMatchObject({ from: 'webgpu', to: 'cpu', reason: 'no-webgpu' });
      expect((await chat.generate(prompt.messages)).tokenIds).toEqual(expectedIds);
    } finally {
      await chat.dispose();
    }
  });

  it("picks the CPU for 'auto' without an adapter, and calls that no fallback", async () => {
    const chat = await loadTransformersChat({ entry, files: diskSource(entry.id), device: 'auto' });
    try {
      expect(chat.device).toBe('cpu');
      expect(chat.fallback).toBeNull();
    } finally {
      await chat.dispose();
    }
  });

  it('names a missing tokenizer file', async () => {
    const files = diskSource(entry.id, { omit: ['tokenizer.json'] });
    const error = await engineErrorOf(loadTransformersChat({ entry, files, device: 'cpu' }));
    expect(error.reason).toBe('missing-file');
    expect(error.path).toBe('tokenizer.json');
  });

  it('refuses calls after dispose, and a model of another task', async () => {
    const chat = await loadTransformersChat({ entry, files: diskSource(entry.id), device: 'cpu' });
    await chat.dispose();
    expect((await engineErrorOf(chat.generate(prompt.messages))).reason).toBe('disposed');

    const embedder = getModel('omnia-fixture-embedder');
    const error = await engineErrorOf(
      loadTransformersChat({ entry: embedder, files: diskSource(embedder.id), device: 'cpu' }),
    );
    expect(error.reason).toBe('unsupported');
  });

  it('made no network request', () => {
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(reference.causal_lm.eos_token_ids).toContain(4);
  });
});
