/**
 * A prompt-driven vision-language model (SmolVLM: config.json model_type 'idefics3') as a
 * Captioner that reads the person's question. transformers.js's own Idefics3 processor renders
 * the chat template with the image, splits the image into tiles and expands each `<image>` into
 * its tile tokens; the model encodes the tiles (vision_encoder), embeds the text (embed_tokens),
 * puts the image features in place of the `<image>` tokens and decodes greedily with its KV
 * cache (decoder_model_merged). An AbortSignal stops generation between tokens; the generated
 * ids come back with the text.
 *
 * The catalog entry's dtype ('q4') names the quantised vision encoder and decoder; the hub repo
 * ships embed_tokens in fp32 only (onnx/embed_tokens.onnx), so that session asks for fp32.
 */
import { AutoModelForVision2Seq, Tensor, type DataType } from '@huggingface/transformers';
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

export { declaredModelType } from './transformers-image-generation';

/** config.json model types this adapter runs: image + question in, answer out. */
export const VLM_MODEL_TYPES: ReadonlySet<string> = new Set(['idefics3']);

/**
 * What the model is asked for a description (the Library's and the chat's 'detailed-caption'):
 * SmolVLM answers this with a few sentences.
 */
export const DEFAULT_VLM_PROMPT = 'Describe this image.';

/**
 * The question behind each task when the caller asks none. No 'text' task: SmolVLM has no OCR
 * training, and asked for the text of an image without any it writes a sentence, which would
 * land in the Library as "text in the image". A person may still ask it what a sign says.
 */
export const VLM_TASK_PROMPTS: Readonly<Partial<Record<ImageTextTask, string>>> = Object.freeze({
  caption: 'Describe this image in one sentence.',
  'detailed-caption': DEFAULT_VLM_PROMPT,
});

/** Generation stops here unless the caller asks for fewer tokens. */
const DEFAULT_MAX_NEW_TOKENS = 256;

/** Per-session dtype: the entry's for the encoder and decoder, fp32 for the embedding table. */
function sessionDtypes(dtype: DataType | undefined): Record<string, DataType> | undefined {
  if (dtype === undefined) return undefined;
  return { vision_encoder: dtype, embed_tokens: 'fp32', decoder_model_merged: dtype };
}

async function answerOnce(
  vlm: ProcessorAndModel,
  modelId: string,
  image: RgbaImage,
  options: CaptionOptions,
): Promise<CaptionResult> {
  const { signal } = options;
  if (signal?.aborted) throw abortedError(modelId, 'Answering');
  const raw = toRgbRawImage(image, modelId);
  const question =
    options.prompt?.trim() || VLM_TASK_PROMPTS[options.task ?? 'caption'] || DEFAULT_VLM_PROMPT;
  let inputs: Record<string, unknown>;
  try {
    const text = vlm.processor.apply_chat_template(
      [
        {
          role: 'user',
          content: [{ type: 'image' }, { type: 'text', text: question }],
        },
      ] as never,
      { add_generation_prompt: true },
    );
    inputs = (await vlm.processor(text, [raw])) as Record<string, unknown>;
  } catch (error) {
    throw runError(error, modelId, 'Preparing the image and question');
  }
  const inputIds = inputs['input_ids'];
  if (!(inputIds instanceof Tensor)) {
    throw new EngineError('unsupported', `Model "${modelId}" has no processor for images.`, {
      modelId,
    });
  }
  const promptLength = inputIds.dims.at(-1) ?? 0;
  const maxNewTokens = Math.max(1, Math.floor(options.maxNewTokens ?? DEFAULT_MAX_NEW_TOKENS));
  const all = await generateIds(
    vlm.model,
    modelId,
    'Answering',
    { ...inputs, do_sample: false, max_new_tokens: maxNewTokens },
    signal,
  );
  const tokenIds = all.slice(promptLength);
  const text = vlm.processor.batch_decode([tokenIds], { skip_special_tokens: true })[0] ?? '';
  return { text: text.trim(), tokenIds };
}

/**
 * Loads `request.entry` (task 'image-to-text', engine 'transformers', a VLM_MODEL_TYPES model)
 * from `request.files`.
 * @example
 * const vlm = await loadTransformersVlm({ entry, files, device: 'auto' });
 * const { text } = await vlm.caption(image, { prompt: 'What colour is the car?', signal });
 */
export async function loadTransformersVlm(
  request: EngineLoadRequest,
  options: TransformersLoadOptions = {},
): Promise<Captioner> {
  const { entry } = request;
  await checkImageToTextEntry(
    request,
    VLM_MODEL_TYPES,
    (modelType) =>
      `Model "${entry.id}" (${entry.family}, model type "${modelType}") is not a vision-language model Omnia runs with a question.`,
  );
  const loaded = await loadProcessorAndModel(
    request,
    AutoModelForVision2Seq,
    options,
    sessionDtypes,
  );
  const abilities = {
    acceptsPrompt: true,
    tasks: ['caption', 'detailed-caption'],
  } as const;
  return serialCaptioner(entry.id, loaded, abilities, (vlm, image, captionOptions) =>
    answerOnce(vlm, entry.id, image, captionOptions),
  );
}
