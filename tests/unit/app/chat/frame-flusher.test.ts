// A growing answer is shown at most once per frame, and less often when showing it costs more
// than its share of the main thread.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFrameFlusher } from '../../../../src/app/state/frame-flusher';

/** Frames every 16 ms on fake timers. */
function frames() {
  let queue: (() => void)[] = [];
  const frame = (callback: () => void): number => queue.push(callback);
  const tickFrame = async (): Promise<void> => {
    await vi.advanceTimersByTimeAsync(16);
    const due = queue;
    queue = [];
    for (const callback of due) callback();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { frame, tickFrame, cancelFrame: () => (queue = []) };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createFrameFlusher', () => {
  it('updates once per frame however many tokens came', async () => {
    const { frame, tickFrame, cancelFrame } = frames();
    const flush = vi.fn();
    const flusher = createFrameFlusher(flush, { frame, cancelFrame, now: () => Date.now() });
    for (let i = 0; i < 50; i++) flusher.request();
    await tickFrame();
    expect(flush).toHaveBeenCalledTimes(1);
    flusher.request();
    flusher.request();
    await tickFrame();
    expect(flush).toHaveBeenCalledTimes(2);
    await tickFrame();
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it('spaces costly updates so they take about their share of the time', async () => {
    const { frame, tickFrame, cancelFrame } = frames();
    // Each update costs 20 ms; at a 0.2 share the next may come 80 ms after it ends.
    const flush = vi.fn((): void => {
      vi.advanceTimersByTime(20);
    });
    const flusher = createFrameFlusher(flush, {
      share: 0.2,
      frame,
      cancelFrame,
      now: () => Date.now(),
    });
    const start = Date.now();
    for (let i = 0; i < 20; i++) {
      flusher.request();
      await tickFrame();
    }
    const elapsed = Date.now() - start;
    const busy = flush.mock.calls.length * 20;
    expect(busy / elapsed).toBeLessThan(0.3);
    expect(flush.mock.calls.length).toBeGreaterThan(1);
  });

  it('cancel drops a pending update', async () => {
    const { frame, tickFrame, cancelFrame } = frames();
    const flush = vi.fn();
    const flusher = createFrameFlusher(flush, { frame, cancelFrame, now: () => Date.now() });
    flusher.request();
    flusher.cancel();
    await tickFrame();
    expect(flush).not.toHaveBeenCalled();
    flusher.request();
    await tickFrame();
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('a request during an update is shown by the next one', async () => {
    const { frame, tickFrame, cancelFrame } = frames();
    let release: () => void = () => {};
    const flush = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const flusher = createFrameFlusher(flush, { frame, cancelFrame, now: () => Date.now() });
    flusher.request();
    await tickFrame();
    flusher.request();
    release();
    await tickFrame();
    await tickFrame();
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it('never updates more often than minIntervalMs', async () => {
    const { frame, tickFrame, cancelFrame } = frames();
    const flush = vi.fn();
    const flusher = createFrameFlusher(flush, {
      minIntervalMs: 50,
      frame,
      cancelFrame,
      now: () => Date.now(),
    });
    for (let i = 0; i < 20; i++) {
      flusher.request();
      await tickFrame();
    }
    // 20 frames of 16 ms: 320 ms, so about one update per 50 ms (first at once).
    expect(flush.mock.calls.length).toBeGreaterThanOrEqual(4);
    expect(flush.mock.calls.length).toBeLessThanOrEqual(7);
  });
});
