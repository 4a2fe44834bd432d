// A STAND-IN for web-llm's engine: web-llm cannot load a model here (it needs MLC weights and
// a compiled WebGPU library), so this class implements the part of MLCEngineInterface our
// adapter uses, streaming real ChatCompletionChunk objects with a usage chunk shaped like
// web-llm's (prefill and decode rates, time to first token). It is what tests put where
// MLCEngine would be; it never stands for a real model run.
import type {
  ChatCompletionChunk,
  ChatCompletionRequestStreaming,
  CompletionUsage,
} from '@mlc-ai/web-llm';
import type { WebLlmChatBackend } from '../../../../src/models/engines/webllm/webllm-chat';

/** The usage figures the stand-in reports, as web-llm's usage chunk carries them. */
export const STAND_IN_USAGE = {
  promptTokens: 21,
  prefillTokensPerSecond: 400,
  decodeTokensPerSecond: 37.5,
  timeToFirstTokenS: 0.05,
} as const;

export function chunk(
  choices: ChatCompletionChunk.Choice[],
  usage?: CompletionUsage,
): ChatCompletionChunk {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'fake',
    choices,
    ...(usage ? { usage } : {}),
  };
}

export interface StandInOptions {
  /** Pause before each delta, in ms (default 1). */
  delayMs?: number;
  /** The request's true prompt size, as web-llm would count it; default 21. */
  promptTokens?: (request: ChatCompletionRequestStreaming) => number;
  /** Like web-llm: a prompt that leaves no room for max_tokens in this window is refused. */
  contextWindow?: number;
  /** The reply for a request; default the `tokens` given to the constructor. */
  reply?: (request: ChatCompletionRequestStreaming) => readonly string[];
}

/** Streams `tokens` one delta each, like MLCEngine, honouring max_tokens and interrupts. */
export class StandInMlcEngine implements WebLlmChatBackend {
  readonly requests: ChatCompletionRequestStreaming[] = [];
  interrupts = 0;
  unloads = 0;
  active = 0;
  maxActive = 0;
  #interrupted = false;

  constructor(
    readonly tokens: readonly string[],
    readonly failWith?: Error,
    readonly options: StandInOptions = {},
  ) {}

  readonly chat = {
    completions: {
      create: (request: ChatCompletionRequestStreaming) => {
        this.requests.push(request);
        this.#interrupted = false;
        const window = this.options.contextWindow;
        const prompt = this.options.promptTokens?.(request) ?? STAND_IN_USAGE.promptTokens;
        if (window !== undefined && prompt + (request.max_tokens ?? 0) > window) {
          // web-llm's own words for it.
          return Promise.reject(
            new Error(
              `ContextWindowSizeExceededError: Prompt tokens exceed context window size: number of prompt tokens: ${prompt}; context window size: ${window}`,
            ),
          );
        }
        return Promise.resolve(this.#stream(request, prompt));
      },
    },
  };

  async *#stream(
    request: ChatCompletionRequestStreaming,
    promptTokens: number,
  ): AsyncGenerator<ChatCompletionChunk> {
    this.active += 1;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      let emitted = 0;
      let finish: ChatCompletionChunk.Choice['finish_reason'] = 'stop';
      yield chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
      const tokens = this.options.reply?.(request) ?? this.tokens;
      for (const token of tokens) {
        await new Promise((resolve) => setTimeout(resolve, this.options.delayMs ?? 1));
        if (this.failWith) throw this.failWith;
        if (this.#interrupted) {
          finish = 'abort';
          break;
        }
        if (request.max_tokens != null && emitted >= request.max_tokens) {
          finish = 'length';
          break;
        }
        emitted += 1;
        yield chunk([{ index: 0, delta: { content: token }, finish_reason: null }]);
      }
      yield chunk([{ index: 0, delta: {}, finish_reason: finish }]);
      if (request.stream_options?.include_usage) {
        const { prefillTokensPerSecond, decodeTokensPerSecond } = STAND_IN_USAGE;
        yield chunk([], {
          prompt_tokens: promptTokens,
          completion_tokens: emitted,
          total_tokens: promptTokens + emitted,
          extra: {
            e2e_latency_s: 0.5,
            prefill_tokens_per_s: prefillTokensPerSecond,
            decode_tokens_per_s: decodeTokensPerSecond,
            time_to_first_token_s: STAND_IN_USAGE.timeToFirstTokenS,
            time_per_output_token_s: 1 / decodeTokensPerSecond,
          },
        });
      }
    } finally {
      this.active -= 1;
    }
  }

  interruptGenerate(): void {
    this.interrupts += 1;
    this.#interrupted = true;
  }

  unload(): Promise<void> {
    this.unloads += 1;
    return Promise.resolve();
  }
}
