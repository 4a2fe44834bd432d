/**
 * One download per model across tabs. The browser's Web Locks (`navigator.locks`) are held
 * by a tab and released when it dies, which is also how a killed download is told apart from
 * one still running elsewhere. Without Web Locks (tests, old browsers) an in-process lock
 * set stands in; it covers one manager, which is one tab.
 */

/** The subset of `navigator.locks` the manager uses: non-blocking requests only. */
export interface LockManagerLike {
  request<T>(
    name: string,
    options: { ifAvailable: true },
    callback: (lock: object | null) => T,
  ): Promise<Awaited<T>>;
}

/** The lock name for one model; other tabs and the download worker use the same name. */
export const modelLockName = (modelId: string): string => `omnia-model:${modelId}`;

/** An in-process LockManagerLike: a name is granted to one holder at a time. */
export function createLocalLocks(): LockManagerLike {
  const held = new Set<string>();
  return {
    async request<T>(
      name: string,
      _options: { ifAvailable: true },
      callback: (lock: object | null) => T,
    ): Promise<Awaited<T>> {
      if (held.has(name)) return await callback(null);
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        held.delete(name);
      }
    },
  };
}

export type LockOutcome<T> = { granted: true; value: T } | { granted: false };

/** Runs `task` while holding the model's lock, or reports that another holder has it. */
export async function withModelLock<T>(
  locks: LockManagerLike,
  modelId: string,
  task: () => Promise<T>,
): Promise<LockOutcome<T>> {
  return locks.request(
    modelLockName(modelId),
    { ifAvailable: true },
    async (lock): Promise<LockOutcome<T>> =>
      lock === null ? { granted: false } : { granted: true, value: await task() },
  );
}
