// The ingest client's stop policy on real threads: a parse past its time limit, or one that
// ignores a cancel, is ended by terminating the worker, and the next file gets a fresh one.
// The thread is a stand-in parser (the thing under test is the client's timing logic); the
// real parsers run through the real ingest API in ingest-api.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { createIngestClient } from '../../../src/workers/ingest-client';
import { ThreadPool } from './node-worker';

const STUCK_THREAD = new URL('./fixtures/stuck-ingest-thread.ts', import.meta.url);

const pool = new ThreadPool();
afterEach(() => pool.stopAll());

function client(cancelGraceMs = 200): ReturnType<typeof createIngestClient> {
  return createIngestClient({
    create: pool.factory(STUCK_THREAD),
    idleTimeoutMs: 0,
    cancelGraceMs,
  });
}

const file = (text = 'hello'): Blob => new Blob([text]);

describe('createIngestClient', () => {
  it('parses on one lazily started worker', async () => {
    const ingest = client();
    const outcome = await ingest.parse(file('hello'), 'a.txt');
    expect(outcome).toMatchObject({ ok: true, parsed: { blocks: [{ text: 'hello' }] } });
    await ingest.parse(file('again'), 'b.txt');
    expect(pool.started).toHaveLength(1);
  });

  it('terminates a parse stuck in synchronous code at the time limit; the next file gets a new worker', async () => {
    const ingest = client();
    const started = Date.now();
    const outcome = await ingest.parse(file(), 'spin', { timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(outcome).toMatchObject({ ok: false, problem: { code: 'timeout' } });
    expect(ingest.worker.state).toBe('stopped');
    await expect(ingest.parse(file('next'), 'next.txt')).resolves.toMatchObject({ ok: true });
    expect(pool.started).toHaveLength(2);
  });

  it('queues calls: a file sent while another is stuck waits for a fresh worker', async () => {
    const ingest = client();
    const stuck = ingest.parse(file(), 'spin', { timeoutMs: 300 });
    const next = ingest.parse(file('second'), 'second.txt', { timeoutMs: 5000 });
    await expect(stuck).resolves.toMatchObject({ ok: false, problem: { code: 'timeout' } });
    await expect(next).resolves.toMatchObject({
      ok: true,
      parsed: { blocks: [{ text: 'second' }] },
    });
  });

  it('cancel: a parser that hears the abort stops by itself and the worker is kept', async () => {
    const ingest = client(5000);
    const controller = new AbortController();
    const call = ingest.parse(file(), 'cooperative', { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(call).resolves.toMatchObject({ ok: false, problem: { code: 'cancelled' } });
    expect(ingest.worker.state).toBe('idle');
    expect(pool.started).toHaveLength(1);
  });

  it('cancel: a parser that cannot hear it is terminated after the grace period', async () => {
    const ingest = client(200);
    const controller = new AbortController();
    const call = ingest.parse(file(), 'spin', { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(call).resolves.toMatchObject({ ok: false, problem: { code: 'cancelled' } });
    expect(ingest.worker.state).toBe('stopped');
  });

  it('an already aborted signal never starts the worker', async () => {
    const ingest = client();
    const outcome = await ingest.parse(file(), 'a.txt', { signal: AbortSignal.abort() });
    expect(outcome).toMatchObject({ ok: false, problem: { code: 'cancelled' } });
    expect(pool.started).toHaveLength(0);
  });

  it('a worker that dies while parsing gives a readable "corrupt" problem, not a rejection', async () => {
    const ingest = client();
    const outcome = await ingest.parse(file(), 'crash');
    expect(outcome).toMatchObject({ ok: false, problem: { code: 'corrupt' } });
    if (!outcome.ok) expect(outcome.problem.message).toMatch(/parser stop/);
    await expect(ingest.parse(file('after'), 'after.txt')).resolves.toMatchObject({ ok: true });
  });
});
