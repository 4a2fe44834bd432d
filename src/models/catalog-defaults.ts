/**
 * Which models each tier tries first, per task. It lives beside the catalog because model ids
 * live only in catalog files (STYLE.md); tiers.ts walks these lists and keeps the first entry
 * that fits the device. Order within a list is preference: Portuguese-capable models first,
 * since they serve both of the app's languages.
 */
import { deepFreeze, type ModelTask, type Tier } from './catalog-types';

export const TIER_PREFERENCES: Readonly<
  Record<ModelTask, Readonly<Record<Tier, readonly string[]>>>
> = deepFreeze({
  chat: {
    // A 3B model on a GPU with f16 and room to spare.
    quality: [
      'llama-3.2-3b-instruct-q4f16-mlc',
      'qwen2.5-3b-instruct-q4f16-mlc',
      'phi-3.5-mini-instruct-q4f16-mlc',
    ],
    // A 1–1.5B MLC build; the f32 builds cover GPUs without shader-f16.
    balanced: [
      'qwen2.5-1.5b-instruct-q4f16-mlc',
      'llama-3.2-1b-instruct-q4f16-mlc',
      'qwen2.5-1.5b-instruct-q4f32-mlc',
      'llama-3.2-1b-instruct-q4f32-mlc',
    ],
    // Small ONNX models that also run on WASM.
    fast: ['qwen2.5-0.5b-instruct-q4-onnx', 'smollm2-360m-instruct-q4-onnx'],
  },
  embedding: {
    quality: ['multilingual-e5-small-q8', 'paraphrase-multilingual-minilm-l12-v2-q8'],
    balanced: ['multilingual-e5-small-q8', 'paraphrase-multilingual-minilm-l12-v2-q8'],
    fast: ['multilingual-e5-small-q8', 'all-minilm-l6-v2-q8'],
  },
  'speech-to-text': {
    quality: ['whisper-small-q8'],
    balanced: ['whisper-base-q8'],
    fast: ['whisper-tiny-q8'],
  },
  // Florence-2 (captions, detailed captions, OCR) where there is room for its 1 GB of fp32;
  // SmolVLM (answers questions about the image, q4) elsewhere. Both run on WebGPU or WASM.
  'image-to-text': {
    quality: ['florence-2-base-ft-fp32'],
    balanced: ['smolvlm-256m-instruct-q4'],
    fast: ['smolvlm-256m-instruct-q4'],
  },
  ocr: {
    quality: ['tesseract-por-fast', 'tesseract-eng-fast'],
    balanced: ['tesseract-por-fast', 'tesseract-eng-fast'],
    fast: ['tesseract-por-fast', 'tesseract-eng-fast'],
  },
});
