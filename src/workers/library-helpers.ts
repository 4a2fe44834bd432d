// Why this file exists: how any failure inside the library worker becomes a WorkerTaskError
// a person can read (the indexing itself lives in core/library/indexing).
import { WORKER_NAME } from '../core/library/indexing/rows';
import { EngineError } from '../models/engines/errors';
import { StorageWriteError } from '../storage';
import {
  TaskAbortedError,
  toWorkerTaskError,
  WorkerTaskError,
  type WorkerErrorKind,
} from './errors';

/**
 * Anything thrown inside the library worker as a WorkerTaskError: engine and storage errors
 * keep their own (actionable) message; `kind` forces the kind of a plain Error.
 */
export function libraryWorkerError(error: unknown, kind?: WorkerErrorKind): WorkerTaskError {
  const options = { workerName: WORKER_NAME, cause: error };
  if (error instanceof WorkerTaskError) return error;
  if (error instanceof EngineError) {
    if (error.reason === 'aborted')
      return new TaskAbortedError({ ...options, message: error.message });
    const engineKind = error.reason === 'out-of-memory' ? 'out-of-memory' : 'failed';
    return new WorkerTaskError(engineKind, error.message, options);
  }
  if (error instanceof StorageWriteError)
    return new WorkerTaskError('failed', error.message, options);
  if (kind !== undefined && error instanceof Error) {
    const text = error.message.charAt(0).toUpperCase() + error.message.slice(1);
    return new WorkerTaskError(kind, `${text}.`, options);
  }
  return toWorkerTaskError(error, WORKER_NAME);
}
