// Verdicts for a matrix of devices: each reason is data the UI localises, so the exact kinds
// and numbers are the contract.
import { describe, expect, it } from 'vitest';
import { getModel } from '../../../src/models/catalog';
import { device, GiB, MiB } from './device-profiles';
import {
  gpuBudgetMB,
  quotaNeededBytes,
  verdictFor,
  type StorageFacts,
} from '../../../src/models/device-verdict';

const NO_WEBGPU = device(null, 4);
const SWIFTSHADER = device({
  vendor: 'google',
  architecture: 'swiftshader',
  maxBufferSize: 256 * MiB,
  maxStorageBufferBindingSize: 128 * MiB,
  isFallbackAdapter: true,
});
const NO_F16 = device({});
const STRONG = device({
  shaderF16: true,
  maxBufferSize: 4 * GiB,
  maxStorageBufferBindingSize: 4 * GiB - 4,
});
const DEFAULT_LIMITS_F16 = device({
  shaderF16: true,
  maxBufferSize: 256 * MiB,
  maxStorageBufferBindingSize: 128 * MiB,
});
const ONE_GIB_NO_WEBGPU = device(null, 1);

const ROOMY: StorageFacts = { quotaBytes: 100e9, usageBytes: 1e9 };
const TINY: StorageFacts = { quotaBytes: 100e6, usageBytes: 50e6 };
const UNKNOWN: StorageFacts = { quotaBytes: null, usageBytes: null };

const LLAMA_1B = getModel('llama-3.2-1b-instruct-q4f16-mlc');
const LLAMA_1B_F32 = getModel('llama-3.2-1b-instruct-q4f32-mlc');
const LLAMA_3B = getModel('llama-3.2-3b-instruct-q4f16-mlc');
const PHI = getModel('phi-3.5-mini-instruct-q4f16-mlc');
const QWEN_05 = getModel('qwen2.5-0.5b-instruct-q4-onnx');
const WHISPER_TINY = getModel('whisper-tiny-q8');
const FLORENCE = getModel('florence-2-base-ft-fp32');
const TESSERACT = getModel('tesseract-por-fast');

describe('gpuBudgetMB', () => {
  it('guesses half the reported memory, 4 GiB when unknown, capped for default limits', () => {
    expect(gpuBudgetMB(NO_WEBGPU)).toBeNull();
    expect(gpuBudgetMB(SWIFTSHADER)).toBeNull();
    expect(gpuBudgetMB(STRONG)).toBe(4096);
    expect(gpuBudgetMB(device({ shaderF16: true }, null))).toBe(2048);
    expect(gpuBudgetMB(device({}, 2))).toBe(1024);
    expect(gpuBudgetMB(DEFAULT_LIMITS_F16)).toBe(1024);
    expect(gpuBudgetMB(device({ maxBufferSize: 256 * MiB }, 1))).toBe(512);
  });
});

describe('verdictFor without WebGPU', () => {
  it('rules out web-llm models', () => {
    expect(verdictFor(LLAMA_1B, NO_WEBGPU, ROOMY)).toEqual({
      fits: false,
      runsOn: null,
      reasons: [{ kind: 'no-webgpu' }],
    });
  });

  it('runs transformers models on WASM and says so', () => {
    expect(verdictFor(QWEN_05, NO_WEBGPU, ROOMY)).toEqual({
      fits: true,
      runsOn: 'wasm',
      reasons: [{ kind: 'wasm-fallback', cause: 'no-webgpu' }],
    });
  });

  it('runs tesseract on WASM as designed, with no fallback reason', () => {
    expect(verdictFor(TESSERACT, NO_WEBGPU, ROOMY)).toEqual({
      fits: true,
      runsOn: 'wasm',
      reasons: [],
    });
  });

  it('rejects a WASM model larger than a small memory hint', () => {
    expect(verdictFor(QWEN_05, ONE_GIB_NO_WEBGPU, ROOMY)).toEqual({
      fits: false,
      runsOn: null,
      reasons: [
        { kind: 'wasm-fallback', cause: 'no-webgpu' },
        { kind: 'memory', neededMB: QWEN_05.needs.memoryMB, availableMB: 1024 },
      ],
    });
    expect(QWEN_05.needs.memoryMB).toBe(1125);
  });
});

describe('verdictFor on a SwiftShader-like adapter (no f16, default limits)', () => {
  it('treats the software adapter as no GPU for web-llm', () => {
    expect(verdictFor(LLAMA_1B_F32, SWIFTSHADER, ROOMY)).toEqual({
      fits: false,
      runsOn: null,
      reasons: [{ kind: 'fallback-adapter' }],
    });
  });

  it('sends transformers models to WASM', () => {
    expect(verdictFor(WHISPER_TINY, SWIFTSHADER, ROOMY)).toEqual({
      fits: true,
      runsOn: 'wasm',
      reasons: [{ kind: 'wasm-fallback', cause: 'fallback-adapter' }],
    });
  });
});

describe('verdictFor on a real GPU without shader-f16', () => {
  it('refuses q4f16 builds and takes q4f32 ones', () => {
    expect(verdictFor(LLAMA_1B, NO_F16, ROOMY)).toEqual({
      fits: false,
      runsOn: null,
      reasons: [{ kind: 'needs-shader-f16' }],
    });
    expect(verdictFor(LLAMA_1B_F32, NO_F16, ROOMY)).toEqual({
      fits: true,
      runsOn: 'webgpu',
      reasons: [],
    });
  });

  it('runs f32 ONNX models on the GPU', () => {
    expect(verdictFor(WHISPER_TINY, NO_F16, ROOMY).runsOn).toBe('webgpu');
  });
});

describe('verdictFor on a strong GPU with f16', () => {
  it('fits 3B-class models on WebGPU', () => {
    for (const entry of [LLAMA_3B, PHI, LLAMA_1B]) {
      expect(verdictFor(entry, STRONG, ROOMY), entry.id).toEqual({
        fits: true,
        runsOn: 'webgpu',
        reasons: [],
      });
    }
  });
});

describe('verdictFor when the GPU budget is small', () => {
  it('names the shortfall for web-llm', () => {
    expect(verdictFor(LLAMA_3B, DEFAULT_LIMITS_F16, ROOMY)).toEqual({
      fits: false,
      runsOn: null,
      reasons: [{ kind: 'gpu-memory', neededMB: 2264, availableMB: 1024 }],
    });
    expect(verdictFor(LLAMA_1B, DEFAULT_LIMITS_F16, ROOMY).runsOn).toBe('webgpu');
  });

  it('falls back to WASM for a transformers model too big for the GPU', () => {
    expect(verdictFor(FLORENCE, DEFAULT_LIMITS_F16, ROOMY)).toEqual({
      fits: true,
      runsOn: 'wasm',
      reasons: [{ kind: 'wasm-fallback', cause: 'gpu-memory' }],
    });
  });
});

describe('verdictFor and storage', () => {
  it('needs the download plus a 10% margin in free quota', () => {
    expect(quotaNeededBytes(1_000_000)).toBe(1_100_000);
    expect(verdictFor(LLAMA_1B, STRONG, TINY)).toEqual({
      fits: false,
      runsOn: 'webgpu',
      reasons: [
        { kind: 'quota', neededBytes: quotaNeededBytes(LLAMA_1B.totalBytes), freeBytes: 50e6 },
      ],
    });
  });

  it('refuses when the margin, not the download itself, is what does not fit', () => {
    const total = TESSERACT.totalBytes;
    const justTheDownload: StorageFacts = { quotaBytes: total, usageBytes: 0 };
    expect(verdictFor(TESSERACT, NO_WEBGPU, justTheDownload).reasons).toEqual([
      { kind: 'quota', neededBytes: quotaNeededBytes(total), freeBytes: total },
    ]);
  });

  it('reports an unknown quota without blocking', () => {
    expect(verdictFor(WHISPER_TINY, STRONG, UNKNOWN)).toEqual({
      fits: true,
      runsOn: 'webgpu',
      reasons: [{ kind: 'quota-unknown' }],
    });
  });

  it('ignores quota for installed models', () => {
    expect(verdictFor(LLAMA_1B, STRONG, TINY, { installed: true })).toEqual({
      fits: true,
      runsOn: 'webgpu',
      reasons: [],
    });
  });

  it('lists runtime and storage problems together', () => {
    expect(verdictFor(LLAMA_1B, NO_WEBGPU, TINY).reasons.map((r) => r.kind)).toEqual([
      'no-webgpu',
      'quota',
    ]);
  });
});
