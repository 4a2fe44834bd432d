/**
 * What the image-to-text adapters on transformers.js share: the Captioner (image encoder +
 * text decoder, no prompt), the VLM (image + question) and Florence-2 (task prompts). Each
 * checks the entry and the model_type config.json declares before any weights load, checks and
 * decodes the pixels the same way, runs `generate()` with an AbortSignal that stops it between
 * tokens, and hands out a Captioner whose calls run one at a time until it is disposed; the
 * processor-driven two load their processor and model the same way.
 */
import {
  AutoProcessor,
  InterruptableStoppingCriteria,
  RawImage,
  Tensor,
  type DataType,
  type PreTrainedModel,
  type Processor,
} from '@huggingface/transformers';
import type { LoadedOn } from '../device-choice';
import {
  loadTransformersPipeline,
  type PipelineAttempt,
  type TransformersLoadOptions,
} from './transformers-load';
import { abortedError, disposedError, EngineError, errorText, runError } from '../errors';
import { createSerial } from '../serial';
import type {
  CaptionOptions,
  CaptionResult,
  Captioner,
  EngineLoadRequest,
  ImageTextTask,
  RgbaImage,
} from '../types';

/** What a Captioner says about itself: whether it reads a question, and its tasks. */
export interface CaptionerAbilities {
  acceptsPrompt: boolean;
  tasks: readonly ImageTextTask[];
}

/**
 * The model_type config.json declares, read before any weights load (the vision worker routes
 * on it). null when the source has no config.json (the load then names the missing file).
 */
export async function declaredModelType(request: EngineLoadRequest): Promise<string | null> {
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

/**
 * Refuses, before any weights load, an entry that is not an image-to-text model, a cancelled
 * load, and a model whose declared model_type is not in `modelTypes` (`refusal` says why).
 */
export async function checkImageToTextEntry(
  request: EngineLoadRequest,
  modelTypes: ReadonlySet<string>,
  refusal: (modelType: string) => string,
): Promise<void> {
  const { entry } = request;
  if (entry.task !== 'image-to-text') {
    throw new EngineError('unsupported', `Model "${entry.id}" is not an image-to-text model.`, {
      modelId: entry.id,
    });
  }
  if (request.signal?.aborted) throw abortedError(entry.id, 'Loading');
  const modelType = await declaredModelType(request);
  if (modelType !== null && !modelTypes.has(modelType)) {
    throw new EngineError('unsupported', refusal(modelType), { modelId: entry.id });
  }
}

/** Checks the pixels and drops alpha: the image processors read 3 channels. */
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

/**
 * Runs `model.generate(args)` and returns every id of the sequence (prompt or start token
 * included). `signal` stops generation between tokens; a cancelled call gives no ids at all,
 * as an answer cut short describes nothing well. `activity` names the work in errors.
 */
export async function generateIds(
  model: PreTrainedModel,
  modelId: string,
  activity: string,
  args: Record<string, unknown>,
  signal: AbortSignal | undefined,
): Promise<number[]> {
  if (signal?.aborted) throw abortedError(modelId, activity);
  const stopper = new InterruptableStoppingCriteria();
  const interrupt = (): void => stopper.interrupt();
  signal?.addEventListener('abort', interrupt, { once: true });
  let all: number[];
  try {
    all = sequenceIds(await model.generate({ ...args, stopping_criteria: [stopper] }));
  } catch (error) {
    throw runError(error, modelId, activity);
  } finally {
    signal?.removeEventListener('abort', interrupt);
  }
  if (signal?.aborted) throw abortedError(modelId, activity);
  return all;
}

/** A processor-driven image-to-text model (a VLM, Florence-2): its processor and its model. */
export interface ProcessorAndModel {
  processor: Processor;
  model: PreTrainedModel;
  dispose(): Promise<unknown>;
}

/** A transformers.js model class (or Auto class) that loads from a repo. */
interface ModelClass {
  from_pretrained(repo: string, options: Record<string, unknown>): Promise<PreTrainedModel>;
}

/**
 * Loads the entry's processor and `modelClass` from the verified files, on the device the
 * attempt picks; `dtypeOf` maps the entry's dtype to what the model sessions load (a VLM loads
 * its embedding table in fp32, whatever the rest).
 */
export function loadProcessorAndModel(
  request: EngineLoadRequest,
  modelClass: ModelClass,
  options: TransformersLoadOptions,
  dtypeOf: (dtype: DataType | undefined) => DataType | Record<string, DataType> | undefined = (
    dtype,
  ) => dtype,
) {
  const repo = request.entry.repo;
  return loadTransformersPipeline<ProcessorAndModel>(
    request,
    async (attempt: PipelineAttempt) => {
      const common = { revision: attempt.revision, progress_callback: attempt.progress_callback };
      const processor = await AutoProcessor.from_pretrained(repo, common);
      const dtype = dtypeOf(attempt.dtype);
      const model = await modelClass.from_pretrained(repo, {
        ...common,
        device: attempt.device,
        ...(dtype ? { dtype } : {}),
      });
      return { processor, model, dispose: () => model.dispose() };
    },
    options,
  );
}

/**
 * The Captioner over a loaded model: calls run one at a time, a call after dispose() is
 * refused, and dispose() frees the model once.
 */
export function serialCaptioner<P extends { dispose(): Promise<unknown> }>(
  modelId: string,
  loaded: LoadedOn<P>,
  abilities: CaptionerAbilities,
  captionOnce: (value: P, image: RgbaImage, options: CaptionOptions) => Promise<CaptionResult>,
): Captioner {
  const value = loaded.value;
  const serial = createSerial();
  let disposed = false;
  return {
    modelId,
    device: loaded.device,
    fallback: loaded.fallback,
    acceptsPrompt: abilities.acceptsPrompt,
    tasks: abilities.tasks,
    caption: (image, options = {}) =>
      serial(() => {
        if (disposed) return Promise.reject(disposedError(modelId));
        if (options.task && !abilities.tasks.includes(options.task)) {
          return Promise.reject(
            new EngineError(
              'unsupported',
              `Model "${modelId}" cannot do "${options.task}" (it does: ${abilities.tasks.join(', ')}).`,
              { modelId },
            ),
          );
        }
        return captionOnce(value, image, options);
      }),
    dispose: () =>
      serial(async () => {
        if (disposed) return;
        disposed = true;
        await value.dispose();
      }),
  };
}
