// Why this file exists: the one way the main thread starts and drives a worker. comlink
// alone starts nothing lazily, never stops an idle worker, and leaves every pending call
// hanging forever when the worker dies. This class owns the worker's life: lazy start,
// busy/idle accounting, idle shutdown, abort, and turning a crash into a rejection of
// every call in flight. State lives here only; the UI reads it through onStateChange.
import { wrap, type Remote } from 'comlink';
import {
  TaskAbortedError,
  WorkerCrashedError,
  toWorkerTaskError,
  type WorkerTaskError,
} from './errors';
import { abortChannelFor } from './rpc';

/** Where a managed worker is in its life. 'starting': created, not yet answered. */
export type WorkerState = 'stopped' | 'starting' | 'idle' | 'busy';

/** Options for {@link ManagedWorker}. */
export interface ManagedWorkerOptions {
  /** Short name used in error messages: 'hash' gives "The hash worker …". */
  name: string;
  /** Creates the worker, e.g. `() => new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' })`. */
  create: () => Worker;
  /** Terminate after this long with nothing in flight. Default 60 000; 0 = never. */
  idleTimeoutMs?: number;
}

/** Options for one {@link ManagedWorker.run} call. */
export interface RunOptions {
  signal?: AbortSignal;
}

interface PendingCall {
  fail(error: WorkerTaskError): void;
}

/** One started worker. A new one replaces it after a crash or an idle stop. */
interface Session<Api> {
  worker: Worker;
  remote: Remote<Api>;
  ready: boolean;
  /** Tasks not yet settled on the worker, including aborted ones still winding down. */
  inFlight: number;
  /** Callers still waiting for an answer. */
  calls: Set<PendingCall>;
  detach(): void;
}

// Reading a property the API does not have is a round trip any comlink endpoint answers
// (with undefined): it tells us the worker script runs.
const READY_PROBE = '__omniaReady';
type ReadyProbe = Record<typeof READY_PROBE, unknown>;

function crashReason(event: Event): string {
  const message = (event as Partial<ErrorEvent>).message;
  return typeof message === 'string' && message !== '' ? message : 'script failed to load';
}

/**
 * Starts a worker on first use, wraps it with comlink, and stops it when idle.
 * @example
 * const hasher = new ManagedWorker<HashApi>({ name: 'hash', create: () => new Worker(…) });
 * const hex = await hasher.run((api, abortPort) => api.sha256(blob, callControl(undefined, abortPort)), { signal });
 */
export class ManagedWorker<Api extends object> {
  readonly name: string;
  readonly #create: () => Worker;
  readonly #idleTimeoutMs: number;
  readonly #listeners = new Set<(state: WorkerState) => void>();
  #session: Session<Api> | undefined;
  #state: WorkerState = 'stopped';
  #idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: ManagedWorkerOptions) {
    this.name = options.name;
    this.#create = options.create;
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  }

  /** The current state; see {@link onStateChange} to follow it. */
  get state(): WorkerState {
    return this.#state;
  }

  /** Calls `cb` on every state change; returns the unsubscribe function. */
  onStateChange(cb: (state: WorkerState) => void): () => void {
    this.#listeners.add(cb);
    return () => this.#listeners.delete(cb);
  }

  /**
   * Runs `task` against the worker, starting it if needed. Pass `abortPort` to one worker
   * method (inside a CallControl, see callControl) so it can stop early; a port can be
   * transferred only once. `abortPort` is undefined when no signal was given. Rejects with a WorkerTaskError:
   * TaskAbortedError at once when `signal` aborts, WorkerCrashedError when the worker dies.
   */
  run<T>(
    task: (api: Remote<Api>, abortPort: MessagePort | undefined) => Promise<T>,
    options: RunOptions = {},
  ): Promise<T> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new TaskAbortedError({ workerName: this.name }));
    let session: Session<Api>;
    try {
      session = this.#ensureSession();
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    return this.#track(session, task, signal);
  }

  /** Stops the worker now; calls in flight reject with TaskAbortedError. */
  terminate(): void {
    this.#stop(
      new TaskAbortedError({
        workerName: this.name,
        message: `The ${this.name} worker was stopped before the task finished.`,
      }),
    );
  }

  #track<T>(
    session: Session<Api>,
    task: (api: Remote<Api>, abortPort: MessagePort | undefined) => Promise<T>,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    const channel = abortChannelFor(signal);
    session.inFlight += 1;
    this.#clearIdleTimer();
    this.#refreshState();
    return new Promise<T>((resolve, reject) => {
      let open = true;
      const settle = (finish: () => void): void => {
        if (!open) return;
        open = false;
        session.calls.delete(call);
        signal?.removeEventListener('abort', onAbort);
        finish();
      };
      const call: PendingCall = { fail: (error) => settle(() => reject(error)) };
      // The channel's own listener was added first, so the worker hears of the abort too.
      const onAbort = (): void => call.fail(new TaskAbortedError({ workerName: this.name }));
      session.calls.add(call);
      signal?.addEventListener('abort', onAbort, { once: true });

      // Bookkeeping first, so the state is already idle when the caller's await resumes.
      const done = (): void => {
        channel?.dispose();
        this.#taskSettled(session);
      };
      invoke(task, session.remote, channel?.port).then(
        (value) => {
          done();
          settle(() => resolve(value));
        },
        (err: unknown) => {
          done();
          call.fail(toWorkerTaskError(err, this.name));
        },
      );
    });
  }

  #ensureSession(): Session<Api> {
    if (this.#session) return this.#session;
    let worker: Worker;
    try {
      worker = this.#create();
    } catch (err) {
      throw new WorkerCrashedError({
        workerName: this.name,
        message: `The ${this.name} worker could not start (${err instanceof Error ? err.message : String(err)}). Reload the page and try again.`,
        cause: err,
      });
    }
    const onError = (event: Event): void => this.#crash(session, crashReason(event));
    const onMessageError = (): void => this.#crash(session, 'a message from it could not be read');
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onMessageError);
    const session: Session<Api> = {
      worker,
      remote: wrap<Api>(worker),
      ready: false,
      inFlight: 0,
      calls: new Set(),
      detach() {
        worker.removeEventListener('error', onError);
        worker.removeEventListener('messageerror', onMessageError);
      },
    };
    this.#session = session;
    const probe = (session.remote as unknown as Remote<ReadyProbe>)[READY_PROBE];
    probe.then(
      () => {
        session.ready = true;
        if (this.#session === session) this.#refreshState();
      },
      () => undefined,
    );
    this.#refreshState();
    return session;
  }

  #taskSettled(session: Session<Api>): void {
    if (this.#session !== session) return;
    session.inFlight -= 1;
    this.#refreshState();
    if (session.inFlight === 0) this.#armIdleTimer(session);
  }

  #crash(session: Session<Api>, reason: string): void {
    if (this.#session !== session) return;
    this.#stop(new WorkerCrashedError({ workerName: this.name, reason }));
  }

  /** Terminates the current worker and rejects every caller still waiting with `error`. */
  #stop(error: WorkerTaskError): void {
    const session = this.#session;
    if (!session) return;
    this.#session = undefined;
    this.#clearIdleTimer();
    session.detach();
    session.worker.terminate();
    for (const call of [...session.calls]) call.fail(error);
    this.#refreshState();
  }

  #armIdleTimer(session: Session<Api>): void {
    this.#clearIdleTimer();
    if (this.#idleTimeoutMs <= 0) return;
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = undefined;
      if (this.#session === session && session.inFlight === 0) this.terminate();
    }, this.#idleTimeoutMs);
  }

  #clearIdleTimer(): void {
    if (this.#idleTimer === undefined) return;
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }

  #refreshState(): void {
    const session = this.#session;
    let next: WorkerState = 'stopped';
    if (session) next = !session.ready ? 'starting' : session.inFlight > 0 ? 'busy' : 'idle';
    if (next === this.#state) return;
    this.#state = next;
    for (const listener of [...this.#listeners]) {
      try {
        listener(next);
      } catch (err) {
        // A broken listener must not break the bookkeeping; report it on its own.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }
}

/** Calls `task`, turning a synchronous throw into a rejection. */
async function invoke<Api, T>(
  task: (api: Remote<Api>, abortPort: MessagePort | undefined) => Promise<T>,
  remote: Remote<Api>,
  abortPort: MessagePort | undefined,
): Promise<T> {
  return task(remote, abortPort);
}
