// Why this file exists: the wire conventions shared by every worker and its client. Both
// sides import it (so it typechecks under the DOM and the WebWorker libs), and importing it
// registers two comlink transfer handlers:
//  - 'throw' keeps a WorkerTaskError's class, kind and worker name across the boundary
//    (comlink's own handler keeps only message/name/stack and loses the class);
//  - 'omnia-call-control' carries the CallControl object that ends every long call: its
//    onProgress function crosses as a comlink proxy and its abort port is transferred
//    (comlink only proxies top-level arguments, and AbortSignal cannot be cloned).
import { expose, releaseProxy, transferHandlers, wrap, type ProxyMethods } from 'comlink';
import {
  isWorkerErrorKind,
  reviveWorkerTaskError,
  TaskAbortedError,
  WorkerTaskError,
  type WorkerErrorKind,
} from './errors';

/** Progress of a long worker task, shaped like web-llm's progress report. */
export interface TaskProgress {
  /** 0..1 */
  progress: number;
  loaded: number;
  total: number;
  /** Milliseconds since the task started. */
  timeElapsed: number;
  text?: string;
}

/**
 * The last argument of every long worker method. Build it on the client with
 * {@link callControl}; inside the worker, onProgress is a comlink proxy (calls return
 * promises) and abortPort feeds {@link signalFromPort}.
 */
export interface CallControl {
  /** Returns a promise inside the worker (a comlink proxy); may return nothing on the client. */
  onProgress?: (p: TaskProgress) => void | Promise<void>;
  abortPort?: MessagePort;
}

// ---- errors ---------------------------------------------------------------------------

interface ErrorFields {
  name: string;
  message: string;
  stack?: string;
  kind?: WorkerErrorKind;
  workerName?: string;
}

type SerializedThrow = { isError: true; value: ErrorFields } | { isError: false; value: unknown };

/** comlink wraps a thrown value as `{ value, [throwMarker]: 0 }`; the symbol is private. */
function isThrownWrapper(value: unknown): value is { value: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.getOwnPropertySymbols(value).some((s) => s.description === 'Comlink.thrown')
  );
}

function errorFields(error: Error): ErrorFields {
  const fields: ErrorFields = { name: error.name, message: error.message, stack: error.stack };
  if (error instanceof WorkerTaskError) {
    fields.kind = error.kind;
    fields.workerName = error.workerName;
  }
  return fields;
}

transferHandlers.set('throw', {
  canHandle: isThrownWrapper,
  serialize({ value }: { value: unknown }): [SerializedThrow, Transferable[]] {
    if (value instanceof Error) return [{ isError: true, value: errorFields(value) }, []];
    return [{ isError: false, value }, []];
  },
  deserialize(serialized: SerializedThrow): never {
    if (!serialized.isError) throw serialized.value;
    const { name, message, stack, kind, workerName } = serialized.value;
    const error = isWorkerErrorKind(kind)
      ? reviveWorkerTaskError({ name, message, kind, workerName })
      : Object.assign(new Error(message), { name });
    if (stack !== undefined) error.stack = stack;
    throw error;
  },
});

// ---- call control ---------------------------------------------------------------------

interface SerializedControl {
  progressPort?: MessagePort;
  abortPort?: MessagePort;
}

const CONTROL_KEYS: ReadonlySet<string> = new Set(['onProgress', 'abortPort']);

/** A plain object with only CallControl keys and something that cannot be cloned as is. */
function isCallControl(value: unknown): value is CallControl {
  if (typeof value !== 'object' || value === null) return false;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  if (!Object.keys(value).every((key) => CONTROL_KEYS.has(key))) return false;
  const control = value as CallControl;
  return typeof control.onProgress === 'function' || control.abortPort instanceof MessagePort;
}

transferHandlers.set('omnia-call-control', {
  canHandle: isCallControl,
  serialize(control: CallControl): [SerializedControl, Transferable[]] {
    const serialized: SerializedControl = {};
    const transfer: Transferable[] = [];
    if (typeof control.onProgress === 'function') {
      const { port1, port2 } = new MessageChannel();
      expose(control.onProgress, port1);
      serialized.progressPort = port2;
      transfer.push(port2);
    }
    if (control.abortPort) {
      serialized.abortPort = control.abortPort;
      transfer.push(control.abortPort);
    }
    return [serialized, transfer];
  },
  deserialize(serialized: SerializedControl): CallControl {
    const control: CallControl = {};
    if (serialized.progressPort) {
      serialized.progressPort.start();
      control.onProgress = wrap<(p: TaskProgress) => void>(serialized.progressPort);
    }
    if (serialized.abortPort) control.abortPort = serialized.abortPort;
    return control;
  },
});

/**
 * Client side: builds the CallControl for a worker call, or undefined when there is
 * nothing to carry. The caller's function is wrapped, never marked or mutated.
 */
export function callControl(
  onProgress?: (p: TaskProgress) => void,
  abortPort?: MessagePort,
): CallControl | undefined {
  const control: CallControl = {};
  if (onProgress) control.onProgress = (p) => onProgress(p);
  if (abortPort) control.abortPort = abortPort;
  return onProgress || abortPort ? control : undefined;
}

/**
 * Worker side, in a `finally` of every method that took a CallControl: releases the
 * progress proxy and closes the abort port, so neither keeps a channel open.
 */
export function releaseControl(control?: CallControl): void {
  if (!control) return;
  control.abortPort?.close();
  const onProgress = control.onProgress as Partial<ProxyMethods> | undefined;
  try {
    // Only a comlink proxy answers this symbol; a local function returns undefined.
    const release = onProgress?.[releaseProxy];
    if (typeof release === 'function') release();
  } catch {
    // Already released: nothing left to close.
  }
}

// ---- abort ----------------------------------------------------------------------------

const ABORT_MESSAGE = 'omnia-abort';

/** The client half of an abort channel; dispose once the call has settled. */
export interface AbortChannel {
  /** Transfer this to the worker (inside a CallControl). */
  port: MessagePort;
  /** Stops listening to the signal and closes the client side of the channel. */
  dispose(): void;
}

/** Like {@link abortPortFor}, plus a way to release the channel after the call. */
export function abortChannelFor(signal?: AbortSignal): AbortChannel | undefined {
  if (!signal) return undefined;
  const { port1, port2 } = new MessageChannel();
  const onAbort = (): void => port1.postMessage(ABORT_MESSAGE);
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  return {
    port: port2,
    dispose() {
      signal.removeEventListener('abort', onAbort);
      port1.close();
    },
  };
}

/**
 * Client side: returns a port to transfer to the worker that receives a message when
 * `signal` aborts (AbortSignal itself cannot be cloned). Undefined without a signal.
 */
export function abortPortFor(signal?: AbortSignal): MessagePort | undefined {
  return abortChannelFor(signal)?.port;
}

/**
 * Worker side: an AbortSignal that aborts (with a TaskAbortedError as reason) when the
 * client's signal does. Without a port it never aborts.
 */
export function signalFromPort(port?: MessagePort, workerName?: string): AbortSignal {
  const controller = new AbortController();
  if (!port) return controller.signal;
  port.addEventListener('message', (event: MessageEvent) => {
    if (event.data !== ABORT_MESSAGE) return;
    controller.abort(new TaskAbortedError({ workerName }));
    port.close();
  });
  port.start();
  return controller.signal;
}

/** Throws a TaskAbortedError when `signal` has aborted. */
export function throwIfAborted(signal: AbortSignal, workerName?: string): void {
  if (!signal.aborted) return;
  const reason: unknown = signal.reason;
  throw reason instanceof TaskAbortedError ? reason : new TaskAbortedError({ workerName });
}
