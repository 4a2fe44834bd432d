/**
 * Realistic speed for the chat-stream bench, with a PACED STAND-IN, not a model: the fixture
 * LM decodes ~3,000 tokens/s here, so its ratio mostly measures fixed per-answer costs. The
 * stand-in replays the tokens (ids and texts) the real fixture model generated in this page,
 * one every 1000/rate ms on this page's main thread, as a model decoding at 30–100 tokens/s
 * would hand them out. The app's path is the same as with the real model — runAnswer (with the
 * real inference worker counting tokens to fit the history), storage, the view's flushing —
 * with only `generate` replaced; the bare path takes the same tokens with a plain callback.
 * Timers that fire late because the page is busy make the app slower, as they would a model's
 * tokens waiting for the main thread.
 */
import type { ChatBackend } from '../../src/core/chat/answer';
import type { GeneratedToken, GenerateResult } from '../../src/models/engines/types';
import { Clock, type StreamRun } from './stream-run';

/** A recorded answer: the tokens as the engine streamed them, and its result. */
export interface Recording {
  tokens: GeneratedToken[];
  result: GenerateResult;
}

/**
 * Calls `onToken` with each recorded token, the first one interval after the call and each
 * next one interval after the one before (on a fixed schedule, so late timers do not drift).
 */
export function replay(
  recording: Recording,
  tokensPerSecond: number,
  onToken: (token: GeneratedToken) => void,
  signal?: AbortSignal,
): Promise<void> {
  const interval = 1000 / tokensPerSecond;
  const start = performance.now();
  let i = 0;
  return new Promise((resolve) => {
    const next = (): void => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      onToken(recording.tokens[i]!);
      i++;
      // The model is done with its last token: no wait after it.
      if (i >= recording.tokens.length) resolve();
      else setTimeout(next, Math.max(0, start + (i + 1) * interval - performance.now()));
    };
    if (recording.tokens.length === 0) resolve();
    else setTimeout(next, interval);
  });
}

/** The app's backend (the worker client) with `generate` replaced by the paced replay. */
export function pacedBackend(
  real: ChatBackend,
  recording: Recording,
  tokensPerSecond: number,
): ChatBackend {
  return {
    ensureChat: (modelId, device, options) => real.ensureChat(modelId, device, options),
    countTokens: (modelId, texts) => real.countTokens(modelId, texts),
    countPromptTokens: (modelId, turns) => real.countPromptTokens(modelId, turns),
    async generate(_modelId, _request, options) {
      const started = performance.now();
      let first: number | null = null;
      await replay(
        recording,
        tokensPerSecond,
        (token) => {
          first ??= performance.now() - started;
          options?.onToken?.(token);
        },
        options?.signal,
      );
      const totalMs = performance.now() - started;
      const n = recording.tokens.length;
      return {
        ...recording.result,
        timings: {
          firstTokenMs: first,
          totalMs,
          tokensPerSecond: first !== null && n > 1 ? ((n - 1) * 1000) / (totalMs - first) : null,
          prefillTokensPerSecond: null,
        },
      };
    },
  };
}

/** The same recorded tokens at the same pace, to a plain callback: no storage, no DOM. */
export async function pacedBareTurn(recording: Recording, rate: number): Promise<StreamRun> {
  const clock = new Clock();
  const ids: number[] = [];
  let text = '';
  await replay(recording, rate, (token) => {
    clock.tick();
    if (token.id !== null) ids.push(token.id);
    text += token.text;
  });
  return clock.run(ids, text);
}
