/**
 * The Captioner on transformers.js: the image-to-text pipeline's own image processor (resize,
 * rescale, normalise) and model, driven here step by step so that the generated ids come back
 * with the text and an AbortSignal stops generation between tokens. It runs image-encoder +
 * text-decoder models (VisionEncoderDecoder: ViT-GPT2, TrOCR-style) that describe an image
 * and read no prompt; prompt-driven VLMs (Florence-2, SmolVLM) need another pipeline and are
 * refused with a clear 'unsupported' error rather than run the wrong way.
 */
import {
  InterruptableStoppingCriteria,
  pipeline,
  RawImage,
  Tensor,
  type ImageToTextPipeline,
} from '@huggingface/transformers';
import { abortedError, disposedError, EngineError, errorText, runError } from '../errors';
import { createSerial } from '../serial';
import type {
  CaptionOptions,
  CaptionResult,
  Captioner,
  EngineLoadRequest,
  RgbaImage,
} from '../types';
import { loadTransformersPipeline, type TransformersLoadOptions } from './transformers-load';

/** config.json model types this adapter captions with: an image encoder and a text decoder, no prompt. */
export const CAPTION_MODEL_TYPES: ReadonlySet<string> = new Set(['vision-encoder-decoder']);

/**
 * The model type config.json declares, read before the weights load so an unsupported model
 * fails at once. null when the source has no config.json (the load then names the file).
 */
async function declaredModelType(request: EngineLoadRequest): Promise<string | null> {
  const { entry } = request;
  let config: unknown;
  try {
    const blob = await request.files.open('config.json');
    if (blob === null) return null;
    config = JSON.parse(await blob.text());
  } catch (error) {
    if (error instanceof EngineError) throw error;
    throw new EngineError(
      'load-failed',
      `Could not read config.json of model "${entry.id}" (${errorText(error)}). Repair the model, then try again.`,
      { modelId: entry.id, path: 'config.json', cause: error },
    );
  }
  const type =
    typeof config === 'object' && config !== null
      ? (config as Record<string, unknown>)['model_type']
      : undefined;
  return typeof type === 'string' ? type : '(none)';
}

/** Checks the pixels and drops alpha: the image processor reads 3 channels. */
export function toRgbRawImage(image: RgbaImage, modelId: string): RawImage {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new EngineError(
      'generate-failed',
      `The image is ${width}×${height} pixels: there is nothing to describe. Pick an image that has pixels.`,
      { modelId },
    );
  }
  if (data.length !== width * height * 4) {
    throw new EngineError(
      'generate-failed',
      `The image says ${width}×${height} pixels but carries ${data.length} bytes, not ${width * height * 4} (RGBA). Decode it again.`,
      { modelId },
    );
  }
  return new RawImage(data, width, height, 4).rgb();
}

/** Ids of a [1, length] int64 tensor. */
function sequenceIds(output: unknown): number[] {
  const sequences =
    output instanceof Tensor
      ? output
      : typeof output === 'object' && output !== null && 'sequences' in output
        ? output.sequences
        : null;
  if (!(sequences instanceof Tensor)) throw new Error('generate() returned no token ids');
  const data: unknown = sequences.data;
  return Array.from(data as ArrayLike<bigint | number>, Number);
}

async function captionOnce(
  captioner: ImageToTextPipeline,
  modelId: string,
  image: RgbaImage,
  options: CaptionOptions,
): Promise<CaptionResult> {
  const { signal } = options;
  if (signal?.aborted) throw abortedError(modelId, 'Captioning');
  const raw = toRgbRawImage(image, modelId);
  let pixelValues: unknown;
  try {
    const processed = (await captioner.processor(raw)) as { pixel_values?: unknown };
    pixelValues = processed.pixel_values;
  } catch (error) {
    throw runError(error, modelId, 'Preparing the image');
  }
  if (!(pixelValues instanceof Tensor)) {
    throw new EngineError('unsupported', `Model "${modelId}" has no image processor.`, {
      modelId,
    });
  }
  if (signal?.aborted) throw abortedError(modelId, 'Captioning');

  const stopper = new InterruptableStoppingCriteria();
  const interrupt = (): void => stopper.interrupt();
  signal?.addEventListener('abort', interrupt, { once: true });
  const maxNewTokens = options.maxNewTokens;
  let all: number[];
  try {
    const output = await captioner.model.generate({
      inputs: pixelValues,
      ...(maxNewTokens !== undefined
        ? { max_new_tokens: Math.max(1, Math.floor(maxNewTokens)) }
        : {}),
      stopping_criteria: [stopper],
    });
    all = sequenceIds(output);
  } catch (error) {
    throw runError(error, modelId, 'Captioning');
  } finally {
    signal?.removeEventListener('abort', interrupt);
  }
  // A caption cut short describes nothing well: a cancelled call gives no text at all.
  if (signal?.aborted) throw abortedError(modelId, 'Captioning');
  const tokenIds = all.slice(1); // after the decoder start token
  const text = captioner.tokenizer.decode(tokenIds, { skip_special_tokens: true }).trim();
  return { text, tokenIds };
}

/**
 * Loads `request.entry` (task 'image-to-text', engine 'transformers') from `request.files`.
 * @example
 * const captioner = await loadTransformersCaptioner({ entry, files, device: 'auto' });
 * const { text } = await captioner.caption({ width, height, data }, { signal });
 */
export async function loadTransformersCaptioner(
  request: EngineLoadRequest,
  options: TransformersLoadOptions = {},
): Promise<Captioner> {
  const { entry } = request;
  if (entry.task !== 'image-to-text') {
    throw new EngineError('unsupported', `Model "${entry.id}" is not an image-to-text model.`, {
      modelId: entry.id,
    });
  }
  if (request.signal?.aborted) throw abortedError(entry.id, 'Loading');
  const modelType = await declaredModelType(request);
  if (modelType !== null && !CAPTION_MODEL_TYPES.has(modelType)) {
    throw new EngineError(
      'unsupported',
      `Model "${entry.id}" (${entry.family}, model type "${modelType}") needs a prompt-driven vision pipeline that Omnia does not run yet. Pick an image-encoder + text-decoder caption model.`,
      { modelId: entry.id },
    );
  }
  const loaded = await loadTransformersPipeline<ImageToTextPipeline>(
    request,
    (attempt) =>
      pipeline('image-to-text', entry.repo, {
        device: attempt.device,
        ...(attempt.dtype ? { dtype: attempt.dtype } : {}),
        revision: attempt.revision,
        progress_callback: attempt.progress_callback,
      }),
    options,
  );
  const captioner = loaded.value;
  const serial = createSerial();
  let disposed = false;

  return {
    modelId: entry.id,
    device: loaded.device,
    fallback: loaded.fallback,
    acceptsPrompt: false,
    caption: (image, captionOptions = {}) =>
      serial(() => {
        if (disposed) return Promise.reject(disposedError(entry.id));
        return captionOnce(captioner, entry.id, image, captionOptions);
      }),
    dispose: () =>
      serial(async () => {
        if (disposed) return;
        disposed = true;
        await captioner.dispose();
      }),
  };
}
