// Home and the Models view both read gpuSummary: over the device profiles it must agree with
// the verdicts (a summary that says "GPU" while models run on WASM is the bug this prevents).
import { describe, expect, it } from 'vitest';
import { getModel } from '../../../src/models/catalog';
import { verdictFor } from '../../../src/models/device-verdict';
import { gpuSummary } from '../../../src/models/gpu-summary';
import { device, INTEGRATED_NO_F16, NO_WEBGPU, PROFILES, SWIFTSHADER } from './device-profiles';

// An ONNX model that uses WebGPU when it can and WASM otherwise: where it runs is the question.
const ONNX_CHAT = getModel('qwen2.5-0.5b-instruct-q4-onnx');
const UNKNOWN = { quotaBytes: null, usageBytes: null };

describe('gpuSummary', () => {
  it.each([
    ['no WebGPU', NO_WEBGPU, 'none', 'wasm'],
    ['SwiftShader', SWIFTSHADER, 'software', 'wasm'],
    ['an integrated GPU', INTEGRATED_NO_F16, 'gpu', 'webgpu'],
  ] as const)('%s → %s, models on %s', (_name, d, use, runsOn) => {
    expect(gpuSummary(d)).toMatchObject({ use, runsOn });
  });

  it.each(PROFILES)('$name: says where models run exactly as the verdict does', ({ device: d }) => {
    expect(gpuSummary(d).runsOn).toBe(verdictFor(ONNX_CHAT, d, UNKNOWN).runsOn);
  });

  it('names the adapter in its own words, and nothing where it gave none', () => {
    expect(gpuSummary(SWIFTSHADER)).toMatchObject({
      vendor: 'google',
      architecture: 'swiftshader',
    });
    expect(gpuSummary(NO_WEBGPU)).toMatchObject({ vendor: null, architecture: null });
    const anonymous = device({ vendor: 'unknown', architecture: '' });
    expect(gpuSummary(anonymous)).toMatchObject({ use: 'gpu', vendor: null, architecture: null });
  });

  it('a software adapter that does not call itself SwiftShader is still software', () => {
    const fallback = device({ vendor: 'mesa', architecture: 'llvmpipe', isFallbackAdapter: true });
    expect(gpuSummary(fallback).use).toBe('software');
  });
});
