// Why this file exists: every failure that crosses a worker boundary becomes one of these
// named errors, with a kind the UI can branch on and a message a person can act on. It is
// imported by worker entries and by the main thread alike, so it uses no DOM-only API.

/** What went wrong with a worker task, coarse enough for the UI to pick a reaction. */
export type WorkerErrorKind =
  | 'aborted'
  | 'crashed'
  | 'invalid-input'
  | 'out-of-memory'
  /** The GPU device was lost (driver reset, destroyed, out of GPU memory mid-run). */
  | 'device-lost'
  | 'failed';

const KINDS: ReadonlySet<string> = new Set<WorkerErrorKind>([
  'aborted',
  'crashed',
  'invalid-input',
  'out-of-memory',
  'device-lost',
  'failed',
]);

/** True when `value` is one of the {@link WorkerErrorKind} strings. */
export function isWorkerErrorKind(value: unknown): value is WorkerErrorKind {
  return typeof value === 'string' && KINDS.has(value);
}

/** Options shared by the worker error constructors. */
export interface WorkerErrorOptions {
  /** Short worker name used in messages, e.g. 'hash' gives "The hash worker …". */
  workerName?: string;
  cause?: unknown;
}

/** "The hash worker" or, when the name is unknown, "The worker". */
function subject(workerName?: string): string {
  return workerName ? `The ${workerName} worker` : 'The worker';
}

/** A worker task failed; `kind` says how. Every rejection from a worker client is one. */
export class WorkerTaskError extends Error {
  readonly kind: WorkerErrorKind;
  readonly workerName?: string;

  constructor(kind: WorkerErrorKind, message: string, options: WorkerErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WorkerTaskError';
    this.kind = kind;
    if (options.workerName !== undefined) this.workerName = options.workerName;
  }
}

/** The task was cancelled, by its AbortSignal or because the worker was stopped. */
export class TaskAbortedError extends WorkerTaskError {
  constructor(options: WorkerErrorOptions & { message?: string } = {}) {
    const message =
      options.message ?? `${subject(options.workerName)} task was cancelled before it finished.`;
    super('aborted', message, options);
    this.name = 'TaskAbortedError';
  }
}

/** The worker itself died (script failed to load, uncaught exception, unreadable message). */
export class WorkerCrashedError extends WorkerTaskError {
  constructor(options: WorkerErrorOptions & { reason?: string; message?: string } = {}) {
    const reason = options.reason ? ` (${options.reason})` : '';
    const message =
      options.message ??
      `${subject(options.workerName)} stopped unexpectedly${reason}. Reload the page and try again.`;
    super('crashed', message, options);
    this.name = 'WorkerCrashedError';
  }
}

/** Rebuilds the right class from the fields that survive a structured clone. */
export function reviveWorkerTaskError(fields: {
  name: string;
  message: string;
  kind: WorkerErrorKind;
  workerName?: string;
}): WorkerTaskError {
  const { name, message, kind, workerName } = fields;
  if (name === 'TaskAbortedError') return new TaskAbortedError({ message, workerName });
  if (name === 'WorkerCrashedError') return new WorkerCrashedError({ message, workerName });
  return new WorkerTaskError(kind, message, { workerName });
}

function nameOf(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'name' in err && typeof err.name === 'string') {
    return err.name;
  }
  return '';
}

function messageOf(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'message' in err) {
    return String(err.message);
  }
  return typeof err === 'string' ? err : '';
}

// Engines report exhaustion in many words: V8's RangeError for buffers and wasm memory,
// Emscripten's "Cannot enlarge memory", ORT's "bad_alloc".
const OUT_OF_MEMORY =
  /out of memory|allocation failed|cannot allocate|cannot enlarge memory|bad_alloc/i;

/**
 * Maps anything thrown (locally, or revived from a worker) to a {@link WorkerTaskError}:
 * WorkerTaskErrors pass through, AbortError/TimeoutError → 'aborted', RangeError or an
 * out-of-memory message → 'out-of-memory', DataCloneError → 'invalid-input', the rest
 * → 'failed'. The original error is kept as `cause`.
 */
export function toWorkerTaskError(err: unknown, workerName?: string): WorkerTaskError {
  if (err instanceof WorkerTaskError) return err;
  const who = subject(workerName);
  const name = nameOf(err);
  const detail = messageOf(err).trim().replace(/\.$/, '');
  const options = { workerName, cause: err };
  if (name === 'AbortError') return new TaskAbortedError(options);
  if (name === 'TimeoutError') {
    return new TaskAbortedError({ ...options, message: `${who} took too long and was stopped.` });
  }
  if (name === 'RangeError' || OUT_OF_MEMORY.test(detail)) {
    return new WorkerTaskError(
      'out-of-memory',
      `${who} ran out of memory. Close other tabs or choose a smaller model or file, then try again.`,
      options,
    );
  }
  if (name === 'DataCloneError') {
    return new WorkerTaskError(
      'invalid-input',
      `${who} could not be sent this data${detail ? ` (${detail})` : ''}. Check the input and try again.`,
      options,
    );
  }
  return new WorkerTaskError(
    'failed',
    `${who} failed${detail ? `: ${detail}` : ''}. Try again; if it keeps failing, reload the page.`,
    options,
  );
}
