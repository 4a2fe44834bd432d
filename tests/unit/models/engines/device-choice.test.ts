// Device choice and fallback, failure classification, one-at-a-time calls, and per-token text
// — the parts of the adapters that need no model.
import { describe, expect, it, vi } from 'vitest';
import {
  chooseDevice,
  cpuDevice,
  isNodeRuntime,
  loadWithFallback,
  probeWebGpuAdapter,
} from '../../../../src/models/engines/device-choice';
import {
  classifyDeviceFailure,
  EngineError,
  runError,
} from '../../../../src/models/engines/errors';
import { createSerial } from '../../../../src/models/engines/serial';
import { TokenText } from '../../../../src/models/engines/transformers/token-text';
import type { EngineDevice } from '../../../../src/models/engines/types';

const adapter = (): Promise<{ shaderF16: boolean }> => Promise.resolve({ shaderF16: false });
const noAdapter = (): Promise<null> => Promise.resolve(null);

describe('chooseDevice', () => {
  it("knows Node, whose CPU device is 'cpu', and finds no WebGPU adapter there", async () => {
    expect(isNodeRuntime()).toBe(true);
    expect(cpuDevice()).toBe('cpu');
    expect(await probeWebGpuAdapter()).toBeNull();
  });

  it("resolves 'auto' to WebGPU with an adapter and to the CPU without, silently", async () => {
    expect(await chooseDevice('auto', adapter)).toEqual({ device: 'webgpu', fallback: null });
    expect(await chooseDevice('auto', noAdapter)).toEqual({ device: 'cpu', fallback: null });
  });

  it("resolves 'auto' to the CPU on a software adapter (the Models view's verdict), 'webgpu' stays webgpu", async () => {
    const software = (): Promise<{ shaderF16: boolean; software: boolean }> =>
      Promise.resolve({ shaderF16: false, software: true });
    expect(await chooseDevice('auto', software)).toEqual({ device: 'cpu', fallback: null });
    expect(await chooseDevice('webgpu', software)).toEqual({ device: 'webgpu', fallback: null });
  });

  it("records a 'no-webgpu' fallback when WebGPU was asked for and there is no adapter", async () => {
    expect(await chooseDevice('webgpu', noAdapter)).toMatchObject({
      device: 'cpu',
      fallback: { from: 'webgpu', to: 'cpu', reason: 'no-webgpu' },
    });
  });

  it('maps wasm and cpu to this runtime’s CPU device without probing', async () => {
    const probe = vi.fn(adapter);
    expect(await chooseDevice('wasm', probe)).toEqual({ device: 'cpu', fallback: null });
    expect(await chooseDevice('cpu', probe)).toEqual({ device: 'cpu', fallback: null });
    expect(probe).not.toHaveBeenCalled();
  });
});

describe('loadWithFallback', () => {
  it('loads again on the CPU after a WebGPU failure, and says why', async () => {
    const tried: EngineDevice[] = [];
    const loaded = await loadWithFallback({ device: 'webgpu', fallback: null }, (device) => {
      tried.push(device);
      if (device === 'webgpu')
        return Promise.reject(new Error('Failed to allocate buffer: out of memory'));
      return Promise.resolve('engine');
    });
    expect(tried).toEqual(['webgpu', 'cpu']);
    expect(loaded).toEqual({
      value: 'engine',
      device: 'cpu',
      fallback: {
        from: 'webgpu',
        to: 'cpu',
        reason: 'out-of-memory',
        detail: 'Error: Failed to allocate buffer: out of memory',
      },
    });
  });

  it('does not retry failures another device cannot fix, nor CPU failures', async () => {
    const final = new Error('missing');
    const load = vi.fn(() => Promise.reject(final));
    await expect(
      loadWithFallback({ device: 'webgpu', fallback: null }, load, { isFinal: (e) => e === final }),
    ).rejects.toBe(final);
    expect(load).toHaveBeenCalledTimes(1);
    await expect(loadWithFallback({ device: 'cpu', fallback: null }, load)).rejects.toBe(final);
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe('classifyDeviceFailure', () => {
  it.each([
    ['Failed to get a WebGPU adapter: No supported adapters', 'no-webgpu'],
    ['WebGPU is not supported in this environment', 'no-webgpu'],
    ['Device was lost. This can happen due to insufficient memory.', 'device-lost'],
    ['GPUDevice lost: destroyed', 'device-lost'],
    ['RangeError: Array buffer allocation failed', 'out-of-memory'],
    ['Buffer size exceeds maxBufferSize', 'out-of-memory'],
    ['Protobuf parsing failed', 'load-failed'],
  ] as const)('reads %j as %s', (message, reason) => {
    expect(classifyDeviceFailure(new Error(message))).toBe(reason);
  });

  it('keeps the reason of an engine error, and runError wraps others', () => {
    expect(classifyDeviceFailure(new EngineError('no-webgpu', 'x'))).toBe('no-webgpu');
    expect(classifyDeviceFailure(new EngineError('missing-file', 'x'))).toBe('load-failed');
    const wrapped = runError(new Error('boom'), 'm', 'Embedding');
    expect(wrapped).toMatchObject({ name: 'EngineError', reason: 'generate-failed', modelId: 'm' });
    expect(wrapped.message).toBe('Embedding with model "m" failed: Error: boom');
  });
});

describe('createSerial', () => {
  it('runs tasks one at a time, in order, past failures', async () => {
    const serial = createSerial();
    const log: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        log.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, 2));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([serial(task('a', true)), serial(task('b'))]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
  });
});

describe('TokenText', () => {
  // A byte-level "tokenizer": each id is one byte of UTF-8.
  const decode = (ids: number[]): string => new TextDecoder().decode(Uint8Array.from(ids));
  const bytes = (s: string): number[] => [...new TextEncoder().encode(s)];

  it('holds back a split character until its last byte, and adds up to the text', () => {
    const text = new TokenText(decode);
    const ids = bytes('Olá, você');
    const pieces = ids.map((id, i) => text.push(id, i === ids.length - 1));
    expect(pieces.join('')).toBe('Olá, você');
    // 'á' is two bytes: the first adds nothing, the second adds the whole character.
    expect(pieces.slice(2, 4)).toEqual(['', 'á']);
    expect(text.full()).toBe('Olá, você');
  });

  it('flushes an incomplete character on the last token', () => {
    const text = new TokenText(decode);
    const [first = 0] = bytes('é');
    expect(text.push(bytes('a')[0] ?? 0, false)).toBe('a');
    expect(text.push(first, false)).toBe('');
    expect(text.emitted).toBe('a');
    expect(new TokenText(decode).push(first, true)).toBe('\uFFFD');
  });

  it('decodes a short window per token, with the context a decoder looks back at', () => {
    // SentencePiece-like: '▁' is a space, and a decode drops the space it starts with.
    const vocab = ['▁Hello', '▁world', ',', '▁again', '!'];
    const windows: number[] = [];
    const spm = (ids: number[]): string => {
      windows.push(ids.length);
      return ids
        .map((id) => vocab[id % vocab.length])
        .join('')
        .replace(/▁/g, ' ')
        .replace(/^ /, '');
    };
    const text = new TokenText(spm);
    const ids = Array.from({ length: 500 }, (_, i) => i);
    const pieces = ids.map((id, i) => text.push(id, i === ids.length - 1));
    expect(pieces.slice(0, 5)).toEqual(['Hello', ' world', ',', ' again', '!']);
    expect(pieces.join('')).toBe(text.full());
    expect(Math.max(...windows.slice(0, -1))).toBeLessThanOrEqual(2);
  });
});
