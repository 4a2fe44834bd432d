// Why this file exists: the vision worker's API. It keeps one captioner and one OCR engine
// loaded (swapped when other models are asked for), decodes whatever image it is handed
// (a file, a video frame, raw pixels) into RGBA pixels, and answers captions and recognised
// text off the main thread. A factory, so Node tests inject the real fixture adapters and a
// Node image decoder; the worker entry (vision.worker.ts) passes the browser's.
import { createSerial } from '../models/engines/serial';
import type { Captioner, ImageTextTask, OcrEngine, RgbaImage } from '../models/engines/types';
import {
  createEngineSlot,
  engineInfo,
  engineKey,
  fromEngineKey,
  invalidInput,
  mediaWorkerError,
} from './media-helpers';
import type {
  CaptionRequest,
  CaptionResponse,
  ImageInput,
  ModelDevice,
  OcrRequest,
  OcrResponse,
} from './media-types';
import { releaseControl, signalFromPort, throwIfAborted, type CallControl } from './rpc';

const WORKER_NAME = 'vision';

export interface VisionApiDeps {
  /** Loads an installed image-to-text model from the verified cache. */
  loadCaptioner(modelId: string, signal: AbortSignal, device: ModelDevice): Promise<Captioner>;
  /** Loads tesseract with the installed language models, recognised together. */
  loadOcr(modelIds: string[], signal: AbortSignal): Promise<OcrEngine>;
  /** Decodes an image into RGBA pixels; rejects when the bytes are not an image it can read. */
  decodeImage(input: ImageInput): Promise<RgbaImage>;
  /** Clock for elapsed times (ms); defaults to performance.now. */
  now?: () => number;
}

function describeFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().replace(/\.$/, '') || 'the data is not an image';
}

/** Pixels that really are `width × height` RGBA, or a clear invalid-input error. */
function checkPixels(image: RgbaImage): RgbaImage {
  const { width, height, data } = image;
  const sized = Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0;
  if (!sized) {
    throw invalidInput(
      `This image could not be read: it is ${String(width)}×${String(height)} pixels. Try PNG or JPEG.`,
      WORKER_NAME,
    );
  }
  if (!(data instanceof Uint8ClampedArray) || data.length !== width * height * 4) {
    throw invalidInput(
      `This image could not be read: its pixels do not fill ${width}×${height} RGBA. Try PNG or JPEG.`,
      WORKER_NAME,
    );
  }
  return image;
}

/**
 * The task a model runs for `wanted`: a detailed description falls back to a caption on a
 * caption-only model (a shorter description is still a description); reading text does not
 * fall back, since a caption is not the text in the image.
 */
function taskFor(captioner: Captioner, wanted: ImageTextTask | undefined): ImageTextTask {
  const task = wanted ?? 'caption';
  if (captioner.tasks.includes(task)) return task;
  if (task === 'detailed-caption') return 'caption';
  throw invalidInput(
    `${captioner.modelId} cannot read the text in images: install an OCR language or a model that reads text (Florence-2, SmolVLM) in Models.`,
    WORKER_NAME,
  );
}

/**
 * The vision worker's API.
 * @example
 * const api = createVisionApi({ loadCaptioner, loadOcr, decodeImage });
 * const { text } = await api.caption({ modelId, image: blob });
 * const ocr = await api.ocr({ modelIds: ['tesseract-por', 'tesseract-eng'], image: blob });
 */
export function createVisionApi(deps: VisionApiDeps) {
  const now = deps.now ?? (() => performance.now());
  // One call at a time: neither engine is re-entrant, and a swap must not pull one away mid-call.
  const lock = createSerial();
  const captioners = createEngineSlot((key, signal) => {
    const { modelId, device } = fromEngineKey(key);
    return deps.loadCaptioner(modelId, signal, device);
  });
  // The key keeps the order: tesseract prefers the first language ('por+eng').
  const ocrEngines = createEngineSlot((key, signal) =>
    deps.loadOcr(JSON.parse(key) as string[], signal),
  );

  async function decode(input: ImageInput): Promise<RgbaImage> {
    let image: RgbaImage;
    try {
      image = await deps.decodeImage(input);
    } catch (error) {
      throw invalidInput(
        `This image could not be read: ${describeFailure(error)}. Try PNG or JPEG.`,
        WORKER_NAME,
      );
    }
    return checkPixels(image);
  }

  return {
    /** A description of the image, or an answer about it when the model reads prompts. */
    async caption(request: CaptionRequest, control?: CallControl): Promise<CaptionResponse> {
      const signal = signalFromPort(control?.abortPort, WORKER_NAME);
      try {
        return await lock(async () => {
          throwIfAborted(signal, WORKER_NAME);
          const image = await decode(request.image);
          const captioner = await captioners.get(
            engineKey(request.modelId, request.device),
            signal,
          );
          throwIfAborted(signal, WORKER_NAME);
          const started = now();
          const promptUsed = captioner.acceptsPrompt && !!request.prompt;
          const task = taskFor(captioner, request.task);
          const result = await captioner.caption(image, {
            signal,
            task,
            ...(promptUsed ? { prompt: request.prompt } : {}),
          });
          return {
            text: result.text,
            tokenIds: result.tokenIds,
            engine: engineInfo(captioner),
            promptUsed,
            task,
            elapsedMs: now() - started,
          };
        });
      } catch (error) {
        throw mediaWorkerError(signal.aborted ? signal.reason : error, WORKER_NAME);
      } finally {
        releaseControl(control);
      }
    },

    /** The text in the image, line by line with boxes, in the languages of `modelIds`. */
    async ocr(request: OcrRequest, control?: CallControl): Promise<OcrResponse> {
      const signal = signalFromPort(control?.abortPort, WORKER_NAME);
      try {
        const modelIds = [...request.modelIds];
        if (modelIds.length === 0) {
          throw invalidInput(
            'Text recognition needs at least one language: install an OCR language in Models.',
            WORKER_NAME,
          );
        }
        return await lock(async () => {
          throwIfAborted(signal, WORKER_NAME);
          const image = await decode(request.image);
          const engine = await ocrEngines.get(JSON.stringify(modelIds), signal);
          throwIfAborted(signal, WORKER_NAME);
          const started = now();
          const result = await engine.recognize(image, { signal });
          return {
            text: result.text,
            confidence: result.confidence,
            lines: result.lines,
            languages: [...engine.languages],
            elapsedMs: now() - started,
          };
        });
      } catch (error) {
        throw mediaWorkerError(signal.aborted ? signal.reason : error, WORKER_NAME);
      } finally {
        releaseControl(control);
      }
    },

    /** Frees both engines (after any call still running). */
    async unload(): Promise<void> {
      await lock(async () => {
        await captioners.dispose();
        await ocrEngines.dispose();
      });
    },
  };
}

/** The vision worker's API as the worker sees it; clients see `Remote<VisionApi>`. */
export type VisionApi = ReturnType<typeof createVisionApi>;
