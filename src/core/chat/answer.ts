// One answer, end to end (DESIGN.md "Ask"): load the chat model if needed, fit the history
// into its context window with real token counts, stream the reply, and keep the stored
// message in step with it — created when the first token is due, saved while it grows (so a
// closed tab keeps most of it), and finished with tokens, timings and how it ended.
import type {
  ChatTurn,
  EngineDevice,
  GeneratedToken,
  GenerateResult,
} from '../../models/engines/types';
import { EngineError } from '../../models/engines/errors';
import { addMessage, updateMessage, type ChatMessage } from '../../storage';
import { WorkerTaskError } from '../../workers/errors';
import type { ChatModelInfo, GenerateRequest } from '../../workers/inference-client';
import { fitWithSources, type AnswerSources } from './answer-sources';
import { type FitResult, type TokenCounter } from './context-fit';
import type { GenerationParams } from './generation-params';
import { turnContent } from './image-turns';

export type { AnswerSources } from './answer-sources';

/** The part of the inference client an answer needs (the worker client fits it). */
export interface ChatBackend {
  ensureChat(
    modelId: string,
    device: EngineDevice | 'auto',
    options?: { signal?: AbortSignal },
  ): Promise<ChatModelInfo>;
  countTokens(modelId: string, texts: readonly string[]): Promise<number[]>;
  countPromptTokens(modelId: string, turns: readonly ChatTurn[]): Promise<number>;
  generate(
    modelId: string,
    request: GenerateRequest,
    options?: { signal?: AbortSignal; onToken?: (t: GeneratedToken) => void },
  ): Promise<GenerateResult>;
}

export interface AnswerRequest {
  /** The user message to answer, already stored; the answer becomes its child. */
  parent: ChatMessage;
  /** Root-to-parent path (parent included): the history the model sees. */
  path: readonly ChatMessage[];
  systemPrompt: string;
  personaId: string;
  params: GenerationParams;
  modelId: string;
  device: EngineDevice | 'auto';
  newId: () => string;
  now: () => number;
  /** How often the growing answer is saved, in ms (default 500). */
  saveEveryMs?: number;
  /** Library passages to answer from; as many as fit are quoted and become the citations. */
  sources?: AnswerSources;
}

export interface AnswerEvents {
  /** The answer's message exists (empty) and tokens are about to come. */
  onStart?: (message: ChatMessage, info: ChatModelInfo, fit: FitResult) => void;
  onToken?: (text: string, id: number | null) => void;
  /**
   * The model has finished (the answer's final text is known) and the answer is about to be
   * stored: a view can show the final text now, while the write runs.
   */
  onGenerated?: (result: GenerateResult) => void;
}

export interface AnswerOutcome {
  message: ChatMessage;
  result: GenerateResult | null;
  /** Set when generation failed (the partial answer is kept and marked 'error'). */
  error: Error | null;
  /** Set when the GPU went away mid-answer (the partial answer is marked 'device-lost'). */
  gpuLoss: GpuLoss | null;
}

/** How a GPU can go away under a model: lost (reset, crash, destroy()) or out of its memory. */
export type GpuLoss = 'device-lost' | 'out-of-memory';

/**
 * Whether `error` means the GPU went away under a model running on `device`. Out of memory
 * counts only on WebGPU: on the CPU it is the machine's memory, which no fallback frees.
 * The worker client's errors carry a `kind`, the engines' own a `reason`.
 */
export function gpuLossOf(error: unknown, device: EngineDevice | 'auto' | null): GpuLoss | null {
  const kind =
    error instanceof WorkerTaskError
      ? error.kind
      : error instanceof EngineError
        ? error.reason
        : null;
  if (kind === 'device-lost') return kind;
  return kind === 'out-of-memory' && device === 'webgpu' ? kind : null;
}

/** Used when an engine has no tokenizer to count with (web-llm): a generous estimate. */
const CHARS_PER_TOKEN_ESTIMATE = 3;
const TURN_OVERHEAD_ESTIMATE = 8;
/** When the model does not say how much it holds. */
const FALLBACK_CONTEXT_WINDOW = 4096;

function counterFor(backend: ChatBackend, modelId: string, info: ChatModelInfo): TokenCounter {
  if (info.countsTokens) {
    return {
      countEach: (texts) => backend.countTokens(modelId, texts),
      countPrompt: (turns) => backend.countPromptTokens(modelId, turns),
    };
  }
  const estimate = (text: string): number => Math.ceil(text.length / CHARS_PER_TOKEN_ESTIMATE);
  return {
    countEach: (texts) => Promise.resolve(texts.map(estimate)),
    countPrompt: (turns) =>
      Promise.resolve(
        turns.reduce((sum, t) => sum + estimate(t.content) + TURN_OVERHEAD_ESTIMATE, 0),
      ),
  };
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return (
    signal?.aborted === true ||
    (error instanceof Error && (error.name === 'AbortError' || /abort/i.test(error.name)))
  );
}

/**
 * Answers `request.parent`. Throws (storing nothing) when the model cannot load or the
 * message cannot fit; once the answer's message exists, failures are stored on it instead.
 */
export async function runAnswer(
  backend: ChatBackend,
  request: AnswerRequest,
  events: AnswerEvents = {},
  signal?: AbortSignal,
): Promise<AnswerOutcome> {
  const { modelId, params } = request;
  const info = await backend.ensureChat(modelId, request.device, signal ? { signal } : {});
  const contextWindow = info.contextWindow ?? FALLBACK_CONTEXT_WINDOW;
  const history: ChatTurn[] = request.path
    .filter((m) => m.role !== 'system')
    .map((m) => ({ role: m.role, content: turnContent(m) }));
  const { fit, citations } = await fitWithSources({
    system: request.systemPrompt,
    history,
    contextWindow,
    maxNewTokens: params.maxNewTokens,
    counter: counterFor(backend, modelId, info),
    sources: request.sources,
  });

  const message: ChatMessage = {
    id: request.newId(),
    conversationId: request.parent.conversationId,
    parentId: request.parent.id,
    role: 'assistant',
    content: '',
    createdAt: Math.max(request.now(), request.parent.createdAt + 1),
    modelId,
    personaId: request.personaId,
    params: { ...params },
    ...(citations.length > 0 ? { citations } : {}),
  };
  await addMessage(message);
  events.onStart?.(message, info, fit);

  let text = '';
  let lastSave = request.now();
  let saving: Promise<void> = Promise.resolve();
  /** Saves of the growing answer not finished yet. */
  let unsaved = 0;
  let settled = false;
  const saveEvery = request.saveEveryMs ?? 500;
  const finish = async (patch: Partial<ChatMessage>): Promise<ChatMessage> => {
    settled = true;
    const final = { ...message, ...patch };
    // After any save still running, so the final text is written last; with none, the write
    // starts now, before the caller goes on (a view rendering the final text meanwhile).
    await (unsaved > 0
      ? saving.then(() => updateMessage(message.id, patch))
      : updateMessage(message.id, patch));
    return final;
  };

  try {
    const result = await backend.generate(
      modelId,
      {
        turns: fit.turns,
        maxNewTokens: params.maxNewTokens,
        temperature: params.temperature,
        topP: params.topP,
      },
      {
        ...(signal ? { signal } : {}),
        onToken: (t) => {
          // After a stop the worker may still send the token it was writing: the answer is
          // settled by then, and a late save must not overwrite the stored final text.
          if (settled || signal?.aborted) return;
          text += t.text;
          events.onToken?.(t.text, t.id);
          const now = request.now();
          if (now - lastSave >= saveEvery) {
            lastSave = now;
            const content = text;
            unsaved++;
            saving = saving
              .then(() => updateMessage(message.id, { content }))
              .catch(() => {})
              .finally(() => unsaved--);
          }
        },
      },
    );
    // The final write starts first and the view shows the final text while it runs: the
    // write waits on storage, not on this thread, so the answer ends after the slower of the
    // two rather than after both.
    const finishing = finish({
      content: result.text,
      tokens: { prompt: result.promptTokens, completion: result.completionTokens },
      timings: {
        firstTokenMs: result.timings.firstTokenMs ?? result.timings.totalMs,
        tokensPerSecond: result.timings.tokensPerSecond ?? 0,
        totalMs: result.timings.totalMs,
        ...(result.timings.prefillTokensPerSecond !== null
          ? { prefillTokensPerSecond: result.timings.prefillTokensPerSecond }
          : {}),
      },
      generation: {
        finishReason: result.finishReason,
        droppedTurns: fit.droppedTurns,
        device: info.device,
        applied: result.applied,
      },
    });
    events.onGenerated?.(result);
    const final = await finishing;
    return { message: final, result, error: null, gpuLoss: null };
  } catch (error) {
    const aborted = isAbort(error, signal);
    const gpuLoss = aborted ? null : gpuLossOf(error, info.device);
    const reason = error instanceof Error ? error.message : String(error);
    const final = await finish({
      content: text,
      generation: {
        finishReason: aborted ? 'aborted' : gpuLoss ? 'device-lost' : 'error',
        droppedTurns: fit.droppedTurns,
        device: info.device,
        ...(aborted ? {} : { error: reason }),
      },
    });
    return {
      message: final,
      result: null,
      error: aborted ? null : error instanceof Error ? error : new Error(reason),
      gpuLoss,
    };
  }
}
