// Tier and default model for each kind of device: the default must be a catalog model that
// actually fits, falling to smaller models as the device gets weaker.
import { describe, expect, it } from 'vitest';
import { getModel, type ModelTask } from '../../../src/models/catalog';
import type { DeviceReport } from '../../../src/models/device-probe';
import { device, GiB, MiB } from './device-profiles';
import { verdictFor } from '../../../src/models/device-verdict';
import { engineRuns } from '../../../src/models/engine-support';
import { defaultModelFor, recommendTier, type Tier } from '../../../src/models/tiers';

const NO_WEBGPU = device(null, 4);
const SWIFTSHADER = device({
  architecture: 'swiftshader',
  maxBufferSize: 256 * MiB,
  maxStorageBufferBindingSize: 128 * MiB,
  isFallbackAdapter: true,
});
const NO_F16 = device({});
const STRONG = device({ shaderF16: true, maxBufferSize: 4 * GiB });
const DEFAULT_LIMITS_F16 = device({
  shaderF16: true,
  maxBufferSize: 256 * MiB,
  maxStorageBufferBindingSize: 128 * MiB,
});
const F16_UNKNOWN_MEMORY = device({ shaderF16: true }, null);
const PHONE = device({ shaderF16: true }, 2);
const TASKS: readonly ModelTask[] = ['chat', 'embedding', 'speech-to-text', 'image-to-text', 'ocr'];

function defaults(
  d: DeviceReport,
  tier: Tier = recommendTier(d),
): Record<ModelTask, string | null> {
  return Object.fromEntries(TASKS.map((t) => [t, defaultModelFor(t, tier, d)])) as Record<
    ModelTask,
    string | null
  >;
}

describe('recommendTier', () => {
  it.each([
    ['no WebGPU', NO_WEBGPU, 'fast'],
    ['a SwiftShader-like adapter', SWIFTSHADER, 'fast'],
    ['default limits only', DEFAULT_LIMITS_F16, 'fast'],
    ['a phone with 2 GiB', PHONE, 'fast'],
    ['a GPU without f16', NO_F16, 'balanced'],
    ['f16 with unknown memory', F16_UNKNOWN_MEMORY, 'balanced'],
    ['a strong GPU with f16', STRONG, 'quality'],
  ] as const)('%s → %s', (_name, d, tier) => {
    expect(recommendTier(d)).toBe(tier);
  });
});

describe('defaultModelFor', () => {
  it('gives WASM-capable models without WebGPU', () => {
    expect(defaults(NO_WEBGPU)).toEqual({
      chat: 'qwen2.5-0.5b-instruct-q4-onnx',
      embedding: 'multilingual-e5-small-q8',
      'speech-to-text': 'whisper-tiny-q8',
      // The fast tier's image model: SmolVLM q4 runs on WASM too.
      'image-to-text': 'smolvlm-256m-instruct-q4',
      ocr: 'tesseract-por-fast',
    });
    expect(defaults(SWIFTSHADER)).toEqual(defaults(NO_WEBGPU));
  });

  it('uses a q4f32 MLC build on a GPU without f16', () => {
    expect(defaults(NO_F16)).toEqual({
      chat: 'qwen2.5-1.5b-instruct-q4f32-mlc',
      embedding: 'multilingual-e5-small-q8',
      'speech-to-text': 'whisper-base-q8',
      'image-to-text': 'smolvlm-256m-instruct-q4',
      ocr: 'tesseract-por-fast',
    });
  });

  it('uses q4f16 1.5B on the balanced tier when f16 is there', () => {
    expect(defaultModelFor('chat', 'balanced', F16_UNKNOWN_MEMORY)).toBe(
      'qwen2.5-1.5b-instruct-q4f16-mlc',
    );
  });

  it('picks a 3B MLC model on a strong GPU', () => {
    expect(defaults(STRONG)).toEqual({
      chat: 'llama-3.2-3b-instruct-q4f16-mlc',
      embedding: 'multilingual-e5-small-q8',
      'speech-to-text': 'whisper-small-q8',
      // Florence-2 (caption, detailed caption, OCR) heads the quality list and fits here.
      'image-to-text': 'florence-2-base-ft-fp32',
      ocr: 'tesseract-por-fast',
    });
  });

  it('walks down the tiers when the asked tier does not fit', () => {
    expect(defaultModelFor('chat', 'quality', DEFAULT_LIMITS_F16)).toBe(
      'llama-3.2-1b-instruct-q4f16-mlc',
    );
    expect(defaultModelFor('chat', 'fast', DEFAULT_LIMITS_F16)).toBe(
      'qwen2.5-0.5b-instruct-q4-onnx',
    );
  });

  it('skips models the memory hint or the quota cannot hold', () => {
    expect(defaultModelFor('chat', 'fast', device(null, 1))).toBe('smollm2-360m-instruct-q4-onnx');
    const storage = { quotaBytes: 600e6, usageBytes: 0 };
    expect(defaultModelFor('chat', 'fast', NO_WEBGPU, { storage })).toBe(
      'smollm2-360m-instruct-q4-onnx',
    );
  });

  it('prefers the asked language', () => {
    expect(defaultModelFor('ocr', 'fast', NO_WEBGPU, { language: 'en-US' })).toBe(
      'tesseract-eng-fast',
    );
    expect(defaultModelFor('ocr', 'fast', NO_WEBGPU, { language: 'pt-BR' })).toBe(
      'tesseract-por-fast',
    );
    expect(defaultModelFor('chat', 'quality', STRONG, { language: 'pt' })).toBe(
      'llama-3.2-3b-instruct-q4f16-mlc',
    );
  });

  it('returns null when nothing fits', () => {
    expect(defaultModelFor('chat', 'fast', device(null, 0.25))).toBeNull();
  });

  it('only ever returns models whose verdict fits', () => {
    const storage = { quotaBytes: null, usageBytes: null };
    for (const d of [NO_WEBGPU, SWIFTSHADER, NO_F16, STRONG, DEFAULT_LIMITS_F16, PHONE]) {
      for (const task of TASKS) {
        const id = defaultModelFor(task, recommendTier(d), d);
        expect(id, task).not.toBeNull();
        if (id !== null) expect(verdictFor(getModel(id), d, storage).fits).toBe(true);
      }
    }
  });

  it('only ever returns a model an engine of the app runs', () => {
    for (const d of [NO_WEBGPU, SWIFTSHADER, NO_F16, STRONG, DEFAULT_LIMITS_F16, PHONE]) {
      for (const task of TASKS) {
        for (const tier of ['fast', 'balanced', 'quality'] as const) {
          const id = defaultModelFor(task, tier, d);
          if (id !== null) expect(engineRuns(getModel(id)), `${task} ${tier}: ${id}`).toBe(true);
        }
      }
    }
  });
});
