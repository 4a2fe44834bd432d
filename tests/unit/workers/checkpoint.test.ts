// Checkpoints let a queued abort message in and stop the loop, without yielding every step.
import { describe, expect, it } from 'vitest';
import { createCheckpoint } from '../../../src/workers/checkpoint';
import { TaskAbortedError } from '../../../src/workers/errors';
import { abortPortFor, signalFromPort } from '../../../src/workers/rpc';

describe('createCheckpoint', () => {
  it('lets a queued abort message in and then stops the loop', async () => {
    const signal = signalFromPort(abortPortFor(AbortSignal.abort()), 'test');
    // The message is still queued on the port: only a new task can deliver it.
    expect(signal.aborted).toBe(false);
    const checkpoint = createCheckpoint(signal, 'test', { minIntervalMs: 0 });
    let error: unknown;
    for (let step = 0; step < 50 && error === undefined; step += 1) {
      error = await checkpoint.check().catch((err: unknown) => err);
    }
    expect(error).toBeInstanceOf(TaskAbortedError);
    expect(error).toMatchObject({ workerName: 'test' });
  });

  it('yields at most once per interval, but always tests the flag', async () => {
    let clock = 0;
    let turns = 0;
    const controller = new AbortController();
    const checkpoint = createCheckpoint(controller.signal, 'test', { now: () => clock });
    const spin = setInterval(() => (turns += 1), 0);
    try {
      await checkpoint.check(); // first check yields
      const afterFirst = turns;
      clock = 10;
      await checkpoint.check(); // within the interval: no yield
      expect(turns).toBe(afterFirst);
      controller.abort();
      await expect(checkpoint.check()).rejects.toBeInstanceOf(TaskAbortedError);
    } finally {
      clearInterval(spin);
    }
  });

  it('passes when nothing was aborted', async () => {
    await expect(createCheckpoint(new AbortController().signal).check()).resolves.toBeUndefined();
  });
});
