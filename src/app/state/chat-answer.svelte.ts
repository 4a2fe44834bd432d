/**
 * The answer being written, for the view: streamed text (flushed once per frame, so a fast
 * model does not re-render markdown per token), where it runs, the ids it produced, and the
 * stop button. core/chat/answer.ts does the work and the storing.
 */
import { runAnswer, type AnswerOutcome, type AnswerSources } from '../../core/chat/answer';
import { ContextOverflowError } from '../../core/chat/context-fit';
import type { GenerationParams } from '../../core/chat/generation-params';
import type { EngineDevice } from '../../models/engines/types';
import type { ChatMessage } from '../../storage';
import { i18n } from '../i18n/i18n.svelte';
import { chatInference } from './chat-inference';

/** The answer being written: shown from memory, token by token, before storage has it. */
export interface StreamingAnswer {
  messageId: string | null;
  parentId: string;
  text: string;
  phase: 'loading' | 'writing';
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
  #frame = 0;

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
  ): Promise<{ outcome: AnswerOutcome | null; error: string | null }> {
    const controller = new AbortController();
    this.#controller = controller;
    this.#streaming = { messageId: null, parentId: parent.id, text: '', phase: 'loading' };
    this.#buffer = '';
    const ids: number[] = [];
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
            if (this.#streaming) {
              this.#streaming = { ...this.#streaming, messageId: message.id, phase: 'writing' };
            }
          },
          onToken: (text, id) => {
            if (id !== null) ids.push(id);
            this.#buffer += text;
            this.#frame ||= requestAnimationFrame(() => this.#flush());
          },
        },
        controller.signal,
      );
      // Token callbacks travel on their own channel and may trail the result: the result's
      // ids are the complete list.
      const final = outcome.result?.tokenIds ?? ids;
      this.#tokenIds = { ...this.#tokenIds, [outcome.message.id]: final };
      return { outcome, error: outcome.error?.message ?? null };
    } catch (error) {
      if (controller.signal.aborted) return { outcome: null, error: null };
      return {
        outcome: null,
        error:
          error instanceof ContextOverflowError
            ? i18n.t('chat.tooLong', { needed: error.needed, available: error.available })
            : error instanceof Error
              ? error.message
              : String(error),
      };
    } finally {
      cancelAnimationFrame(this.#frame);
      this.#frame = 0;
      this.#streaming = null;
      this.#controller = null;
    }
  }

  #flush(): void {
    this.#frame = 0;
    if (this.#streaming && this.#buffer) {
      this.#streaming.text += this.#buffer;
      this.#buffer = '';
    }
  }
}
