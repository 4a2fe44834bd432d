/**
 * The answer being written, for the view: streamed text (flushed at most 20 times a second,
 * and less often when rendering it grows costly, so a fast model does not re-render markdown
 * per token nor lose the CPU to it: frame-flusher.ts), where it runs, the ids it produced, and the
 * stop button. core/chat/answer.ts does the work and the storing; the stored answer is handed
 * to `onStored` before the streamed text goes, so the view never falls back to an older save.
 */
import { tick } from 'svelte';
import {
  gpuLossOf,
  runAnswer,
  type AnswerOutcome,
  type AnswerSources,
  type GpuLoss,
} from '../../core/chat/answer';
import { ContextOverflowError } from '../../core/chat/context-fit';
import type { GenerationParams } from '../../core/chat/generation-params';
import type { EngineDevice } from '../../models/engines/types';
import type { ChatMessage } from '../../storage';
import { i18n } from '../i18n/i18n.svelte';
import { chatInference } from './chat-inference';
import { createFrameFlusher, STREAMING_ANSWER } from './frame-flusher';

/** The answer being written: shown from memory, token by token, before storage has it. */
export interface StreamingAnswer {
  messageId: string | null;
  parentId: string;
  text: string;
  /** Tokens streamed so far (counted with the text, once per frame). */
  tokens: number;
  phase: 'loading' | 'writing';
}

/**
 * The GPU went away during an answer: mid-answer ('answer': the partial answer is stored,
 * marked) or while loading ('load': nothing was stored, or the load itself moved to the CPU
 * and the answer went on there, `recovered`).
 */
export interface AnswerGpuLoss {
  kind: GpuLoss;
  during: 'answer' | 'load';
  recovered: boolean;
  detail: string;
}

export interface AnswerRun {
  outcome: AnswerOutcome | null;
  /** What to tell the person; null when all went well or a GPU loss says it instead. */
  error: string | null;
  gpuLoss: AnswerGpuLoss | null;
}

export interface AnswerSetup {
  modelId: string;
  device: EngineDevice | 'auto';
  systemPrompt: string;
  personaId: string;
  params: GenerationParams;
  now: () => number;
  sources?: AnswerSources;
}

export class AnswerStream {
  #streaming = $state<StreamingAnswer | null>(null);
  #lastDevice = $state<{ device: EngineDevice; fallback: string | null } | null>(null);
  /** Generated ids per answer, shown to developers only (tests compare exact tokens). */
  #tokenIds = $state.raw<Record<string, number[]>>({});
  #controller: AbortController | null = null;
  #buffer = '';
  #count = 0;
  #flusher = createFrameFlusher(async () => {
    this.#flush();
    await tick();
  }, STREAMING_ANSWER);
  readonly #onStored: (message: ChatMessage) => void;

  /** `onStored` gets each finished answer as stored, just before the streamed text goes. */
  constructor(onStored: (message: ChatMessage) => void = () => {}) {
    this.#onStored = onStored;
  }

  get current(): StreamingAnswer | null {
    return this.#streaming;
  }
  get lastDevice(): { device: EngineDevice; fallback: string | null } | null {
    return this.#lastDevice;
  }
  tokenIds(messageId: string): number[] | undefined {
    return this.#tokenIds[messageId];
  }

  stop(): void {
    this.#controller?.abort();
  }

  /**
   * Answers `parent`; resolves with the stored outcome, or with an error message a person
   * can act on when nothing could be stored (model failed to load, message too long).
   */
  async run(
    parent: ChatMessage,
    path: readonly ChatMessage[],
    setup: AnswerSetup,
  ): Promise<AnswerRun> {
    const controller = new AbortController();
    this.#controller = controller;
    this.#streaming = {
      messageId: null,
      parentId: parent.id,
      text: '',
      tokens: 0,
      phase: 'loading',
    };
    this.#buffer = '';
    this.#count = 0;
    const ids: number[] = [];
    let loadLoss: AnswerGpuLoss | null = null;
    let stored: ChatMessage | null = null;
    try {
      const outcome = await runAnswer(
        chatInference(),
        { parent, path, newId: () => crypto.randomUUID(), ...setup },
        {
          onStart: (message, info) => {
            this.#lastDevice = {
              device: info.device,
              fallback: info.fallback ? info.fallback.detail : null,
            };
            // WebGPU broke while loading and the worker loaded on the CPU instead.
            const reason = info.fallback?.reason;
            if (reason === 'device-lost' || reason === 'out-of-memory') {
              const detail = info.fallback?.detail ?? '';
              loadLoss = { kind: reason, during: 'load', recovered: true, detail };
            }
            if (this.#streaming) {
              this.#streaming = { ...this.#streaming, messageId: message.id, phase: 'writing' };
            }
          },
          onToken: (text, id) => {
            if (id !== null) ids.push(id);
            this.#count += 1;
            this.#buffer += text;
            this.#flusher.request();
          },
          // The whole text is known: show it now, while it is being stored.
          onGenerated: (result) => {
            this.#flusher.cancel();
            this.#buffer = '';
            if (this.#streaming) {
              this.#streaming.text = result.text;
              this.#streaming.tokens = this.#count;
            }
          },
        },
        controller.signal,
      );
      // Token callbacks travel on their own channel and may trail the result: the result's
      // ids are the complete list.
      stored = outcome.message;
      const final = outcome.result?.tokenIds ?? ids;
      this.#tokenIds = { ...this.#tokenIds, [outcome.message.id]: final };
      const lost: AnswerGpuLoss | null = outcome.gpuLoss
        ? {
            kind: outcome.gpuLoss,
            during: 'answer',
            recovered: false,
            detail: outcome.error?.message ?? '',
          }
        : null;
      return {
        outcome,
        error: lost ? null : (outcome.error?.message ?? null),
        gpuLoss: lost ?? loadLoss,
      };
    } catch (error) {
      if (controller.signal.aborted) return { outcome: null, error: null, gpuLoss: null };
      const kind = gpuLossOf(error, setup.device === 'webgpu' ? 'webgpu' : null);
      if (kind) {
        const detail = error instanceof Error ? error.message : String(error);
        return {
          outcome: null,
          error: null,
          gpuLoss: { kind, during: 'load', recovered: false, detail },
        };
      }
      return {
        outcome: null,
        gpuLoss: null,
        error:
          error instanceof ContextOverflowError
            ? i18n.t('chat.tooLong', { needed: error.needed, available: error.available })
            : error instanceof Error
              ? error.message
              : String(error),
      };
    } finally {
      this.#flusher.cancel();
      if (stored) this.#onStored(stored);
      this.#streaming = null;
      this.#controller = null;
    }
  }

  #flush(): void {
    if (this.#streaming && (this.#buffer || this.#streaming.tokens !== this.#count)) {
      this.#streaming.text += this.#buffer;
      this.#streaming.tokens = this.#count;
      this.#buffer = '';
    }
  }
}
