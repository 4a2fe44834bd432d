/**
 * The Captioner on transformers.js: the image-to-text pipeline's own image processor (resize,
 * rescale, normalise) and model, driven here step by step so that the generated ids come back
 * with the text and an AbortSignal stops generation between tokens. It runs image-encoder +
 * text-decoder models (VisionEncoderDecoder: ViT-GPT2, TrOCR-style) that describe an image
 * and read no prompt; Florence-2 and SmolVLM have their own adapters (transformers-florence2.ts,
 * transformers-vlm.ts), and any other model type is refused with a clear 'unsupported' error
 * rather than run the wrong way.
 */
import { pipeline, Tensor, type ImageToTextPipeline } from '@huggingface/transformers';
import { abortedError, EngineError, runError } from '../errors';
import type {
  CaptionOptions,
  CaptionResult,
  Captioner,
  EngineLoadRequest,
  RgbaImage,
} from '../types';
import {
  checkImageToTextEntry,
  generateIds,
  serialCaptioner,
  toRgbRawImage,
} from './transformers-image-generation';
import { loadTransformersPipeline, type TransformersLoadOptions } from './transformers-load';

/** config.json model types this adapter captions with: an image encoder and a text decoder, no prompt. */
export const CAPTION_MODEL_TYPES: ReadonlySet<string> = new Set(['vision-encoder-decoder']);

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
  const maxNewTokens = options.maxNewTokens;
  const all = await generateIds(
    captioner.model,
    modelId,
    'Captioning',
    {
      inputs: pixelValues,
      ...(maxNewTokens !== undefined
        ? { max_new_tokens: Math.max(1, Math.floor(maxNewTokens)) }
        : {}),
    },
    signal,
  );
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
  await checkImageToTextEntry(
    request,
    CAPTION_MODEL_TYPES,
    (modelType) =>
      `Model "${entry.id}" (${entry.family}, model type "${modelType}") is not a caption-only model (an image encoder and a text decoder), so this adapter cannot run it.`,
  );
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
  const abilities = { acceptsPrompt: false, tasks: ['caption'] } as const;
  return serialCaptioner(entry.id, loaded, abilities, (captioner, image, captionOptions) =>
    captionOnce(captioner, entry.id, image, captionOptions),
  );
}
