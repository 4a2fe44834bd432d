// The hash client end to end: ManagedWorker → comlink → a real thread running hash-api.
import { createHash, randomFillSync } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TaskAbortedError, WorkerTaskError } from '../../../src/workers/errors';
import { createHashClient } from '../../../src/workers/hash-client';
import type { TaskProgress } from '../../../src/workers/rpc';
import { ThreadPool } from './node-worker';

const HASH_THREAD = new URL('./fixtures/hash-thread.ts', import.meta.url);
const MiB = 1024 * 1024;

/** Random bytes in a plain ArrayBuffer-backed view (a Buffer may share Node's pool). */
function randomBytesOf(size: number): Uint8Array<ArrayBuffer> {
  return randomFillSync(new Uint8Array(size));
}

const pool = new ThreadPool();
afterEach(() => pool.stopAll());

function client(idleTimeoutMs = 0): ReturnType<typeof createHashClient> {
  return createHashClient({ create: pool.factory(HASH_THREAD), idleTimeoutMs });
}

function expected(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('createHashClient on a real thread', () => {
  it('hashes Blobs and ArrayBuffers like node:crypto, on one lazily started thread', async () => {
    const hashes = client();
    expect(hashes.worker.state).toBe('stopped');
    for (const size of [0, 3, 4 * MiB, 9 * MiB + 123]) {
      const bytes = randomBytesOf(size);
      await expect(hashes.sha256(new Blob([bytes]))).resolves.toBe(expected(bytes));
      const buffer = bytes.slice().buffer;
      await expect(hashes.sha256(buffer)).resolves.toBe(expected(bytes));
    }
    expect(pool.started).toHaveLength(1);
    expect(hashes.worker.state).toBe('idle');
  });

  it('transfers ArrayBuffers: the caller’s buffer is detached afterwards', async () => {
    const buffer = new Uint8Array(1024).fill(7).buffer;
    await client().sha256(buffer);
    expect(buffer.byteLength).toBe(0);
  });

  it('reports monotonic progress ending at 1 before resolving', async () => {
    const reports: TaskProgress[] = [];
    const bytes = randomBytesOf(9 * MiB);
    await client().sha256(new Blob([bytes]), { onProgress: (p) => reports.push(p) });
    expect(reports.length).toBeGreaterThanOrEqual(2);
    const progress = reports.map((p) => p.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(reports.at(-1)).toMatchObject({
      progress: 1,
      loaded: bytes.length,
      total: bytes.length,
    });
  });

  it('aborts: rejects at once with TaskAbortedError and the thread stops hashing', async () => {
    const hashes = client();
    const controller = new AbortController();
    const reports: TaskProgress[] = [];
    const call = hashes.sha256(new Blob([randomBytesOf(128 * MiB)]), {
      signal: controller.signal,
      onProgress: (p) => {
        reports.push(p);
        if (p.loaded > 0) controller.abort();
      },
    });
    const error: unknown = await call.catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TaskAbortedError);
    expect(error).toMatchObject({ kind: 'aborted', workerName: 'hash' });
    // The thread heard it too: it winds down and the worker goes idle well before 128 MiB.
    await vi.waitFor(() => expect(hashes.worker.state).toBe('idle'), { timeout: 1000 });
    expect(reports.every((p) => p.progress < 1)).toBe(true);
  });

  it('rejects invalid input with kind invalid-input', async () => {
    const error: unknown = await client()
      .sha256('not a file' as unknown as Blob)
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(WorkerTaskError);
    expect(error).toMatchObject({ kind: 'invalid-input', workerName: 'hash' });
  });

  it('stops the idle thread and starts a new one when needed', async () => {
    const hashes = client(50);
    await hashes.sha256(new Blob(['a']));
    await vi.waitFor(() => expect(hashes.worker.state).toBe('stopped'));
    await expect(hashes.sha256(new Blob(['abc']))).resolves.toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(pool.started).toHaveLength(2);
  });
});
