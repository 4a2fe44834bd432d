// Why this file exists: after a reload, the first answer by meaning waits for the embedding
// model to load (seconds for a real model). The person should see why, so the library worker
// reports that load — bytes of the model's files read, summed over its files — to whoever
// watches it: the Library view's warm-up call while it lasts. A watcher joining a load already
// under way hears where it stands at once.
import type { EngineLoadProgress } from '../../../models/engines/types';
import type { TaskProgress } from '../../../workers/rpc';

type Listener = (progress: TaskProgress) => unknown;

export interface LoadWatchers {
  /** Runs `load` (which reports each file's bytes to `onFile`) and tells the watchers. */
  track<T>(
    modelId: string,
    load: (onFile: (progress: EngineLoadProgress) => void) => Promise<T>,
  ): Promise<T>;
  /** Hears loads until the returned function is called. */
  watch(listener: Listener): () => void;
}

/** @example const loads = createLoadWatchers(() => performance.now()); */
export function createLoadWatchers(now: () => number): LoadWatchers {
  const listeners = new Set<Listener>();
  let current: TaskProgress | null = null;

  const emit = (progress: TaskProgress): void => {
    current = progress;
    for (const listener of listeners) {
      // A watcher that went away (a closed port) must not break the load.
      void Promise.resolve()
        .then(() => listener(progress))
        .catch(() => listeners.delete(listener));
    }
  };

  return {
    async track(modelId, load) {
      const started = now();
      const files = new Map<string, { loaded: number; total: number }>();
      const report = (done: boolean): void => {
        let loaded = 0;
        let total = 0;
        for (const file of files.values()) {
          loaded += file.loaded;
          total += file.total;
        }
        const progress = done ? 1 : total > 0 ? Math.min(0.99, loaded / total) : 0;
        emit({ progress, loaded, total, timeElapsed: now() - started, text: modelId });
      };
      report(false);
      try {
        const loaded = await load((p) => {
          files.set(p.file ?? '', { loaded: p.loaded, total: p.total });
          report(false);
        });
        report(true);
        return loaded;
      } finally {
        current = null;
      }
    },
    watch(listener) {
      listeners.add(listener);
      if (current) void Promise.resolve(listener(current)).catch(() => undefined);
      return () => listeners.delete(listener);
    },
  };
}
