// Why this file exists: the typed door to the vision worker (VisionClient in media-types.ts)
// for the app and core. Only `import type` of the worker's API, so transformers.js and
// tesseract.js stay out of the main bundle. An ImageBitmap (a video frame) is transferred, so
// the caller cannot use it again; Blobs and raw pixels are cloned (a Blob clone is cheap).
import { transfer } from 'comlink';
import type { RgbaImage } from '../models/engines/types';
import type { CaptionRequest, ImageInput, OcrRequest, VisionClient } from './media-types';
import { ManagedWorker } from './managed-worker';
import { callControl } from './rpc';
import type { VisionApi } from './vision-api';

/** Models are worth keeping a while between two images (a video sends many frames). */
export const VISION_IDLE_TIMEOUT_MS = 120_000;

function createDefaultWorker(): Worker {
  return new Worker(new URL('./vision.worker.ts', import.meta.url), {
    type: 'module',
    name: 'omnia-vision',
  });
}

/** A structured-clone-safe image: Blob and ImageBitmap as they are, pixels as a plain object. */
function plainImage(image: ImageInput): ImageInput {
  if (image instanceof Blob) return image;
  if (typeof ImageBitmap !== 'undefined' && image instanceof ImageBitmap) return image;
  const pixels = image as RgbaImage;
  return { width: pixels.width, height: pixels.height, data: pixels.data };
}

/** Marks `message` so its ImageBitmap, if it holds one, moves to the worker instead of a copy. */
function withTransfer<T extends { image: ImageInput }>(message: T): T {
  const bitmap =
    typeof ImageBitmap !== 'undefined' && message.image instanceof ImageBitmap
      ? [message.image]
      : [];
  return bitmap.length > 0 ? transfer(message, bitmap) : message;
}

/**
 * Creates the vision client; the worker starts on the first call.
 * @example
 * const vision = createVisionClient();
 * const { text } = await vision.caption({ modelId, image: file }, { signal });
 * const { text: printed } = await vision.ocr({ modelIds: ['tesseract-eng'], image: file });
 */
export function createVisionClient(
  create: () => Worker = createDefaultWorker,
): VisionClient & { readonly worker: ManagedWorker<VisionApi> } {
  const worker = new ManagedWorker<VisionApi>({
    name: 'vision',
    create,
    idleTimeoutMs: VISION_IDLE_TIMEOUT_MS,
  });
  return {
    worker,
    caption(request: CaptionRequest, options = {}) {
      const message: CaptionRequest = {
        modelId: request.modelId,
        image: plainImage(request.image),
        ...(request.prompt !== undefined ? { prompt: request.prompt } : {}),
        ...(request.task !== undefined ? { task: request.task } : {}),
        ...(request.device !== undefined ? { device: request.device } : {}),
      };
      return worker.run(
        (api, abortPort) => api.caption(withTransfer(message), callControl(undefined, abortPort)),
        options.signal ? { signal: options.signal } : {},
      );
    },
    ocr(request: OcrRequest, options = {}) {
      const message: OcrRequest = {
        modelIds: [...request.modelIds],
        image: plainImage(request.image),
      };
      return worker.run(
        (api, abortPort) => api.ocr(withTransfer(message), callControl(undefined, abortPort)),
        options.signal ? { signal: options.signal } : {},
      );
    },
    unload: () => worker.run((api) => api.unload()),
  };
}
