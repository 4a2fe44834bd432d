// Where a chat goes on after its GPU is lost (gpuLossFallback, used by the chat's GPU notice):
// the same model on WASM when transformers.js runs it there, else the fast tier's chat model
// for this device as if it had no GPU — never a model that needs WebGPU — else nowhere.
import { describe, expect, it } from 'vitest';
import { getModel, listModels } from '../../../../src/models/catalog';
import type { DeviceReport } from '../../../../src/models/device-probe';
import { gpuLossFallback, hasWasmPath } from '../../../../src/models/engines/device-choice';
import { defaultModelFor } from '../../../../src/models/tiers';

/** A desktop with a real GPU: its recommendation would be a web-llm model. */
const GPU_DESKTOP: DeviceReport = {
  webgpu: {
    vendor: 'nvidia',
    architecture: 'ampere',
    shaderF16: true,
    maxBufferSize: 4 * 1024 ** 3,
    maxStorageBufferBindingSize: 2 * 1024 ** 3,
    isFallbackAdapter: false,
  },
  cores: 8,
  memoryGiB: 8,
  crossOriginIsolated: true,
};

const webLlmChat = listModels({ task: 'chat' }).filter((e) => e.engine === 'web-llm');

describe('gpuLossFallback', () => {
  it('keeps a transformers.js model, which runs on WASM too', () => {
    expect(gpuLossFallback('omnia-fixture-causal-lm', GPU_DESKTOP)).toEqual({
      kind: 'same-model',
      modelId: 'omnia-fixture-causal-lm',
    });
    expect(hasWasmPath(getModel('omnia-fixture-causal-lm'))).toBe(true);
  });

  it('moves a web-llm model to the chat model this device runs without a GPU', () => {
    expect(webLlmChat.length).toBeGreaterThan(0);
    const noGpu = { ...GPU_DESKTOP, webgpu: null };
    const expected = defaultModelFor('chat', 'fast', noGpu, { language: 'pt-BR' });
    // With its GPU the device would get a WebGPU-only model: the loss must not pick that.
    const withGpu = defaultModelFor('chat', 'quality', GPU_DESKTOP);
    expect(withGpu && hasWasmPath(getModel(withGpu))).toBe(false);
    expect(expected).not.toBeNull();
    for (const entry of webLlmChat) {
      expect(hasWasmPath(entry)).toBe(false);
      const plan = gpuLossFallback(entry.id, GPU_DESKTOP, { language: 'pt-BR' });
      expect(plan).toEqual({ kind: 'other-model', modelId: expected });
      const pick = getModel(expected ?? '');
      expect(hasWasmPath(pick)).toBe(true);
      expect(pick.fixture).not.toBe(true);
    }
  });

  it('works before the device probe has answered (no report yet)', () => {
    const plan = gpuLossFallback(webLlmChat[0]?.id ?? '', null);
    expect(plan.kind).toBe('other-model');
    if (plan.kind === 'other-model') expect(hasWasmPath(getModel(plan.modelId))).toBe(true);
  });

  it('has nowhere to go when no CPU model fits the storage left', () => {
    const full = { quotaBytes: 1024, usageBytes: 1000 };
    expect(gpuLossFallback(webLlmChat[0]?.id ?? '', GPU_DESKTOP, { storage: full })).toEqual({
      kind: 'none',
    });
  });
});
