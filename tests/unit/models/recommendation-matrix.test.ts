// Every recommendation, on every kind of device, in both UI languages: a default is either
// nothing or a real catalog model that an engine of this app runs and that fits the device
// (PRODUCT.md C2). Tiers below the recommended one are checked too, since the defaults walk
// down to them.
import { describe, expect, it } from 'vitest';
import { getModel, type ModelTask } from '../../../src/models/catalog';
import { verdictFor, type StorageFacts } from '../../../src/models/device-verdict';
import { engineRuns } from '../../../src/models/engine-support';
import {
  defaultModelFor,
  recommendable,
  recommendTier,
  type Tier,
} from '../../../src/models/tiers';
import {
  discreteF16,
  INTEGRATED_NO_F16,
  NO_WEBGPU,
  PROFILES,
  SWIFTSHADER,
} from './device-profiles';

const TASKS: readonly ModelTask[] = ['chat', 'embedding', 'speech-to-text', 'image-to-text', 'ocr'];
const LANGUAGES = ['en', 'pt-BR'] as const;
const ALL_TIERS: readonly Tier[] = ['quality', 'balanced', 'fast'];
const TIERS_FROM: Readonly<Record<Tier, readonly Tier[]>> = {
  quality: ['quality', 'balanced', 'fast'],
  balanced: ['balanced', 'fast'],
  fast: ['fast'],
};
const ROOMY: StorageFacts = { quotaBytes: 100e9, usageBytes: 1e9 };
const UNKNOWN: StorageFacts = { quotaBytes: null, usageBytes: null };

/** web-llm's q4f16 builds need shader-f16 whatever their needs say; the id and dtype tell. */
const isQ4f16MlcBuild = (id: string): boolean => {
  const entry = getModel(id);
  return entry.engine === 'web-llm' && (entry.dtype ?? '').startsWith('q4f16');
};

const CASES = PROFILES.flatMap((profile) =>
  LANGUAGES.flatMap((language) =>
    TASKS.map((task) => ({
      ...profile,
      language,
      task,
      label: `${profile.name} · ${language} · ${task}`,
    })),
  ),
);

describe('recommendation matrix', () => {
  it.each(CASES)('$label', ({ device, language, task }) => {
    for (const storage of [UNKNOWN, ROOMY]) {
      for (const tier of TIERS_FROM[recommendTier(device)]) {
        const id = defaultModelFor(task, tier, device, { language, storage });
        if (id === null) continue;
        const entry = getModel(id);
        const where = `${tier}: ${id}`;
        expect(entry.task, where).toBe(task);
        expect(entry.fixture, where).not.toBe(true);
        expect(engineRuns(entry), where).toBe(true);
        expect(verdictFor(entry, device, storage).fits, where).toBe(true);
        expect(recommendable(entry, device, storage), where).toBe(true);
        if (device.webgpu?.shaderF16 !== true) expect(isQ4f16MlcBuild(id), where).toBe(false);
      }
    }
  });

  it('never recommends an image-to-text model the captioner cannot run', () => {
    for (const { device } of PROFILES) {
      for (const tier of ALL_TIERS) {
        for (const language of LANGUAGES) {
          const id = defaultModelFor('image-to-text', tier, device, { language });
          if (id !== null) expect(engineRuns(getModel(id)), id).toBe(true);
        }
      }
    }
  });

  it.each(PROFILES.filter((p) => p.discreteF16))(
    '$name: every tier picks a chat model',
    ({ device }) => {
      for (const tier of ALL_TIERS) {
        for (const language of LANGUAGES) {
          expect(
            defaultModelFor('chat', tier, device, { language }),
            `${tier} ${language}`,
          ).not.toBeNull();
        }
      }
    },
  );
});

describe('recommendTier on the profiles', () => {
  it('no usable GPU → fast, and the chat default is an ONNX model on WASM', () => {
    for (const device of [NO_WEBGPU, SWIFTSHADER]) {
      expect(recommendTier(device)).toBe('fast');
      const id = defaultModelFor('chat', 'fast', device, { language: 'pt-BR' });
      expect(id).not.toBeNull();
      const entry = getModel(id ?? '');
      expect(entry.engine).toBe('transformers');
      expect(verdictFor(entry, device, UNKNOWN).runsOn).toBe('wasm');
    }
  });

  it('an integrated GPU without f16 → balanced, with a q4f32 web-llm build', () => {
    expect(recommendTier(INTEGRATED_NO_F16)).toBe('balanced');
    const id = defaultModelFor('chat', 'balanced', INTEGRATED_NO_F16) ?? '';
    expect(getModel(id).engine).toBe('web-llm');
    expect(getModel(id).dtype).toBe('q4f32_1');
  });

  it('a discrete GPU with f16 and 8 GB → quality, with a web-llm model on WebGPU', () => {
    const device = discreteF16(8);
    expect(recommendTier(device)).toBe('quality');
    for (const language of LANGUAGES) {
      const entry = getModel(defaultModelFor('chat', 'quality', device, { language }) ?? '');
      expect(entry.engine).toBe('web-llm');
      expect(verdictFor(entry, device, UNKNOWN).runsOn).toBe('webgpu');
    }
  });

  it('more memory never lowers the tier', () => {
    const order: readonly Tier[] = ['fast', 'balanced', 'quality'];
    const tiers = [4, 8, 16].map((gib) => order.indexOf(recommendTier(discreteF16(gib))));
    expect(tiers).toEqual([...tiers].sort((a, b) => a - b));
  });
});
