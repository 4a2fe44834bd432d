/**
 * The ChatEngine on transformers.js: the model's own chat template, then generate() with a
 * per-token streamer (each token's text goes to onToken as it is sampled), greedy decoding
 * unless a temperature is given, and cancellation through a stopping criterion that the
 * AbortSignal trips, so an aborted answer keeps what was generated. On WebGPU a lost device
 * ends the answer at once with EngineError 'device-lost' (the tokens streamed before it stay
 * the caller's), and a worker whose device was lost refuses to load or generate again.
 */
import {
  InterruptableStoppingCriteria,
  pipeline,
  random,
  type Message,
  type PreTrainedTokenizer,
  TextStreamer,
  type TextGenerationPipeline,
} from '@huggingface/transformers';
import { deviceLostError, disposedError, EngineError, runError } from '../errors';
import { createSerial } from '../serial';
import type {
  ChatEngine,
  ChatTurn,
  EngineDevice,
  EngineLoadRequest,
  GenerateOptions,
  GenerateResult,
} from '../types';
import {
  brokenByDeviceLoss,
  lossAfterFailure,
  raceDeviceLoss,
  watchDeviceWhileLoaded,
  webGpuDeviceLost,
} from './transformers-gpu-loss';
import { TokenText } from './token-text';
import { loadTransformersPipeline, type TransformersLoadOptions } from './transformers-load';

/** New tokens when the caller sets no limit (further capped by the context window). */
export const DEFAULT_MAX_NEW_TOKENS = 512;

/**
 * Hands each generated id to a callback; the first put() is the prompt, skipped. It extends
 * TextStreamer only because generate()'s types ask for one; none of its word buffering runs.
 */
class TokenCallbackStreamer extends TextStreamer {
  #promptSeen = false;
  readonly #onId: (id: number) => void;

  constructor(tokenizer: PreTrainedTokenizer, onId: (id: number) => void) {
    super(tokenizer, { skip_prompt: true });
    this.#onId = onId;
  }

  override put(value: bigint[][]): void {
    if (!this.#promptSeen) {
      this.#promptSeen = true;
      return;
    }
    const id = value[0]?.[0];
    if (id !== undefined) this.#onId(Number(id));
  }

  override end(): void {}
}

function hasChatTemplate(tokenizer: PreTrainedTokenizer): boolean {
  try {
    return tokenizer.get_chat_template().length > 0;
  } catch {
    return false;
  }
}

/** EOS ids from generation_config.json (or config.json), to tell 'stop' from 'length'. */
function eosIds(generator: TextGenerationPipeline): ReadonlySet<number> {
  const read = (value: unknown): number[] =>
    typeof value === 'number'
      ? [value]
      : Array.isArray(value)
        ? value.filter((v): v is number => typeof v === 'number')
        : [];
  const fromGeneration = read(generator.model.generation_config?.eos_token_id);
  const config = generator.model.config as { eos_token_id?: unknown };
  return new Set(fromGeneration.length > 0 ? fromGeneration : read(config.eos_token_id));
}

function samplingOptions(options: GenerateOptions): Record<string, number | boolean> {
  const temperature = options.temperature ?? 0;
  if (temperature <= 0) return { do_sample: false };
  return {
    do_sample: true,
    temperature,
    ...(options.topP !== undefined ? { top_p: options.topP } : {}),
  };
}

/** transformers.js types its shared generator's `seed` as `any`; it is Random.prototype.seed. */
const seedSampler = random.seed as (seed: number) => void;

/** Whether this answer samples from a given seed (greedy decoding draws no random numbers). */
function seeded(options: GenerateOptions): options is GenerateOptions & { seed: number } {
  return (options.temperature ?? 0) > 0 && options.seed !== undefined;
}

/** Decode rate: tokens after the first over the time after the first (null below two). */
export function decodeRate(
  tokens: number,
  firstTokenMs: number | null,
  totalMs: number,
): number | null {
  if (tokens < 2 || firstTokenMs === null || totalMs <= firstTokenMs) return null;
  return ((tokens - 1) * 1000) / (totalMs - firstTokenMs);
}

async function generateOnce(
  generator: TextGenerationPipeline,
  context: {
    modelId: string;
    device: EngineDevice;
    contextWindow: number | undefined;
    eos: ReadonlySet<number>;
  },
  turns: readonly ChatTurn[],
  options: GenerateOptions,
): Promise<GenerateResult> {
  const started = performance.now();
  const { tokenizer, model } = generator;
  const { signal, onToken } = options;
  const messages: Message[] = turns.map((t) => ({ role: t.role, content: t.content }));
  let inputs;
  try {
    inputs = tokenizer.apply_chat_template(messages, {
      add_generation_prompt: true,
      return_dict: true,
    });
  } catch (error) {
    // Templates reject some conversations themselves (e.g. roles that do not alternate).
    throw runError(error, context.modelId, 'Building the prompt');
  }
  const promptTokens = inputs.input_ids.dims.at(-1) ?? 0;
  const room =
    context.contextWindow === undefined ? Infinity : context.contextWindow - promptTokens;
  if (room <= 0) {
    throw new EngineError(
      'prompt-too-long',
      `The conversation is ${promptTokens} tokens; model "${context.modelId}" holds ${context.contextWindow}. Shorten it or start a new chat.`,
      { modelId: context.modelId },
    );
  }
  const onGpu = context.device === 'webgpu';
  const lostBefore = onGpu ? webGpuDeviceLost() : null;
  if (lostBefore) throw deviceLostError(context.modelId, lostBefore, 'before generating');
  const maxNewTokens = Math.min(options.maxNewTokens ?? DEFAULT_MAX_NEW_TOKENS, room);
  const text = new TokenText((ids) => tokenizer.decode(ids, { skip_special_tokens: true }));
  let firstTokenMs: number | null = null;
  const stopper = new InterruptableStoppingCriteria();
  const interrupt = (): void => stopper.interrupt();
  signal?.addEventListener('abort', interrupt, { once: true });
  let lost = false;

  const streamer = new TokenCallbackStreamer(tokenizer, (id) => {
    // A step that ends after the loss ran on a dead device: its token is not the model's.
    if (lost) return;
    firstTokenMs ??= performance.now() - started;
    const last =
      context.eos.has(id) || text.ids.length + 1 >= maxNewTokens || signal?.aborted === true;
    const piece = text.push(id, last); // before onToken?.(), which skips its arguments if unset
    onToken?.({ id, text: piece });
  });
  try {
    if (!signal?.aborted) {
      // transformers.js samples from one module-wide generator; this worker runs one
      // generation at a time (serial below), so seeding it here seeds this answer alone.
      if (seeded(options)) seedSampler(options.seed);
      const generating = model.generate({
        ...inputs,
        max_new_tokens: maxNewTokens,
        ...samplingOptions(options),
        streamer,
        stopping_criteria: [stopper],
      });
      // On WebGPU a lost device ends the answer at once (onnxruntime fails only seconds
      // later, and could stall); what was streamed before it is kept.
      const loss = onGpu
        ? await raceDeviceLoss(generating, () => (lost = true))
        : await generating.then(() => null);
      if (loss) {
        stopper.interrupt();
        throw deviceLostError(context.modelId, loss, `after ${text.ids.length} tokens`);
      }
    }
  } catch (error) {
    // onnxruntime's own errors after a loss name none ("failed to call OrtRun() … __next_prime
    // overflow", "… Failed to download data from buffer"): the device tells.
    const loss = onGpu && !(error instanceof EngineError) ? await lossAfterFailure() : null;
    if (loss) {
      throw deviceLostError(context.modelId, loss, `after ${text.ids.length} tokens`, error);
    }
    throw runError(error, context.modelId, 'Generating');
  } finally {
    signal?.removeEventListener('abort', interrupt);
  }

  const ids = [...text.ids];
  const lastId = ids.at(-1);
  const finishReason: GenerateResult['finishReason'] =
    lastId !== undefined && context.eos.has(lastId)
      ? 'stop'
      : signal?.aborted
        ? 'aborted'
        : 'length';
  const totalMs = performance.now() - started;
  const sampling = samplingOptions(options);
  return {
    // An aborted answer may end inside a character: keep only what was streamed.
    text: finishReason === 'aborted' ? text.emitted : text.full(),
    tokenIds: ids,
    promptTokens,
    completionTokens: ids.length,
    finishReason,
    timings: {
      firstTokenMs,
      totalMs,
      tokensPerSecond: decodeRate(ids.length, firstTokenMs, totalMs),
      prefillTokensPerSecond:
        firstTokenMs !== null && firstTokenMs > 0 ? (promptTokens * 1000) / firstTokenMs : null,
    },
    applied: {
      maxNewTokens,
      temperature: sampling['do_sample'] === true ? (options.temperature ?? 0) : 0,
      topP: sampling['do_sample'] === true ? (options.topP ?? null) : null,
      ...(seeded(options) ? { seed: options.seed } : {}),
    },
  };
}

/**
 * Loads `request.entry` (task 'chat', engine 'transformers') from `request.files`.
 * @example
 * const chat = await loadTransformersChat({ entry, files, device: 'auto' });
 * const { text } = await chat.generate([{ role: 'user', content: 'Oi!' }], { onToken });
 */
export async function loadTransformersChat(
  request: EngineLoadRequest,
  options: TransformersLoadOptions = {},
): Promise<ChatEngine> {
  const { entry } = request;
  if (entry.task !== 'chat') {
    throw new EngineError('unsupported', `Model "${entry.id}" is not a chat model.`, {
      modelId: entry.id,
    });
  }
  // A device lost under a loaded model leaves onnxruntime in this worker unusable, on WASM
  // too (its next run fails): refuse, so the caller starts afresh instead of failing later.
  const broken = brokenByDeviceLoss();
  if (broken) throw deviceLostError(entry.id, broken, 'before loading');
  const loaded = await loadTransformersPipeline<TextGenerationPipeline>(
    request,
    (attempt) =>
      pipeline('text-generation', entry.repo, {
        device: attempt.device,
        ...(attempt.dtype ? { dtype: attempt.dtype } : {}),
        revision: attempt.revision,
        progress_callback: attempt.progress_callback,
      }),
    options,
  );
  const generator = loaded.value;
  if (!hasChatTemplate(generator.tokenizer)) {
    await generator.dispose();
    throw new EngineError('unsupported', `Model "${entry.id}" has no chat template.`, {
      modelId: entry.id,
    });
  }
  const context = {
    modelId: entry.id,
    device: loaded.device,
    contextWindow: entry.contextWindow,
    eos: eosIds(generator),
  };
  const serial = createSerial();
  let disposed = false;
  if (loaded.device === 'webgpu') watchDeviceWhileLoaded(() => !disposed);

  const { tokenizer } = generator;
  return {
    modelId: entry.id,
    device: loaded.device,
    fallback: loaded.fallback,
    contextWindow: entry.contextWindow ?? null,
    tokens: {
      countEach: (texts) =>
        Promise.resolve(
          texts.map((t) => tokenizer.encode(t, { add_special_tokens: false }).length),
        ),
      countPrompt: (turns) =>
        Promise.resolve(
          tokenizer.apply_chat_template(
            turns.map((t) => ({ role: t.role, content: t.content })),
            {
              add_generation_prompt: true,
              tokenize: true,
              return_tensor: false,
              return_dict: false,
            },
          ).length,
        ),
    },
    generate: (turns, generateOptions = {}) =>
      serial(() => {
        if (disposed) return Promise.reject(disposedError(entry.id));
        return generateOnce(generator, context, turns, generateOptions);
      }),
    dispose: () =>
      serial(async () => {
        if (disposed) return;
        disposed = true;
        await generator.dispose();
      }),
  };
}
