// runAnswer talks to a ChatBackend (the inference worker's client in the app). These tests
// put the real transformers.js engine behind that interface instead of a scripted fake, so
// token counts, context limits, streaming and abort are the engine's own; the adapter only
// records what it was asked, so a test can check exactly what reached the model. Also here:
// conversations stored as the app stores them, and the two ways a real backend misbehaves
// (failing mid-stream, and the worker client's reject-at-once abort).
import { expect } from 'vitest';
import type { AnswerRequest, ChatBackend } from '../../../../src/core/chat/answer';
import type { ChatEngine, ChatTurn } from '../../../../src/models/engines/types';
import {
  addMessage,
  createConversation,
  listMessages,
  type ChatMessage,
} from '../../../../src/storage';
import { TaskAbortedError } from '../../../../src/workers/errors';
import type { GenerateRequest } from '../../../../src/workers/inference-client';

export interface RecordingBackend extends ChatBackend {
  /** Every generate() request, in order (turns copied as they arrived). */
  readonly requests: GenerateRequest[];
  /** What each generate() call ended with: the engine's result, or the error it threw. */
  readonly outcomes: ({ ok: true; text: string } | { ok: false; error: unknown })[];
  /** How often the token counting methods were called. */
  readonly counts: { countTokens: number; countPromptTokens: number };
}

export interface EngineBackendOptions {
  /** Report no tokenizer (like web-llm): counting then throws, so any use fails the test. */
  countsTokens?: boolean;
}

function tokenCounter(chat: ChatEngine): NonNullable<ChatEngine['tokens']> {
  if (!chat.tokens) throw new Error(`${chat.modelId} has no tokenizer`);
  return chat.tokens;
}

/** A ChatBackend over a loaded ChatEngine, as the inference worker would expose it. */
export function engineBackend(
  chat: ChatEngine,
  options: EngineBackendOptions = {},
): RecordingBackend {
  const countsTokens = options.countsTokens ?? chat.tokens !== null;
  const requests: GenerateRequest[] = [];
  const outcomes: RecordingBackend['outcomes'] = [];
  const counts = { countTokens: 0, countPromptTokens: 0 };
  const noCounting = (): Error =>
    new Error('this backend reported countsTokens: false, yet tokens were counted');
  return {
    requests,
    outcomes,
    counts,
    ensureChat: (modelId) =>
      Promise.resolve({
        modelId,
        device: chat.device,
        fallback: chat.fallback,
        loadMs: 0,
        contextWindow: chat.contextWindow,
        countsTokens,
      }),
    countTokens: (_modelId, texts) => {
      counts.countTokens++;
      if (!countsTokens) return Promise.reject(noCounting());
      return tokenCounter(chat).countEach(texts);
    },
    countPromptTokens: (_modelId, turns) => {
      counts.countPromptTokens++;
      if (!countsTokens) return Promise.reject(noCounting());
      return tokenCounter(chat).countPrompt(turns);
    },
    generate: async (_modelId, request, generateOptions = {}) => {
      requests.push({ ...request, turns: request.turns.map((t: ChatTurn) => ({ ...t })) });
      try {
        const result = await chat.generate(request.turns, {
          maxNewTokens: request.maxNewTokens,
          temperature: request.temperature,
          topP: request.topP,
          signal: generateOptions.signal,
          onToken: generateOptions.onToken,
        });
        outcomes.push({ ok: true, text: result.text });
        return result;
      } catch (error) {
        outcomes.push({ ok: false, error });
        throw error;
      }
    },
  };
}

/**
 * Creates conversation `id` and stores `turns` as one chain (each the previous one's child),
 * as the app does before answering; returns the stored root-to-leaf path.
 */
export async function seedConversation(
  id: string,
  turns: readonly ChatTurn[],
  startAt = 1_000,
): Promise<ChatMessage[]> {
  await createConversation({ id, title: 'Test', now: startAt });
  const path: ChatMessage[] = [];
  for (const [i, turn] of turns.entries()) {
    const message: ChatMessage = {
      id: `${id}-m${i}`,
      conversationId: id,
      parentId: path.at(-1)?.id ?? null,
      role: turn.role,
      content: turn.content,
      createdAt: startAt + i + 1,
    };
    await addMessage(message);
    path.push(message);
  }
  return path;
}

/** Message ids are unique across the database (the app uses UUIDs). */
let answerIds = 0;

/**
 * The request the app makes to answer the last message of `path`: greedy, 50 new tokens,
 * ids `answer-N`, and a clock that moves 10 ms per reading.
 */
export function answerRequest(
  path: readonly ChatMessage[],
  overrides: Partial<AnswerRequest> & Pick<AnswerRequest, 'modelId' | 'systemPrompt'>,
): AnswerRequest {
  const parent = path.at(-1);
  if (!parent) throw new Error('an answer needs a stored user message');
  let clock = 50_000;
  return {
    parent,
    path,
    personaId: 'default',
    params: { temperature: 0, topP: 0.9, maxNewTokens: 50 },
    device: 'cpu',
    newId: () => `answer-${++answerIds}`,
    now: () => (clock += 10),
    ...overrides,
  };
}

/** The one answer runAnswer stored in the conversation (seeded messages aside). */
export async function storedAnswer(conversationId: string): Promise<ChatMessage> {
  const answers = (await listMessages(conversationId)).filter((m) => m.id.startsWith('answer-'));
  expect(answers).toHaveLength(1);
  const [answer] = answers;
  if (!answer) throw new Error('no stored answer');
  return answer;
}

/**
 * The dependency failing: the real engine streams `tokens` tokens, is stopped there, and then
 * generate() throws an Error of `failure`, or what `failure` makes (as a lost GPU device or a
 * crashed worker would).
 */
export function failingAfter(
  backend: ChatBackend,
  tokens: number,
  failure: string | (() => Error),
): ChatBackend {
  return {
    ...backend,
    generate: async (modelId, request, options = {}) => {
      const stop = new AbortController();
      let streamed = 0;
      await backend.generate(modelId, request, {
        signal: stop.signal,
        onToken: (t) => {
          options.onToken?.(t);
          if (++streamed === tokens) stop.abort();
        },
      });
      throw typeof failure === 'string' ? new Error(failure) : failure();
    },
  };
}

/**
 * The worker client's abort contract (ManagedWorker.run): generate() rejects with
 * TaskAbortedError the moment the signal aborts, while the engine in the worker hears of it
 * later and may stream `lateTokens` more tokens through the still-live onToken proxy.
 * `settled` resolves once the engine itself has finished; `trailing` holds the texts sent
 * after the abort.
 */
export function rejectingOnAbort(
  backend: ChatBackend,
  lateTokens: number,
): ChatBackend & { settled: Promise<void>[]; trailing: string[] } {
  const settled: Promise<void>[] = [];
  const trailing: string[] = [];
  return {
    ...backend,
    settled,
    trailing,
    generate: (modelId, request, options = {}) => {
      const { signal, onToken } = options;
      const engineStop = new AbortController();
      let late = -1; // tokens since the caller aborted; -1 while it has not
      const engine = backend.generate(modelId, request, {
        signal: engineStop.signal,
        onToken: (t) => {
          if (late >= 0) {
            trailing.push(t.text);
            if (++late >= lateTokens) engineStop.abort();
          }
          onToken?.(t);
        },
      });
      settled.push(
        engine.then(
          () => undefined,
          () => undefined,
        ),
      );
      return new Promise((resolve, reject) => {
        const onAbort = (): void => {
          reject(new TaskAbortedError({ workerName: 'inference' }));
          late = 0;
          if (lateTokens === 0) engineStop.abort();
        };
        if (signal?.aborted) onAbort();
        else signal?.addEventListener('abort', onAbort, { once: true });
        engine.then(resolve, reject);
      });
    },
  };
}
