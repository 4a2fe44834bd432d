// Why this file exists: an abort reaches a worker as a message on its abort port, and a
// message is only handled when the worker's loop gives the event loop a turn. Awaiting a
// promise is not enough (microtasks run before messages), so long loops call check()
// between steps. Yielding costs a little (setTimeout(0) is clamped to 4 ms in browsers),
// so a checkpoint yields at most every `minIntervalMs` and only tests the flag otherwise.
// A self-posted MessageChannel would avoid the clamp, but Node drains a port's own
// ping-pong in one go and starves every other port, progress and abort included.
import { throwIfAborted } from './rpc';

/** Default gap between two yields; also the worst added latency of an abort. */
export const CHECKPOINT_INTERVAL_MS = 50;

/** Cooperative cancellation points for one long loop in a worker. */
export interface Checkpoint {
  /** Throws TaskAbortedError if the task was aborted, letting pending messages in first when due. */
  check(): Promise<void>;
}

type PostTask = (callback: () => void) => Promise<void>;

/** A new task, not a microtask: scheduler.postTask where it exists (no clamp), else a timer. */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler;
  if (scheduler && typeof scheduler.postTask === 'function') {
    return scheduler.postTask(() => undefined);
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Creates a checkpoint tied to `signal` (usually from signalFromPort). */
export function createCheckpoint(
  signal: AbortSignal,
  workerName?: string,
  options: { minIntervalMs?: number; now?: () => number } = {},
): Checkpoint {
  const now = options.now ?? (() => performance.now());
  const minIntervalMs = options.minIntervalMs ?? CHECKPOINT_INTERVAL_MS;
  // The first check always yields: an abort sent before the call began is still queued,
  // and usually (not surely: task sources are not ordered) arrives in that first turn.
  let lastYield = Number.NEGATIVE_INFINITY;
  return {
    async check() {
      throwIfAborted(signal, workerName);
      if (now() - lastYield < minIntervalMs) return;
      await nextTask();
      lastYield = now();
      throwIfAborted(signal, workerName);
    },
  };
}
