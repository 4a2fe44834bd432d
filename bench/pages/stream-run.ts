/**
 * A streamed answer as the chat-stream bench page times it, and the clock that times it (no
 * browser-only imports: bench/chat-stream.bench.ts reads this in Node too).
 */

/** The paced stand-in's rates (tokens/s): a slow and a fast model that runs on this machine. */
export const PACED_RATES = [30, 100] as const;

/** One streamed answer, timed on this page's main thread. */
export interface StreamRun {
  tokens: number;
  /** From the call to the first token's arrival on this thread. */
  firstTokenMs: number;
  /** First token → last token, as they arrive on this thread. */
  lastTokenMs: number;
  /** First token → end: for the app, final text rendered and stored; else the last token. */
  streamMs: number;
  /** App only: the engine's own decode rate inside the worker (result.timings). */
  workerTokensPerSecond: number | null;
  /** App only: markdown renders during the stream (one per animation frame at most). */
  renders: number;
  /** App only: first token → the model's result on this thread (onGenerated). */
  generatedMs?: number;
  /** App only: first token → the final text rendered (before it is stored). */
  renderedMs?: number;
  ids: number[];
  text: string;
}

/** Arrival times of tokens on this thread. */
export class Clock {
  readonly start = performance.now();
  first: number | null = null;
  last = 0;
  tick(): void {
    this.last = performance.now();
    this.first ??= this.last;
  }
  run(ids: number[], text: string, end = this.last, extra: Partial<StreamRun> = {}): StreamRun {
    const first = this.first ?? end;
    return {
      tokens: ids.length,
      firstTokenMs: first - this.start,
      lastTokenMs: this.last - first,
      streamMs: end - first,
      workerTokensPerSecond: null,
      renders: 0,
      ids,
      text,
      ...extra,
    };
  }
}
