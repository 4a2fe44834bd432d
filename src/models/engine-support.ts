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
 * captioner reads that field before it loads anything. 'omnia-fixture' is the test captioner
 * (the unit test reads every fixture's config.json to keep this honest).
 */
export const IMAGE_TO_TEXT_MODEL_TYPES: Readonly<Record<string, string>> = Object.freeze({
  'florence-2': 'florence2',
  smolvlm: 'idefics3',
  'omnia-fixture': 'vision-encoder-decoder',
});

/**
 * The model types the transformers.js captioner runs: an image encoder and a text decoder that
 * read no prompt. A copy of the adapter's CAPTION_MODEL_TYPES (see the header for why a copy);
 * tests/unit/models/engine-support.test.ts fails the moment the two differ.
 */
export const CAPTIONER_MODEL_TYPES: ReadonlySet<string> = new Set(['vision-encoder-decoder']);

/** The model_type an image-to-text entry declares, or null when its family is not known here. */
export function imageToTextModelType(entry: CatalogEntry): string | null {
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
    // transformers-captioner refuses prompt-driven VLMs (Florence-2, SmolVLM) until a
    // prompt-driven vision pipeline lands; an unknown family is refused rather than guessed.
    case 'image-to-text': {
      const type = imageToTextModelType(entry);
      return type !== null && CAPTIONER_MODEL_TYPES.has(type);
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
