// ManagedWorker over REAL threads: worker_threads dressed as web Workers (node-worker.ts),
// running fixtures/test-thread.ts, which imports our rpc/errors/progress code through tsx.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TaskAbortedError, WorkerCrashedError, WorkerTaskError } from '../../../src/workers/errors';
import { ManagedWorker, type WorkerState } from '../../../src/workers/managed-worker';
import { callControl, type TaskProgress } from '../../../src/workers/rpc';
import type { TestApi } from './fixtures/test-thread';
import { ThreadPool } from './node-worker';

const TEST_THREAD = new URL('./fixtures/test-thread.ts', import.meta.url);
const BROKEN_THREAD = new URL('./fixtures/broken-thread.ts', import.meta.url);

const pool = new ThreadPool();
afterEach(() => pool.stopAll());

function managed(idleTimeoutMs = 0): {
  worker: ManagedWorker<TestApi>;
  create: ReturnType<typeof vi.fn>;
} {
  const create = vi.fn(pool.factory(TEST_THREAD));
  const worker = new ManagedWorker<TestApi>({ name: 'test', create, idleTimeoutMs });
  return { worker, create };
}

function record(worker: ManagedWorker<TestApi>): WorkerState[] {
  const states: WorkerState[] = [];
  worker.onStateChange((s) => states.push(s));
  return states;
}

async function settled(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a rejection'),
    (err: unknown) => err,
  );
}

describe('ManagedWorker on a real thread', () => {
  it('starts lazily, goes starting → busy → idle, and reuses the thread', async () => {
    const { worker, create } = managed();
    const states = record(worker);
    expect(worker.state).toBe('stopped');
    expect(create).not.toHaveBeenCalled();

    const first = worker.run((api) => api.threadId());
    expect(create).toHaveBeenCalledTimes(1);
    expect(worker.state).toBe('starting');
    const firstId = await first;
    const counted = await worker.run((api, port) => api.count(5, 20, callControl(undefined, port)));
    const secondId = await worker.run((api) => api.threadId());

    expect(counted).toBe(5);
    expect(secondId).toBe(firstId);
    expect(create).toHaveBeenCalledTimes(1);
    // The readiness probe answers before the first call does.
    expect(states).toEqual(['starting', 'busy', 'idle', 'busy', 'idle', 'busy', 'idle']);
    expect(worker.state).toBe('idle');
  });

  it('is busy while any call is in flight and idle when all are done', async () => {
    const { worker } = managed();
    await worker.run((api) => api.threadId());
    const a = worker.run((api) => api.count(3, 20));
    const b = worker.run((api) => api.count(6, 20));
    expect(worker.state).toBe('busy');
    await a;
    expect(worker.state).toBe('busy');
    await b;
    expect(worker.state).toBe('idle');
  });

  it('delivers progress from the thread', async () => {
    const { worker } = managed();
    const reports: TaskProgress[] = [];
    await worker.run((api, port) =>
      api.count(
        4,
        5,
        callControl((p) => reports.push(p), port),
      ),
    );
    expect(reports.map((p) => p.loaded)).toEqual([1, 2, 3, 4, 4]);
    expect(reports.at(-1)?.progress).toBe(1);
  });

  it('terminates after idleTimeoutMs and starts a fresh thread on the next run', async () => {
    const { worker, create } = managed(100);
    const firstId = await worker.run((api) => api.threadId());
    expect(worker.state).toBe('idle');
    await vi.waitFor(() => expect(worker.state).toBe('stopped'), { timeout: 2000 });
    const thread = pool.started[0]!.thread;
    await vi.waitFor(() => expect(thread.threadId).toBe(-1), { timeout: 2000 });

    const secondId = await worker.run((api) => api.threadId());
    expect(create).toHaveBeenCalledTimes(2);
    expect(secondId).not.toBe(firstId);
  });

  it('does not stop while a call is in flight, however long', async () => {
    const { worker } = managed(50);
    await expect(worker.run((api) => api.count(10, 20))).resolves.toBe(10);
    expect(pool.started).toHaveLength(1);
  });

  it('rejects at once when aborted, and tells the thread to stop its loop', async () => {
    const { worker } = managed();
    await worker.run((api) => api.threadId());
    const controller = new AbortController();
    const call = worker.run((api, port) => api.count(200, 20, callControl(undefined, port)), {
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = performance.now();
    controller.abort();
    const error = await settled(call);
    expect(performance.now() - before).toBeLessThan(50);
    expect(error).toBeInstanceOf(TaskAbortedError);
    expect(error).toMatchObject({ kind: 'aborted', workerName: 'test' });
    await vi.waitFor(async () => expect(await worker.run((api) => api.abortedLoops())).toBe(1));
    await vi.waitFor(() => expect(worker.state).toBe('idle'));
  });

  it('rejects an already-aborted signal without starting anything', async () => {
    const { worker, create } = managed();
    const task = vi.fn((api: Parameters<Parameters<typeof worker.run>[0]>[0]) => api.threadId());
    const error = await settled(worker.run(task, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(TaskAbortedError);
    expect(create).not.toHaveBeenCalled();
    expect(task).not.toHaveBeenCalled();
    expect(worker.state).toBe('stopped');
  });

  it('rejects every call in flight with WorkerCrashedError when the thread dies, then recovers', async () => {
    const { worker, create } = managed();
    const states = record(worker);
    const firstId = await worker.run((api) => api.threadId());
    const calls = [
      worker.run((api) => api.count(100, 20)),
      worker.run((api) => api.count(100, 20)),
      worker.run((api) => api.crashSoon(50)),
    ];
    const errors = await Promise.all(calls.map(settled));
    for (const error of errors) {
      expect(error).toBeInstanceOf(WorkerCrashedError);
      expect(error).toMatchObject({ kind: 'crashed', workerName: 'test' });
      expect((error as Error).message).toMatch(
        /^The test worker stopped unexpectedly \(.*fixture crash.*\)\. Reload the page and try again\.$/,
      );
    }
    expect(worker.state).toBe('stopped');
    expect(states.at(-1)).toBe('stopped');
    const crashed = pool.started[0]!.thread;
    await vi.waitFor(() => expect(crashed.threadId).toBe(-1));

    const secondId = await worker.run((api) => api.threadId());
    expect(secondId).not.toBe(firstId);
    expect(create).toHaveBeenCalledTimes(2);
    expect(worker.state).toBe('idle');
  });

  it('reports a script that fails to load as a crash', async () => {
    const create = pool.factory(BROKEN_THREAD);
    const worker = new ManagedWorker<TestApi>({ name: 'broken', create, idleTimeoutMs: 0 });
    const error = await settled(worker.run((api) => api.threadId()));
    expect(error).toBeInstanceOf(WorkerCrashedError);
    expect(error).toMatchObject({ kind: 'crashed', workerName: 'broken' });
    expect(worker.state).toBe('stopped');
  });

  it('reports a worker that cannot be created', async () => {
    const worker = new ManagedWorker<TestApi>({
      name: 'test',
      create: () => {
        throw new Error('SecurityError: workers are blocked');
      },
    });
    const error = await settled(worker.run((api) => api.threadId()));
    expect(error).toBeInstanceOf(WorkerCrashedError);
    expect((error as Error).message).toMatch(/^The test worker could not start \(.*blocked\)/);
    expect(worker.state).toBe('stopped');
  });

  it('passes remote WorkerTaskErrors through with their kind, and classifies other errors', async () => {
    const { worker } = managed();
    const invalid = await settled(worker.run((api) => api.fail('invalid-input', 'Bad input.')));
    expect(invalid).toBeInstanceOf(WorkerTaskError);
    expect(invalid).toMatchObject({
      kind: 'invalid-input',
      message: 'Bad input.',
      workerName: 'test',
    });

    const memory = await settled(worker.run((api) => api.allocate()));
    expect(memory).toBeInstanceOf(WorkerTaskError);
    expect(memory).toMatchObject({ kind: 'out-of-memory', workerName: 'test' });

    const local = await settled(worker.run(() => Promise.reject(new TypeError('oops'))));
    expect(local).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining('oops') as unknown,
    });
    expect(worker.state).toBe('idle');
  });

  it('terminate() stops the thread and rejects calls in flight as aborted', async () => {
    const { worker } = managed();
    await worker.run((api) => api.threadId());
    const call = worker.run((api) => api.count(100, 20));
    worker.terminate();
    const error = await settled(call);
    expect(error).toBeInstanceOf(TaskAbortedError);
    expect(worker.state).toBe('stopped');
    const thread = pool.started[0]!.thread;
    await vi.waitFor(() => expect(thread.threadId).toBe(-1));
  });

  it('stops notifying after unsubscribe', async () => {
    const { worker } = managed();
    const states: WorkerState[] = [];
    const unsubscribe = worker.onStateChange((s) => states.push(s));
    unsubscribe();
    await worker.run((api) => api.threadId());
    expect(states).toEqual([]);
  });
});
