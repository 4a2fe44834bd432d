/**
 * The ChatEngine on web-llm, kept thin: our turns and options become one streaming
 * chat-completion request, deltas go to onToken as they arrive, an abort becomes
 * interruptGenerate(), and the usage chunk gives token counts. web-llm needs WebGPU (and
 * shader-f16 for q4f16 builds); without them loading fails with reason 'no-webgpu', so the
 * caller can offer a transformers.js model instead. The library is imported only when a
 * web-llm model is really loaded.
 */
import type {
  AppConfig,
  ChatCompletionChunk,
  ChatCompletionMessageParam,
  ChatCompletionRequestStreaming,
  InitProgressReport,
  MLCEngineConfig,
} from '@mlc-ai/web-llm';
import type { CatalogEntry } from '../../catalog-types';
import { probeWebGpuAdapter, type WebGpuProbe } from '../device-choice';
import {
  abortedError,
  classifyDeviceFailure,
  disposedError,
  EngineError,
  errorText,
  runError,
} from '../errors';
import { createSerial } from '../serial';
import type {
  ChatEngine,
  ChatTurn,
  EngineLoadRequest,
  GenerateOptions,
  GenerateResult,
} from '../types';
import {
  needsShaderF16,
  webLlmAppConfigFor,
  webLlmBuild,
  type WebLlmSources,
} from './webllm-config';

/**
 * The part of web-llm's MLCEngineInterface this adapter uses. MLCEngine and
 * WebWorkerMLCEngine both fit it; tests implement it directly.
 */
export interface WebLlmChatBackend {
  chat: {
    completions: {
      create(request: ChatCompletionRequestStreaming): Promise<AsyncIterable<ChatCompletionChunk>>;
    };
  };
  interruptGenerate(): void;
  unload(): Promise<void>;
}

function toMessage(turn: ChatTurn): ChatCompletionMessageParam {
  return { role: turn.role, content: turn.content };
}

/** Our options as web-llm request fields; temperature 0 (the default) is greedy there too. */
export function webLlmRequest(
  turns: readonly ChatTurn[],
  options: GenerateOptions,
): ChatCompletionRequestStreaming {
  return {
    messages: turns.map(toMessage),
    stream: true,
    stream_options: { include_usage: true },
    temperature: options.temperature ?? 0,
    ...(options.topP !== undefined ? { top_p: options.topP } : {}),
    ...(options.maxNewTokens !== undefined ? { max_tokens: options.maxNewTokens } : {}),
  };
}

function finishReasonOf(reason: string | null | undefined): GenerateResult['finishReason'] | null {
  if (reason === 'length') return 'length';
  if (reason === 'abort') return 'aborted';
  if (reason === 'stop' || reason === 'tool_calls') return 'stop';
  return null;
}

async function generateOnce(
  engine: WebLlmChatBackend,
  modelId: string,
  turns: readonly ChatTurn[],
  options: GenerateOptions,
): Promise<GenerateResult> {
  const started = performance.now();
  const { signal, onToken } = options;
  let text = '';
  let pieces = 0;
  let firstTokenMs: number | null = null;
  let finish: GenerateResult['finishReason'] | null = null;
  let usage: ChatCompletionChunk['usage'];
  // web-llm ends the stream itself after interruptGenerate(), with finish_reason 'abort'.
  const interrupt = (): void => engine.interruptGenerate();
  if (!signal?.aborted) {
    signal?.addEventListener('abort', interrupt, { once: true });
    try {
      const stream = await engine.chat.completions.create(webLlmRequest(turns, options));
      if (signal?.aborted) interrupt();
      for await (const chunk of stream) {
        usage = chunk.usage ?? usage;
        for (const choice of chunk.choices) {
          const delta = choice.delta.content ?? '';
          if (delta) {
            firstTokenMs ??= performance.now() - started;
            text += delta;
            pieces += 1;
            onToken?.({ id: null, text: delta });
          }
          finish = finishReasonOf(choice.finish_reason) ?? finish;
        }
      }
    } catch (error) {
      throw runError(error, modelId, 'Generating');
    } finally {
      signal?.removeEventListener('abort', interrupt);
    }
  }
  const totalMs = performance.now() - started;
  const completionTokens = usage?.completion_tokens ?? pieces;
  const decode = usage?.extra.decode_tokens_per_s;
  return {
    text,
    tokenIds: null,
    promptTokens: usage?.prompt_tokens ?? 0,
    completionTokens,
    // As on transformers.js: a model that finished on its own says 'stop' even if a cancel
    // arrived as it did; otherwise a cancel wins over what the stream said.
    finishReason: finish === 'stop' ? 'stop' : signal?.aborted ? 'aborted' : (finish ?? 'stop'),
    applied: {
      maxNewTokens: options.maxNewTokens ?? null,
      temperature: options.temperature ?? 0,
      topP: options.topP ?? null,
    },
    timings: {
      firstTokenMs,
      totalMs,
      tokensPerSecond:
        decode !== undefined && decode > 0
          ? decode
          : completionTokens > 1 && firstTokenMs !== null && totalMs > firstTokenMs
            ? ((completionTokens - 1) * 1000) / (totalMs - firstTokenMs)
            : null,
    },
  };
}

/**
 * Wraps a loaded web-llm engine as a ChatEngine. onToken gets one call per streamed delta
 * (web-llm sends about one token per delta, without ids).
 */
export function createWebLlmChat(engine: WebLlmChatBackend, entry: CatalogEntry): ChatEngine {
  const serial = createSerial();
  let disposed = false;
  return {
    modelId: entry.id,
    device: 'webgpu',
    fallback: null,
    contextWindow: entry.contextWindow ?? null,
    // web-llm keeps its tokenizer inside the engine; it checks the context window itself.
    tokens: null,
    generate: (turns, options = {}) =>
      serial(() => {
        if (disposed) return Promise.reject(disposedError(entry.id));
        return generateOnce(engine, entry.id, turns, options);
      }),
    dispose: () =>
      serial(async () => {
        if (disposed) return;
        disposed = true;
        await engine.unload();
      }),
  };
}

/** Creates and loads an engine; the default imports web-llm and runs MLCEngine.reload(). */
export type CreateWebLlmEngine = (
  modelId: string,
  config: MLCEngineConfig,
  signal?: AbortSignal,
) => Promise<WebLlmChatBackend>;

const createMlcEngine: CreateWebLlmEngine = async (modelId, config, signal) => {
  const { MLCEngine } = await import('@mlc-ai/web-llm');
  const engine = new MLCEngine(config);
  // unload() aborts a reload in flight (web-llm's own reload controller).
  const cancel = (): void => void engine.unload().catch(() => undefined);
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    await engine.reload(modelId);
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
  return engine;
};

export interface WebLlmLoadOptions extends WebLlmSources {
  /** Builds the AppConfig; defaults to webLlmAppConfigFor(entry, sources). */
  appConfigFor?: (entry: CatalogEntry) => AppConfig;
  createEngine?: CreateWebLlmEngine;
  probe?: WebGpuProbe;
}

/**
 * Loads `request.entry` (engine 'web-llm') through web-llm, which fetches and caches its own
 * files from the AppConfig's URLs (`request.files` is not used: web-llm cannot read from it).
 * @example
 * const chat = await loadWebLlmChat({ entry, files, device: 'webgpu' }, { modelBaseUrl: relay });
 */
export async function loadWebLlmChat(
  request: EngineLoadRequest,
  options: WebLlmLoadOptions = {},
): Promise<ChatEngine> {
  const { entry, signal, onProgress } = request;
  const build = webLlmBuild(entry);
  if (request.device === 'wasm' || request.device === 'cpu') {
    throw new EngineError('unsupported', `Model "${entry.id}" runs on WebGPU only.`, {
      modelId: entry.id,
    });
  }
  if (signal?.aborted) throw abortedError(entry.id, 'Loading');
  const adapter = await (options.probe ?? probeWebGpuAdapter)();
  if (!adapter) {
    throw new EngineError(
      'no-webgpu',
      `Model "${entry.id}" needs WebGPU, and this browser or device offers no adapter. Choose a model that runs without WebGPU.`,
      { modelId: entry.id },
    );
  }
  if (needsShaderF16(entry) && !adapter.shaderF16) {
    throw new EngineError(
      'no-webgpu',
      `Model "${entry.id}" needs the WebGPU feature shader-f16, which this GPU lacks. Choose its f32 build or a model that runs without WebGPU.`,
      { modelId: entry.id },
    );
  }
  const appConfig = (options.appConfigFor ?? ((e) => webLlmAppConfigFor(e, options)))(entry);
  const total = entry.totalBytes;
  const config: MLCEngineConfig = {
    appConfig,
    // web-llm reports a fraction; bytes are estimated from the catalog's total.
    initProgressCallback: (report: InitProgressReport) =>
      onProgress?.({ loaded: Math.round(report.progress * total), total }),
  };
  let engine: WebLlmChatBackend;
  try {
    engine = await (options.createEngine ?? createMlcEngine)(build.modelId, config, signal);
  } catch (error) {
    if (signal?.aborted) throw abortedError(entry.id, 'Loading');
    throw new EngineError(
      classifyDeviceFailure(error),
      `Could not load model "${entry.id}" on webgpu: ${errorText(error)}`,
      { modelId: entry.id, cause: error },
    );
  }
  if (signal?.aborted) {
    await engine.unload();
    throw abortedError(entry.id, 'Loading');
  }
  return createWebLlmChat(engine, entry);
}
