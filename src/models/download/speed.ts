/**
 * Download speed over a sliding window, so the figure follows the network as it changes
 * instead of averaging since the start (which hides a stall for minutes).
 */

/** How far back the speed looks; ~3 s smooths bursts without lagging behind a stall. */
export const SPEED_WINDOW_MS = 3000;

interface Sample {
  at: number;
  /** Bytes received since the meter was created, including this sample's. */
  total: number;
}

export class SpeedMeter {
  readonly #windowMs: number;
  #samples: Sample[] = [];
  #total = 0;

  constructor(windowMs = SPEED_WINDOW_MS) {
    this.#windowMs = windowMs;
  }

  /** Records `bytes` received at time `at` (ms). Call with 0 to mark when waiting started. */
  add(bytes: number, at: number): void {
    this.#total += bytes;
    this.#samples.push({ at, total: this.#total });
    this.#prune(at);
  }

  /** Bytes per second over the window ending at `at`; 0 until there is a span to measure. */
  bytesPerSecond(at: number): number {
    this.#prune(at);
    const first = this.#samples[0];
    if (first === undefined) return 0;
    const elapsed = at - first.at;
    if (elapsed <= 0) return 0;
    return ((this.#total - first.total) / elapsed) * 1000;
  }

  /** Keeps one sample at or before the window's start as the baseline of the measure. */
  #prune(at: number): void {
    const windowStart = at - this.#windowMs;
    while (this.#samples.length > 1 && (this.#samples[1]?.at ?? Infinity) <= windowStart) {
      this.#samples.shift();
    }
  }
}

/** Seconds to fetch `remaining` bytes at `bytesPerSecond`, or null when the speed is unknown. */
export function secondsLeft(remaining: number, bytesPerSecond: number): number | null {
  if (bytesPerSecond <= 0) return null;
  return Math.max(0, Math.ceil(remaining / bytesPerSecond));
}
