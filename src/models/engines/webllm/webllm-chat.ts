/**
 * The ChatEngine on web-llm, kept thin: our turns and options become one streaming
 * chat-completion request, deltas go to onToken as they arrive, an abort becomes
 * interruptGenerate(), and the usage chunk gives token counts and web-llm's own prefill and
 * decode rates. web-llm needs WebGPU (and shader-f16 for q4f16 builds); without them loading
 * fails with reason 'no-webgpu', so the caller can offer a transformers.js model instead.
 * Loading is in webllm-load.ts.
 */
import type {
  ChatCompletionChunk,
  ChatCompletionMessageParam,
  ChatCompletionRequestStreaming,
} from '@mlc-ai/web-llm';
import type { CatalogEntry } from '../../catalog-types';
import { disposedError, runError } from '../errors';
import { createSerial } from '../serial';
import type { ChatEngine, ChatTurn, GenerateOptions, GenerateResult } from '../types';

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
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
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
  const prefill = usage?.extra.prefill_tokens_per_s;
  const ttft = usage?.extra.time_to_first_token_s;
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
      ...((options.temperature ?? 0) > 0 && options.seed !== undefined
        ? { seed: options.seed }
        : {}),
    },
    timings: {
      // web-llm's own figure when it gives one (prefill measured inside the engine).
      firstTokenMs: ttft !== undefined && ttft > 0 ? ttft * 1000 : firstTokenMs,
      totalMs,
      prefillTokensPerSecond: prefill !== undefined && prefill > 0 ? prefill : null,
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
 * (web-llm sends about one token per delta, without ids). `tokens` counts with web-llm's own
 * tokenizer where the loader could build one (webllm-tokens.ts).
 */
export function createWebLlmChat(
  engine: WebLlmChatBackend,
  entry: CatalogEntry,
  tokens: ChatEngine['tokens'] = null,
): ChatEngine {
  const serial = createSerial();
  let disposed = false;
  return {
    modelId: entry.id,
    device: 'webgpu',
    fallback: null,
    contextWindow: entry.contextWindow ?? null,
    tokens,
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
