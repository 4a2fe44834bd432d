// Why this file exists: long worker loops report progress through a comlink proxy, and
// each report is a message to the main thread. This throttles them (the UI cannot show
// more than a few per second anyway), keeps them monotonic, and makes sure the final
// report has reached the caller before the method returns: progress travels on its own
// port, so without that wait the result could overtake it.
import type { TaskProgress } from './rpc';

/** Default minimum gap between two reports: at most ~20 per second. */
export const PROGRESS_INTERVAL_MS = 50;

/** Throttled, monotonic progress for one task. */
export interface ProgressReporter {
  /** Reports `loaded` of the total, unless the last report was under the interval ago. */
  update(loaded: number, text?: string): void;
  /** Reports completion (progress 1) and resolves once the caller has received it. */
  finish(text?: string): Promise<void>;
}

/**
 * Creates a reporter for a task of `total` units (bytes, pages…). A callback that throws
 * or rejects is ignored: a broken progress bar must not fail the task.
 */
export function createProgressReporter(
  onProgress: ((p: TaskProgress) => unknown) | undefined,
  total: number,
  options: { minIntervalMs?: number; now?: () => number } = {},
): ProgressReporter {
  const now = options.now ?? (() => performance.now());
  const minIntervalMs = options.minIntervalMs ?? PROGRESS_INTERVAL_MS;
  const startedAt = now();
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let lastProgress = 0;

  const send = (loaded: number, progress: number, text?: string): Promise<void> => {
    if (!onProgress) return Promise.resolve();
    const report: TaskProgress = { progress, loaded, total, timeElapsed: now() - startedAt };
    if (text !== undefined) report.text = text;
    try {
      return Promise.resolve(onProgress(report)).then(
        () => undefined,
        () => undefined,
      );
    } catch {
      return Promise.resolve();
    }
  };

  return {
    update(loaded, text) {
      const at = now();
      if (at - lastSentAt < minIntervalMs) return;
      const progress = total > 0 ? Math.min(1, Math.max(lastProgress, loaded / total)) : 0;
      lastSentAt = at;
      lastProgress = progress;
      void send(loaded, progress, text);
    },
    finish(text) {
      lastProgress = 1;
      return send(total, 1, text);
    },
  };
}
