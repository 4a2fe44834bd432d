/**
 * Whether the app has an engine path that runs a catalog entry today. The catalog lists some
 * models ahead of the adapters that run them (prompt-driven VLMs); recommendations, model
 * pickers and "Try it" ask this one function so none of them offers a model that would only
 * fail at load (PRODUCT.md C2: every model offered runs on some engine the app has).
 *
 * This file is pure data on purpose: it sits under tiers.ts, which the page imports, so it must
 * not import an engine adapter (that would pull transformers.js into the page's bundle). Where
 * it mirrors what an adapter accepts, a unit test checks the mirror against the adapter itself.
 */
import type { CatalogEntry } from './catalog-types';

/**
 * config.json's model_type for each image-to-text family, as the hub's configs declare it; the
 * vision worker reads that field before it loads anything and picks the adapter by it.
 */
export const IMAGE_TO_TEXT_MODEL_TYPES: Readonly<Record<string, string>> = Object.freeze({
  'florence-2': 'florence2',
  smolvlm: 'idefics3',
});

/**
 * The model types the transformers.js captioner runs: an image encoder and a text decoder that
 * read no prompt. A copy of the adapter's CAPTION_MODEL_TYPES (see the header for why a copy);
 * tests/unit/models/engine-support.test.ts fails the moment the two differ.
 */
export const CAPTIONER_MODEL_TYPES: ReadonlySet<string> = new Set(['vision-encoder-decoder']);

/**
 * The model types the transformers.js VLM adapter runs with a question (SmolVLM). A copy of
 * transformers-vlm.ts's VLM_MODEL_TYPES, checked by the same test.
 */
export const VLM_MODEL_TYPES: ReadonlySet<string> = new Set(['idefics3']);

/**
 * The model types the transformers.js Florence-2 adapter runs (caption and OCR tasks). A copy of
 * transformers-florence2.ts's FLORENCE2_MODEL_TYPES, checked by the same test.
 */
export const FLORENCE2_MODEL_TYPES: ReadonlySet<string> = new Set(['florence2']);

/**
 * The model_type an image-to-text entry declares, or null when its family is not known here.
 * Fixtures all share the family 'omnia-fixture' and each has its own architecture: theirs is
 * in their config.json only (the unit test reads it and checks it against the adapters).
 */
export function imageToTextModelType(entry: CatalogEntry): string | null {
  if (entry.fixture) return null;
  return IMAGE_TO_TEXT_MODEL_TYPES[entry.family] ?? null;
}

function transformersRuns(entry: CatalogEntry): boolean {
  switch (entry.task) {
    // transformers-chat runs any causal LM with a chat template (WebGPU or WASM);
    // transformers-embedder, feature extraction with the entry's pooling;
    // transformers-transcriber, Whisper encoder-decoders (it checks the Whisper tokens at load).
    case 'chat':
    case 'embedding':
    case 'speech-to-text':
      return true;
    // transformers-captioner runs caption-only encoder-decoders, transformers-vlm SmolVLM
    // (idefics3), transformers-florence2 Florence-2; an unknown family is refused, not guessed.
    case 'image-to-text': {
      // Each fixture is built for one of the two adapters (the unit test checks which).
      if (entry.fixture) return true;
      const type = imageToTextModelType(entry);
      return (
        type !== null &&
        (CAPTIONER_MODEL_TYPES.has(type) ||
          VLM_MODEL_TYPES.has(type) ||
          FLORENCE2_MODEL_TYPES.has(type))
      );
    }
    // OCR runs on tesseract.js; there is no transformers.js OCR adapter.
    case 'ocr':
      return false;
  }
}

/**
 * True when an engine adapter of this app can load and run `entry` for its task. Whether the
 * device can hold it is a separate question (device-verdict.ts); recommendations need both.
 * @example listModels({ task: 'chat' }).filter(engineRuns)
 */
export function engineRuns(entry: CatalogEntry): boolean {
  switch (entry.engine) {
    case 'transformers':
      return transformersRuns(entry);
    // The web-llm adapter is a chat engine (MLC builds on WebGPU) and needs web-llm's own
    // record of the build (model id, compiled library) to load it.
    case 'web-llm':
      return entry.task === 'chat' && entry.webllm !== undefined;
    // tesseract.js reads text in images and nothing else.
    case 'tesseract':
      return entry.task === 'ocr';
  }
}
