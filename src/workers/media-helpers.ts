// Why this file exists: the speech and vision workers keep their engines the same way: one
// loaded engine per slot, swapped when the caller asks for another model, never two loads of
// the same model at once; and they turn any failure into a WorkerTaskError a person can read,
// keeping an EngineError's own (actionable) message. Shared here so both behave alike.
import { UnknownModelError } from '../models/catalog';
import { ModelNotInstalledError } from '../models/download/errors';
import { EngineError } from '../models/engines/errors';
import type { LoadedEngine } from '../models/engines/types';
import type { MediaEngineInfo, ModelDevice } from './media-types';
import { TaskAbortedError, toWorkerTaskError, WorkerTaskError } from './errors';
import type { CallControl, TaskProgress } from './rpc';

/** One loaded engine, identified by a key (a model id, or several joined). */
export interface EngineSlot<E extends LoadedEngine> {
  /** The engine for `key`: the loaded one, or a fresh load after disposing another key's. */
  get(key: string, signal: AbortSignal): Promise<E>;
  /** The key of the engine loaded (or loading) now, if any. */
  readonly key: string | null;
  /** Disposes the engine, if any. */
  dispose(): Promise<void>;
}

/** Keeps at most one engine; callers serialise calls (a swap mid-call would pull it away). */
/** One engine per (model, device): asking for the same model on another device loads it again. */
export function engineKey(modelId: string, device: ModelDevice | undefined): string {
  return JSON.stringify([modelId, device ?? 'auto']);
}

/** The model and device an engineKey names. */
export function fromEngineKey(key: string): { modelId: string; device: ModelDevice } {
  const [modelId, device] = JSON.parse(key) as [string, ModelDevice];
  return { modelId, device };
}

export function createEngineSlot<E extends LoadedEngine>(
  load: (key: string, signal: AbortSignal) => Promise<E>,
): EngineSlot<E> {
  let current: { key: string; engine: Promise<E> } | undefined;

  async function dispose(): Promise<void> {
    const held = current;
    current = undefined;
    if (held) await held.engine.then((e) => e.dispose()).catch(() => undefined);
  }

  return {
    get key() {
      return current?.key ?? null;
    },
    async get(key, signal) {
      if (current?.key !== key) {
        await dispose();
        const engine = load(key, signal);
        const held = { key, engine };
        current = held;
        // A failed or cancelled load is not kept: the next call loads again.
        engine.catch(() => {
          if (current === held) current = undefined;
        });
      }
      return current.engine;
    },
    dispose,
  };
}

/** Where a loaded engine runs, for the UI. */
export function engineInfo(engine: LoadedEngine): MediaEngineInfo {
  return { modelId: engine.modelId, device: engine.device, fallback: engine.fallback };
}

/** A plain Error with a message a person can act on, as an 'invalid-input' task error. */
export function invalidInput(message: string, workerName: string): WorkerTaskError {
  return new WorkerTaskError('invalid-input', message, { workerName });
}

/**
 * Anything thrown inside a media worker as a WorkerTaskError: a model that is not installed
 * or not in the catalog is 'invalid-input' (the person can fix it), an EngineError keeps its
 * own message (its reason picks the kind), an abort is a TaskAbortedError, the rest is
 * classified by toWorkerTaskError.
 */
export function mediaWorkerError(error: unknown, workerName: string): WorkerTaskError {
  if (error instanceof WorkerTaskError) return error;
  const options = { workerName, cause: error };
  if (error instanceof ModelNotInstalledError) {
    return new WorkerTaskError(
      'invalid-input',
      `${error.message.replace(/\.$/, '')} in Models.`,
      options,
    );
  }
  if (error instanceof UnknownModelError) {
    return new WorkerTaskError(
      'invalid-input',
      `The model "${error.modelId}" is not in this version's catalog: choose another one in Settings.`,
      options,
    );
  }
  if (error instanceof EngineError) {
    if (error.reason === 'aborted') return new TaskAbortedError({ ...options });
    const kind = error.reason === 'out-of-memory' ? 'out-of-memory' : 'failed';
    return new WorkerTaskError(kind, error.message, options);
  }
  return toWorkerTaskError(error, workerName);
}

/**
 * Sends progress reports through a CallControl and remembers the last one, so a method can
 * wait for it before returning (progress travels on its own port: the result could overtake
 * it). A failing progress callback never fails the task.
 */
export function progressSender(control: CallControl | undefined): {
  send(report: TaskProgress): void;
  flush(): Promise<void>;
} {
  let last: Promise<void> = Promise.resolve();
  return {
    send(report) {
      const onProgress = control?.onProgress;
      if (!onProgress) return;
      try {
        last = Promise.resolve(onProgress(report)).then(
          () => undefined,
          () => undefined,
        );
      } catch {
        // A broken progress bar must not fail the task.
      }
    },
    flush: () => last,
  };
}
