// The hash worker's API over a real MessageChannel: real structured clone, real transfer.
import { createHash, randomFillSync } from 'node:crypto';
import { transfer } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { TaskAbortedError, WorkerTaskError } from '../../../src/workers/errors';
import { HASH_SLICE_BYTES, hashApi } from '../../../src/workers/hash-api';
import { abortPortFor, callControl, type TaskProgress } from '../../../src/workers/rpc';
import { closeAll, connect } from './channel';

const MiB = 1024 * 1024;

/** Random bytes in a plain ArrayBuffer-backed view (a Buffer may share Node's pool). */
function randomBytesOf(size: number): Uint8Array<ArrayBuffer> {
  return randomFillSync(new Uint8Array(size));
}

function expected(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const sizes = [
  ['empty', 0],
  ['small', 3],
  ['exactly 4 MiB', 4 * MiB],
  ['~9 MiB', 9 * MiB + 123],
] as const;

afterEach(closeAll);

describe('hashApi.sha256 over a MessageChannel', () => {
  it('slices files in 4 MiB steps', () => {
    expect(HASH_SLICE_BYTES).toBe(4 * MiB);
  });

  for (const [label, size] of sizes) {
    it(`hashes a ${label} Blob like node:crypto`, async () => {
      const bytes = randomBytesOf(size);
      const remote = connect(hashApi);
      await expect(remote.sha256(new Blob([bytes]))).resolves.toBe(expected(bytes));
    });

    it(`hashes a ${label} ArrayBuffer like node:crypto, and detaches the sender's copy`, async () => {
      const bytes = randomBytesOf(size);
      const buffer = bytes.slice().buffer;
      const remote = connect(hashApi);
      const hex = await remote.sha256(transfer(buffer, [buffer]));
      expect(hex).toBe(expected(bytes));
      expect(buffer.byteLength).toBe(0);
    });
  }

  it('hashes the well-known vector for "abc"', async () => {
    const remote = connect(hashApi);
    await expect(remote.sha256(new Blob(['abc']))).resolves.toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('reports monotonic progress that ends at 1 before the result arrives', async () => {
    const bytes = randomBytesOf(9 * MiB + 123);
    const reports: TaskProgress[] = [];
    const remote = connect(hashApi);
    await remote.sha256(
      new Blob([bytes]),
      callControl((p) => reports.push(p)),
    );
    expect(reports.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < reports.length; i += 1) {
      expect(reports[i]!.progress).toBeGreaterThanOrEqual(reports[i - 1]!.progress);
      expect(reports[i]!.timeElapsed).toBeGreaterThanOrEqual(reports[i - 1]!.timeElapsed);
    }
    expect(reports.at(-1)).toMatchObject({
      progress: 1,
      loaded: bytes.length,
      total: bytes.length,
    });
  });

  it('reports progress 1 for empty input', async () => {
    const reports: TaskProgress[] = [];
    const remote = connect(hashApi);
    await remote.sha256(
      new Blob([]),
      callControl((p) => reports.push(p)),
    );
    expect(reports.at(-1)).toMatchObject({ progress: 1, loaded: 0, total: 0 });
  });

  it('stops mid-way when aborted through abortPortFor, with TaskAbortedError', async () => {
    const bytes = randomBytesOf(64 * MiB);
    const controller = new AbortController();
    const reports: TaskProgress[] = [];
    const onProgress = (p: TaskProgress): void => {
      reports.push(p);
      if (p.loaded > 0) controller.abort();
    };
    const remote = connect(hashApi);
    const call = remote.sha256(
      new Blob([bytes]),
      callControl(onProgress, abortPortFor(controller.signal)),
    );
    const error: unknown = await call.catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TaskAbortedError);
    expect(error).toMatchObject({ name: 'TaskAbortedError', kind: 'aborted', workerName: 'hash' });
    expect(controller.signal.aborted).toBe(true);
    expect(reports.every((p) => p.progress < 1)).toBe(true);
  });

  it('stops when the signal had aborted before the call', async () => {
    const reports: TaskProgress[] = [];
    const remote = connect(hashApi);
    const call = remote.sha256(
      new Blob([randomBytesOf(32 * MiB)]),
      callControl((p) => reports.push(p), abortPortFor(AbortSignal.abort())),
    );
    await expect(call).rejects.toBeInstanceOf(TaskAbortedError);
    expect(reports.every((p) => p.progress < 1)).toBe(true);
  });

  it.each([
    ['a string', 'abc'],
    ['a number', 42],
    ['null', null],
    ['a typed array', new Uint8Array([1, 2, 3])],
  ])('rejects %s with kind invalid-input', async (_label, input) => {
    const remote = connect(hashApi);
    const error: unknown = await remote
      .sha256(input as unknown as Blob)
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(WorkerTaskError);
    expect(error).toMatchObject({ kind: 'invalid-input', workerName: 'hash' });
    expect((error as Error).message).toMatch(/needs a file \(Blob\) or an ArrayBuffer/);
  });

  it('rejects a detached ArrayBuffer instead of hashing it as empty', async () => {
    const buffer = new ArrayBuffer(8);
    structuredClone(buffer, { transfer: [buffer] });
    await expect(hashApi.sha256(buffer)).rejects.toMatchObject({ kind: 'invalid-input' });
  });
});
