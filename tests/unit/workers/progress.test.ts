// Throttled, monotonic progress, with a final report the caller has received.
import { describe, expect, it } from 'vitest';
import { createProgressReporter } from '../../../src/workers/progress';
import type { TaskProgress } from '../../../src/workers/rpc';

describe('createProgressReporter', () => {
  it('sends at most one report per interval, then always the final one', async () => {
    let clock = 0;
    const reports: TaskProgress[] = [];
    const reporter = createProgressReporter((p) => reports.push(p), 100, { now: () => clock });
    reporter.update(0);
    clock = 10;
    reporter.update(10); // within 50 ms: dropped
    clock = 60;
    reporter.update(60);
    await reporter.finish();
    expect(reports.map((p) => [p.loaded, p.progress, p.timeElapsed])).toEqual([
      [0, 0, 0],
      [60, 0.6, 60],
      [100, 1, 60],
    ]);
  });

  it('never goes backwards', () => {
    let clock = 0;
    const reports: TaskProgress[] = [];
    const reporter = createProgressReporter((p) => reports.push(p), 10, {
      now: () => (clock += 100),
    });
    reporter.update(5);
    reporter.update(3);
    expect(reports.map((p) => p.progress)).toEqual([0.5, 0.5]);
  });

  it('waits for an async callback on finish and ignores one that fails', async () => {
    let received = false;
    const slow = createProgressReporter(
      (p) =>
        new Promise<void>((resolve) =>
          setTimeout(() => ((received = p.progress === 1), resolve()), 5),
        ),
      1,
    );
    await slow.finish();
    expect(received).toBe(true);

    const throwing = createProgressReporter(() => {
      throw new Error('bad bar');
    }, 1);
    throwing.update(0);
    await expect(throwing.finish()).resolves.toBeUndefined();
    const rejecting = createProgressReporter(() => Promise.reject(new Error('bad bar')), 1);
    await expect(rejecting.finish()).resolves.toBeUndefined();
  });

  it('works without a callback', async () => {
    const reporter = createProgressReporter(undefined, 1);
    reporter.update(1);
    await expect(reporter.finish()).resolves.toBeUndefined();
  });
});
