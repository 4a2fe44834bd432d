// Why this file exists: the vision worker's entry. It gives the API (vision-api.ts) the
// browser's ways to decode images (createImageBitmap + OffscreenCanvas), to load a captioner
// (transformers.js, from the verified model cache, onnxruntime-web's files from our origin)
// and tesseract (its worker and core files from our origin, its language data from the
// verified cache: never a CDN).
import { expose } from 'comlink';
import './rpc';
import { getModel } from '../models/catalog';
import type { CatalogEntry, ModelTask } from '../models/catalog-types';
import { loadTesseractOcr } from '../models/engines/tesseract/tesseract-ocr';
import { configureTransformers } from '../models/engines/transformers/transformers-env';
import { loadTransformersCaptioner } from '../models/engines/transformers/transformers-captioner';
import {
  FLORENCE2_MODEL_TYPES,
  loadTransformersFlorence2,
} from '../models/engines/transformers/transformers-florence2';
import {
  declaredModelType,
  loadTransformersVlm,
  VLM_MODEL_TYPES,
} from '../models/engines/transformers/transformers-vlm';
import { WorkerTaskError } from './errors';
import { decodeImage } from './image-decode';
import { verifiedFilesOf } from './model-store';
import { createVisionApi } from './vision-api';

let configured = false;

function configureOnce(): void {
  if (configured) return;
  // As in inference-api.ts: onnxruntime-web's files sit in `ort/`, one folder above assets/.
  configureTransformers({ wasmPaths: new URL('../ort/', self.location.href).href });
  configured = true;
}

/** The catalog entry of `modelId`, which must be a model for `task`. */
function entryFor(modelId: string, task: ModelTask, what: string): CatalogEntry {
  const entry = getModel(modelId);
  if (entry.task !== task) {
    throw new WorkerTaskError(
      'invalid-input',
      `${entry.displayName} is not ${what}: choose one in Settings.`,
      { workerName: 'vision' },
    );
  }
  return entry;
}

// Served by scripts/vite/tesseract-assets.ts in `tesseract/`, one folder above assets/.
const tesseractUrl = (path: string): string =>
  new URL(`../tesseract/${path}`, self.location.href).href;

expose(
  createVisionApi({
    loadCaptioner: async (modelId, signal, device) => {
      const entry = entryFor(modelId, 'image-to-text', 'an image description model');
      configureOnce();
      const request = { entry, files: verifiedFilesOf(modelId), device, signal };
      // config.json's model_type picks the adapter: a VLM (SmolVLM) reads the question,
      // Florence-2 runs its caption and OCR tasks, an encoder-decoder captioner only describes;
      // anything else the captioner refuses by name.
      const type = await declaredModelType(request);
      if (type !== null && VLM_MODEL_TYPES.has(type)) return loadTransformersVlm(request);
      if (type !== null && FLORENCE2_MODEL_TYPES.has(type))
        return loadTransformersFlorence2(request);
      return loadTransformersCaptioner(request);
    },
    loadOcr: (modelIds, signal) =>
      loadTesseractOcr({
        entries: modelIds.map((id) => entryFor(id, 'ocr', 'a text recognition (OCR) language')),
        files: verifiedFilesOf,
        paths: { workerPath: tesseractUrl('worker.min.js'), corePath: tesseractUrl('') },
        signal,
      }),
    decodeImage: (input) => decodeImage(input),
  }),
);
