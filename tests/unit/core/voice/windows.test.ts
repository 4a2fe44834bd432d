// planWindows: the long-audio plan (75 s → 0–30, 25–55, 50–75), short audio, exact sample
// bounds, and settings that cannot work rejected with a clear message.
import { describe, expect, it } from 'vitest';
import { planWindows } from '../../../../src/core/voice/windows';

const RATE = 16_000;

describe('planWindows', () => {
  it('cuts 75 s into 0–30, 25–55 and 50–75 s', () => {
    const windows = planWindows(75 * RATE, RATE);
    expect(windows.map((w) => [w.startSeconds, w.endSeconds])).toEqual([
      [0, 30],
      [25, 55],
      [50, 75],
    ]);
    expect(windows.map((w) => [w.startSample, w.endSample])).toEqual([
      [0, 30 * RATE],
      [25 * RATE, 55 * RATE],
      [50 * RATE, 75 * RATE],
    ]);
    expect(windows.map((w) => w.index)).toEqual([0, 1, 2]);
  });

  it('gives one window for audio up to one window long, and none for no audio', () => {
    expect(planWindows(30 * RATE, RATE)).toEqual([
      { index: 0, startSample: 0, endSample: 30 * RATE, startSeconds: 0, endSeconds: 30 },
    ]);
    expect(planWindows(1234, RATE)).toHaveLength(1);
    expect(planWindows(1234, RATE)[0]?.endSample).toBe(1234);
    expect(planWindows(0, RATE)).toEqual([]);
  });

  it('covers every sample, each window at most the window long, neighbours overlapping', () => {
    const total = 3_601 * RATE + 17;
    const windows = planWindows(total, RATE, 30, 5);
    expect(windows[0]?.startSample).toBe(0);
    expect(windows.at(-1)?.endSample).toBe(total);
    for (const [i, w] of windows.entries()) {
      expect(w.endSample - w.startSample).toBeLessThanOrEqual(30 * RATE);
      const next = windows[i + 1];
      if (next) expect(next.startSample).toBe(w.startSample + 25 * RATE);
      if (next) expect(w.endSample - next.startSample).toBe(5 * RATE);
    }
  });

  it('takes other window and overlap lengths', () => {
    const windows = planWindows(20 * RATE, RATE, 10, 2);
    expect(windows.map((w) => [w.startSeconds, w.endSeconds])).toEqual([
      [0, 10],
      [8, 18],
      [16, 20],
    ]);
  });

  it('refuses settings that cannot make progress', () => {
    expect(() => planWindows(RATE, 0)).toThrow(/sample rate must be positive/);
    expect(() => planWindows(RATE, RATE, 30, 30)).toThrow(/shorter than the window/);
    expect(() => planWindows(RATE, RATE, 0, 0)).toThrow(/window must be positive/);
  });
});
