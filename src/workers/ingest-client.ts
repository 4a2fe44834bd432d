// Why this file exists: the typed door to the ingest worker. A parser is synchronous code that
// cannot be interrupted from outside, so the only sure way to stop a hostile file (a parse that
// runs past the time limit, or ignores a cancel) is to terminate the worker; the next file gets
// a fresh one. This client owns that policy and answers every call with a ParseOutcome, never a
// rejection, so one bad file is a row with an error, not a broken queue. It only
// `import type`s the worker's API, so none of the parsers end up in the main bundle.
import type { IngestProblem } from '../core/ingest/types';
import type { RgbaImage } from '../models/engines/types';
import { WorkerCrashedError } from './errors';
import type { IngestApi, ParseOutcome, RenderPagesOptions } from './ingest-api';
import { ManagedWorker } from './managed-worker';
import { abortChannelFor, callControl, type TaskProgress } from './rpc';

export type { RenderPagesOptions } from './ingest-api';

/** Options for one parse call. */
export interface IngestParseOptions {
  signal?: AbortSignal;
  /** Stop (terminate the worker) after this long; absent or 0: no limit. */
  timeoutMs?: number;
}

export interface IngestClient {
  /**
   * Sniffs and parses `file` in the ingest worker. Calls run one at a time, in order. Resolves
   * `{ ok: false, problem }` for a bad file, a timeout ('timeout'), a cancel ('cancelled') or a
   * parser crash ('corrupt'); never rejects.
   */
  parse(file: Blob, fileName: string, options?: IngestParseOptions): Promise<ParseOutcome>;
  /**
   * Renders pages of a PDF (1-based) to RGBA pixels for OCR, ~200 DPI, long side ≤ 2500 px,
   * in the same queue as parse. Unlike parse it rejects, with a WorkerTaskError: 'invalid-input'
   * (password, damaged file, missing page; the message says what to do) or 'aborted'. Ask a few
   * pages per call: each image is up to 25 MB.
   */
  renderPages(
    file: Blob,
    pages: readonly number[],
    options?: RenderPagesOptions & {
      signal?: AbortSignal;
      /** Pages rendered of all. */
      onProgress?: (p: TaskProgress) => void;
    },
  ): Promise<RgbaImage[]>;
  /** The underlying worker, for its state and to terminate it. */
  readonly worker: ManagedWorker<IngestApi>;
}

export interface IngestClientOptions {
  /** Creates the worker; defaults to the bundled ingest.worker.ts. Tests pass their own. */
  create?: () => Worker;
  /** Default 30 000: pdf.js and the other parsers are big, free them soon. */
  idleTimeoutMs?: number;
  /** How long a cancelled parse may take to stop by itself before the worker is terminated. */
  cancelGraceMs?: number;
}

function createDefaultWorker(): Worker {
  return new Worker(new URL('./ingest.worker.ts', import.meta.url), {
    type: 'module',
    name: 'omnia-ingest',
  });
}

const CANCELLED: IngestProblem = { code: 'cancelled', message: 'Adding this file was cancelled.' };

function timedOut(timeoutMs: number): IngestProblem {
  const seconds = Math.round(timeoutMs / 1000);
  return {
    code: 'timeout',
    message: `Reading this file took longer than ${seconds} s, so it was stopped. It may be damaged or very complex; try a smaller or re-saved copy.`,
    detail: { seconds },
  };
}

function crashed(error: WorkerCrashedError): IngestProblem {
  return {
    code: 'corrupt',
    message:
      'The file made the parser stop (it may have run out of memory). It may be damaged or far too complex; try a smaller or re-saved copy.',
    detail: { reason: error.message },
  };
}

/**
 * Creates an ingest client; the worker starts on the first call.
 * @example
 * const ingest = createIngestClient();
 * const outcome = await ingest.parse(file, file.name, { signal, timeoutMs: INGEST_LIMITS.parseTimeoutMs });
 * if (!outcome.ok) show(outcome.problem.message);
 */
export function createIngestClient(options: IngestClientOptions = {}): IngestClient {
  const worker = new ManagedWorker<IngestApi>({
    name: 'ingest',
    create: options.create ?? createDefaultWorker,
    idleTimeoutMs: options.idleTimeoutMs ?? 30_000,
  });
  const cancelGraceMs = options.cancelGraceMs ?? 1000;
  let queue: Promise<unknown> = Promise.resolve();

  async function parseNow(
    file: Blob,
    fileName: string,
    { signal, timeoutMs }: IngestParseOptions,
  ): Promise<ParseOutcome> {
    if (signal?.aborted) return { ok: false, problem: CANCELLED };
    let stopped: IngestProblem | undefined;
    let settled = false;
    const stop = (problem: IngestProblem): void => {
      stopped ??= problem;
      if (!settled) worker.terminate();
    };
    const timer =
      timeoutMs && timeoutMs > 0
        ? setTimeout(() => stop(timedOut(timeoutMs)), timeoutMs)
        : undefined;
    let grace: ReturnType<typeof setTimeout> | undefined;
    const onAbort = (): void => {
      stopped ??= CANCELLED;
      // The worker hears the abort; a parser stuck in synchronous code gets a moment, then the axe.
      grace = setTimeout(() => stop(CANCELLED), cancelGraceMs);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    // Our own abort channel, not run()'s `signal`: run() would reject at once while the worker
    // is still busy, and the next file would land on a worker about to be terminated.
    const channel = abortChannelFor(signal);
    try {
      const outcome = await worker.run<ParseOutcome>((api) =>
        api.parse(file, fileName, callControl(undefined, channel?.port)),
      );
      return stopped ? { ok: false, problem: stopped } : outcome;
    } catch (err) {
      if (stopped) return { ok: false, problem: stopped };
      if (err instanceof WorkerCrashedError) return { ok: false, problem: crashed(err) };
      const reason = err instanceof Error ? err.message : String(err);
      return { ok: false, problem: { code: 'corrupt', message: reason, detail: { reason } } };
    } finally {
      settled = true;
      clearTimeout(timer);
      clearTimeout(grace);
      signal?.removeEventListener('abort', onAbort);
      channel?.dispose();
    }
  }

  return {
    worker,
    parse(file, fileName, parseOptions = {}) {
      const result = queue.then(() => parseNow(file, fileName, parseOptions));
      queue = result.catch(() => undefined);
      return result;
    },
    renderPages(file, pages, { signal, onProgress, ...renderOptions } = {}) {
      const result = queue.then(() =>
        worker.run(
          (api, abortPort) =>
            api.renderPages(file, [...pages], renderOptions, callControl(onProgress, abortPort)),
          signal ? { signal } : {},
        ),
      );
      queue = result.catch(() => undefined);
      return result;
    },
  };
}
