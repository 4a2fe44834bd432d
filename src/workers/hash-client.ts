// Why this file exists: the typed door to the hash worker for the rest of the app (model
// download verification first). It starts the worker through ManagedWorker and moves
// data across without copies; it only `import type`s the worker's API, so none of the
// hashing code ends up in the main bundle.
import { transfer } from 'comlink';
import type { HashApi } from './hash-api';
import { ManagedWorker } from './managed-worker';
import { callControl, type TaskProgress } from './rpc';

/** Options for one hashing call. */
export interface HashOptions {
  signal?: AbortSignal;
  onProgress?: (p: TaskProgress) => void;
}

/** Hashes files off the main thread. */
export interface HashClient {
  /**
   * SHA-256 of `data` as lowercase hex, computed in the hash worker.
   * An ArrayBuffer is transferred, not copied: afterwards the caller's buffer is detached
   * (byteLength 0), whether the call succeeds or not. Pass `buffer.slice(0)` to keep one.
   * A Blob (or File) is passed as is; the worker reads it in slices.
   * Rejects with a WorkerTaskError ('aborted', 'invalid-input', 'crashed', …).
   */
  sha256(data: Blob | ArrayBuffer, options?: HashOptions): Promise<string>;
  /** The underlying worker, for its state and to terminate it. */
  readonly worker: ManagedWorker<HashApi>;
}

/** Options for {@link createHashClient}. */
export interface HashClientOptions {
  /** See ManagedWorker; default 60 000 ms. */
  idleTimeoutMs?: number;
  /** Creates the worker; defaults to the bundled hash.worker.ts. Tests pass their own. */
  create?: () => Worker;
}

function createDefaultWorker(): Worker {
  return new Worker(new URL('./hash.worker.ts', import.meta.url), {
    type: 'module',
    name: 'omnia-hash',
  });
}

/**
 * Creates a hash client; the worker starts on the first call.
 * @example
 * const hashes = createHashClient();
 * const hex = await hashes.sha256(file, { signal, onProgress: (p) => (bar = p.progress) });
 */
export function createHashClient(options: HashClientOptions = {}): HashClient {
  const worker = new ManagedWorker<HashApi>({
    name: 'hash',
    create: options.create ?? createDefaultWorker,
    idleTimeoutMs: options.idleTimeoutMs,
  });
  return {
    worker,
    sha256(data, { signal, onProgress } = {}) {
      return worker.run(
        (api, abortPort) =>
          api.sha256(
            data instanceof ArrayBuffer ? transfer(data, [data]) : data,
            callControl(onProgress, abortPort),
          ),
        { signal },
      );
    },
  };
}
