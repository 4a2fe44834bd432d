// engineRuns over every catalog entry, fixtures included: each entry's answer is written out
// here, so adding a model forces a decision. For image-to-text the answer must match what the
// captioner, VLM and Florence-2 adapters themselves accept, read from the adapters (engine-support.ts keeps
// copies only so the page's bundle does not pull in transformers.js).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOG, type CatalogEntry } from '../../../src/models/catalog';
import {
  CAPTIONER_MODEL_TYPES,
  engineRuns,
  FLORENCE2_MODEL_TYPES,
  IMAGE_TO_TEXT_MODEL_TYPES,
  imageToTextModelType,
  VLM_MODEL_TYPES,
} from '../../../src/models/engine-support';
import { CAPTION_MODEL_TYPES } from '../../../src/models/engines/transformers/transformers-captioner';
import { FLORENCE2_MODEL_TYPES as ADAPTER_FLORENCE2_MODEL_TYPES } from '../../../src/models/engines/transformers/transformers-florence2';
import { VLM_MODEL_TYPES as ADAPTER_VLM_MODEL_TYPES } from '../../../src/models/engines/transformers/transformers-vlm';

const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/models/', import.meta.url));

/** Why each kind of entry runs or not: [engine, task] → answer, with image-to-text apart. */
const EXPECTED: Readonly<Record<string, boolean>> = {
  'transformers/chat': true,
  'transformers/embedding': true,
  'transformers/speech-to-text': true,
  'transformers/ocr': false,
  'web-llm/chat': true,
  'tesseract/ocr': true,
};

function fixtureModelType(entry: CatalogEntry): unknown {
  const config: unknown = JSON.parse(
    readFileSync(`${FIXTURES_DIR}${entry.repo}/config.json`, 'utf8'),
  );
  return (config as { model_type?: unknown }).model_type;
}

describe('engineRuns', () => {
  it('keeps the same list of caption model types as the captioner adapter', () => {
    expect([...CAPTIONER_MODEL_TYPES].sort()).toEqual([...CAPTION_MODEL_TYPES].sort());
  });

  it('keeps the same list of VLM model types as the VLM adapter', () => {
    expect([...VLM_MODEL_TYPES].sort()).toEqual([...ADAPTER_VLM_MODEL_TYPES].sort());
  });

  it('keeps the same list of Florence-2 model types as the Florence-2 adapter', () => {
    expect([...FLORENCE2_MODEL_TYPES].sort()).toEqual([...ADAPTER_FLORENCE2_MODEL_TYPES].sort());
  });

  it.each(CATALOG.filter((e) => e.task !== 'image-to-text').map((e) => [e.id, e] as const))(
    '%s',
    (_id, entry) => {
      const key = `${entry.engine}/${entry.task}`;
      expect(EXPECTED, `no expectation for ${key}`).toHaveProperty([key]);
      expect(engineRuns(entry)).toBe(EXPECTED[key]);
    },
  );

  it.each(CATALOG.filter((e) => e.task === 'image-to-text').map((e) => [e.id, e] as const))(
    '%s (image-to-text) runs exactly when the captioner, VLM or Florence-2 adapter accepts its model type',
    (_id, entry) => {
      // A fixture's config.json is here to read; a real entry's type comes from its family.
      const type = entry.fixture ? fixtureModelType(entry) : imageToTextModelType(entry);
      expect(type, `no model_type known for family "${entry.family}"`).toEqual(expect.any(String));
      if (entry.fixture) expect(imageToTextModelType(entry)).toBeNull();
      expect(engineRuns(entry)).toBe(
        entry.engine === 'transformers' &&
          [CAPTION_MODEL_TYPES, ADAPTER_VLM_MODEL_TYPES, ADAPTER_FLORENCE2_MODEL_TYPES].some(
            (types) => types.has(String(type)),
          ),
      );
    },
  );

  it('runs Florence-2, SmolVLM and every image-to-text fixture', () => {
    const byFamily = (family: string): CatalogEntry[] =>
      CATALOG.filter((e) => e.task === 'image-to-text' && e.family === family);
    expect(byFamily('florence-2').length).toBeGreaterThan(0);
    expect(byFamily('smolvlm').length).toBeGreaterThan(0);
    for (const entry of byFamily('florence-2')) expect(engineRuns(entry), entry.id).toBe(true);
    for (const entry of byFamily('smolvlm')) expect(engineRuns(entry), entry.id).toBe(true);
    // One fixture per adapter: the caption-only encoder-decoder, the idefics3 VLM, Florence-2.
    const fixtures = byFamily('omnia-fixture');
    expect(fixtures.map((e) => fixtureModelType(e)).sort()).toEqual([
      'florence2',
      'idefics3',
      'vision-encoder-decoder',
    ]);
    expect(fixtures.map(engineRuns)).toEqual(fixtures.map(() => true));
  });

  it('refuses an image-to-text family it does not know rather than guess', () => {
    const known = CATALOG.find((e) => e.task === 'image-to-text' && !e.fixture && engineRuns(e));
    expect(known).toBeDefined();
    if (!known) return;
    expect(engineRuns({ ...known, family: 'some-new-vlm' })).toBe(false);
    expect(Object.keys(IMAGE_TO_TEXT_MODEL_TYPES)).not.toContain('some-new-vlm');
  });

  it('refuses a web-llm entry without web-llm’s own build record', () => {
    const mlc = CATALOG.find((e) => e.engine === 'web-llm' && !e.fixture);
    expect(mlc).toBeDefined();
    if (!mlc) return;
    const { webllm: _build, ...bare } = mlc;
    expect(engineRuns(bare)).toBe(false);
  });
});
