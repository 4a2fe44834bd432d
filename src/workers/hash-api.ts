// Why this file exists: model downloads are verified against their published SHA-256, and
// model files run to gigabytes. Hashing them on the main thread would freeze the page and
// WebCrypto's digest() needs the whole file in memory at once, so the hash worker reads
// the file in slices and feeds an incremental hash, reporting progress and stopping on
// abort between slices. This is the API object the worker exposes; clients only ever
// `import type` it.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { createCheckpoint } from './checkpoint';
import { toWorkerTaskError, WorkerTaskError } from './errors';
import { createProgressReporter } from './progress';
import { releaseControl, signalFromPort, throwIfAborted, type CallControl } from './rpc';

const WORKER_NAME = 'hash';

/** Bytes read and hashed per step: large enough to be fast, small enough to stay responsive. */
export const HASH_SLICE_BYTES = 4 * 1024 * 1024;

interface ByteSource {
  size: number;
  read(start: number, end: number): Promise<Uint8Array>;
}

function isDetached(buffer: ArrayBuffer): boolean {
  if (buffer.byteLength > 0) return false;
  // `detached` is ES2024 (absent in Node 20); viewing a detached buffer throws everywhere.
  // Without this check a transferred-away buffer would hash as empty input.
  try {
    new Uint8Array(buffer);
    return false;
  } catch {
    return true;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (typeof value !== 'object') return `a ${typeof value}`;
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object';
}

function byteSource(data: unknown): ByteSource {
  if (typeof Blob !== 'undefined' && data instanceof Blob) {
    return {
      size: data.size,
      read: async (start, end) => new Uint8Array(await data.slice(start, end).arrayBuffer()),
    };
  }
  if (data instanceof ArrayBuffer && !isDetached(data)) {
    return {
      size: data.byteLength,
      read: (start, end) => Promise.resolve(new Uint8Array(data, start, end - start)),
    };
  }
  const what = data instanceof ArrayBuffer ? 'a detached ArrayBuffer' : describe(data);
  throw new WorkerTaskError(
    'invalid-input',
    `The ${WORKER_NAME} worker needs a file (Blob) or an ArrayBuffer, but got ${what}.`,
    { workerName: WORKER_NAME },
  );
}

/** The hash worker's API. */
export const hashApi = {
  /**
   * SHA-256 of `data` as lowercase hex. Reads a Blob in {@link HASH_SLICE_BYTES} slices,
   * so memory stays flat whatever the file size. Reports progress (at most ~20 per second,
   * then a final 1.0) and stops between slices when aborted.
   * @throws WorkerTaskError 'invalid-input' for anything but a Blob or ArrayBuffer,
   *   TaskAbortedError when aborted.
   */
  async sha256(data: Blob | ArrayBuffer, control?: CallControl): Promise<string> {
    const signal = signalFromPort(control?.abortPort, WORKER_NAME);
    const checkpoint = createCheckpoint(signal, WORKER_NAME);
    try {
      const source = byteSource(data);
      const progress = createProgressReporter(control?.onProgress, source.size);
      throwIfAborted(signal, WORKER_NAME);
      const hash = sha256.create();
      progress.update(0);
      for (let start = 0; start < source.size; start += HASH_SLICE_BYTES) {
        const end = Math.min(start + HASH_SLICE_BYTES, source.size);
        hash.update(await source.read(start, end));
        progress.update(end);
        await checkpoint.check();
      }
      const hex = bytesToHex(hash.digest());
      await progress.finish();
      return hex;
    } catch (err) {
      // Classified here, where the real error class (RangeError, DOMException) is known.
      throw toWorkerTaskError(err, WORKER_NAME);
    } finally {
      releaseControl(control);
    }
  },
};

/** The hash worker's API as the worker sees it; clients see `Remote<HashApi>`. */
export type HashApi = typeof hashApi;
