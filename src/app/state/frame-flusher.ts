/**
 * Shows a growing answer without starving the model. The view is updated at most once per
 * animation frame, and when an update costs more than `share` of the time between updates (a
 * long answer's markdown takes longer to render than a short one's), less often, so that
 * showing the answer never takes more than about that share of the main thread. With two CPU
 * cores, every millisecond the page spends rendering is one the model's worker may not get.
 */
export interface FrameFlusher {
  /** Something changed: update the view in a coming frame. */
  request(): void;
  /** Drops a pending update. */
  cancel(): void;
}

export interface FrameFlusherOptions {
  /** The most of the main thread updates may take (0…1); 0.2 when left out. */
  share?: number;
  /** And never more often than this (ms); 0 (every frame) when left out. */
  minIntervalMs?: number;
  now?: () => number;
  frame?: (callback: () => void) => unknown;
  cancelFrame?: (handle: unknown) => void;
}

/**
 * How a streaming answer is shown (chat-answer.svelte.ts; the chat-stream bench uses the same):
 * at most 20 times a second — text read by a person looks no different, and a fast model keeps
 * the CPU — and within a fifth of the main thread.
 */
export const STREAMING_ANSWER: FrameFlusherOptions = { share: 0.2, minIntervalMs: 50 };

/**
 * `flush` updates the view; a promise it returns should settle once the update is rendered
 * (Svelte's tick()), so its cost counts.
 */
export function createFrameFlusher(
  flush: () => void | Promise<void>,
  options: FrameFlusherOptions = {},
): FrameFlusher {
  const share = Math.min(1, Math.max(0.01, options.share ?? 0.2));
  const minInterval = Math.max(0, options.minIntervalMs ?? 0);
  const now = options.now ?? (() => performance.now());
  const frame = options.frame ?? ((callback) => requestAnimationFrame(callback));
  const cancelFrame = options.cancelFrame ?? ((handle) => cancelAnimationFrame(handle as number));
  let pending = false;
  let running = false;
  let handle: { timer?: ReturnType<typeof setTimeout>; frame?: unknown } | null = null;
  /** Not before this time: the last update's cost, spread at `share`. */
  let nextAt = -Infinity;

  const run = async (): Promise<void> => {
    handle = null;
    if (!pending) return;
    pending = false;
    running = true;
    const start = now();
    try {
      await flush();
    } finally {
      const end = now();
      nextAt = Math.max(end + (end - start) * (1 / share - 1), start + minInterval);
      running = false;
      if (pending) schedule();
    }
  };

  const schedule = (): void => {
    const wait = nextAt - now();
    if (wait <= 0) {
      handle = { frame: frame(() => void run()) };
      return;
    }
    const later: NonNullable<typeof handle> = {};
    later.timer = setTimeout(() => {
      later.timer = undefined;
      later.frame = frame(() => void run());
    }, wait);
    handle = later;
  };

  return {
    request() {
      pending = true;
      if (!running && handle === null) schedule();
    },
    cancel() {
      pending = false;
      if (handle?.timer !== undefined) clearTimeout(handle.timer);
      if (handle?.frame !== undefined) cancelFrame(handle.frame);
      handle = null;
    },
  };
}
