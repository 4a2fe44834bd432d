/**
 * Florence-2 (config.json model_type 'florence2') as a Captioner that runs its task prompts:
 * '<CAPTION>', '<MORE_DETAILED_CAPTION>' and '<OCR>' (the text in the image). Florence-2 is
 * trained on those tasks, not on free questions, so it reads no prompt: a question in the chat
 * gets the detailed description, and the chat model (when one is loaded) answers from it.
 *
 * transformers.js's Florence2Processor turns the task token into its prompt (the task tables sit
 * in preprocessor_config.json), the image processor normalises the image, and
 * Florence2ForConditionalGeneration encodes the image (vision_encoder), embeds the prompt
 * (embed_tokens), runs the BART encoder over both (encoder_model) and decodes with the KV cache
 * (decoder_model_merged). Greedy decoding: Florence-2's generation_config asks for 3 beams,
 * which transformers.js does not search, so the adapter asks for one.
 */
import { Florence2ForConditionalGeneration } from '@huggingface/transformers';
import { abortedError, EngineError, runError } from '../errors';
import type {
  CaptionOptions,
  CaptionResult,
  Captioner,
  EngineLoadRequest,
  ImageTextTask,
  RgbaImage,
} from '../types';
import {
  checkImageToTextEntry,
  generateIds,
  loadProcessorAndModel,
  serialCaptioner,
  toRgbRawImage,
  type ProcessorAndModel,
} from './transformers-image-generation';
import type { TransformersLoadOptions } from './transformers-load';

/** config.json model types this adapter runs. */
export const FLORENCE2_MODEL_TYPES: ReadonlySet<string> = new Set(['florence2']);

/** The Florence-2 task token for each kind of output Omnia asks for. */
export const FLORENCE2_TASKS: Readonly<Record<ImageTextTask, string>> = Object.freeze({
  caption: '<CAPTION>',
  'detailed-caption': '<MORE_DETAILED_CAPTION>',
  text: '<OCR>',
});

/** Generation stops here unless the caller asks for fewer tokens (Florence-2's own examples use 100–1024). */
const DEFAULT_MAX_NEW_TOKENS = 256;

/** The task's answer from post_process_generation: plain text for the tasks above. */
function answerText(processed: unknown, token: string): string {
  const value =
    typeof processed === 'object' && processed !== null
      ? (processed as Record<string, unknown>)[token]
      : undefined;
  return typeof value === 'string' ? value.trim() : '';
}

async function runTask(
  florence: ProcessorAndModel,
  modelId: string,
  image: RgbaImage,
  options: CaptionOptions,
): Promise<CaptionResult> {
  const { signal } = options;
  const task = options.task ?? 'caption';
  const token = FLORENCE2_TASKS[task];
  const activity = task === 'text' ? 'Reading the text' : 'Describing';
  if (signal?.aborted) throw abortedError(modelId, activity);
  const raw = toRgbRawImage(image, modelId);
  let inputs: Record<string, unknown>;
  try {
    // Florence2Processor takes the image first, then the task; it writes the task's prompt.
    const processImageAndTask = florence.processor as unknown as (
      images: unknown,
      text: string,
    ) => Promise<Record<string, unknown>>;
    inputs = await processImageAndTask(raw, token);
  } catch (error) {
    throw runError(error, modelId, 'Preparing the image');
  }
  const maxNewTokens = Math.max(1, Math.floor(options.maxNewTokens ?? DEFAULT_MAX_NEW_TOKENS));
  const all = await generateIds(
    florence.model,
    modelId,
    activity,
    { ...inputs, do_sample: false, num_beams: 1, max_new_tokens: maxNewTokens },
    signal,
  );
  const decoded = florence.processor.batch_decode([all], { skip_special_tokens: false })[0] ?? '';
  const post = florence.processor as unknown as {
    post_process_generation(text: string, task: string, size: [number, number]): unknown;
  };
  let text: string;
  try {
    text = answerText(post.post_process_generation(decoded, token, [raw.height, raw.width]), token);
  } catch (error) {
    throw new EngineError(
      'generate-failed',
      `Model "${modelId}" gave an answer Omnia could not read for the task ${token}.`,
      { modelId, cause: error },
    );
  }
  return { text, tokenIds: all.slice(1) }; // after the decoder start token
}

/**
 * Loads `request.entry` (task 'image-to-text', engine 'transformers', a Florence-2 model) from
 * `request.files`.
 * @example
 * const florence = await loadTransformersFlorence2({ entry, files, device: 'auto' });
 * const { text } = await florence.caption(image, { task: 'text', signal });
 */
export async function loadTransformersFlorence2(
  request: EngineLoadRequest,
  options: TransformersLoadOptions = {},
): Promise<Captioner> {
  const { entry } = request;
  await checkImageToTextEntry(
    request,
    FLORENCE2_MODEL_TYPES,
    (modelType) =>
      `Model "${entry.id}" (${entry.family}, model type "${modelType}") is not a Florence-2 model.`,
  );
  const loaded = await loadProcessorAndModel(request, Florence2ForConditionalGeneration, options);
  return serialCaptioner(
    entry.id,
    loaded,
    { acceptsPrompt: false, tasks: ['caption', 'detailed-caption', 'text'] },
    (florence, image, captionOptions) => runTask(florence, entry.id, image, captionOptions),
  );
}
