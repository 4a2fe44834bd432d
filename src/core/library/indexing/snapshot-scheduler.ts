// Why this file exists: writing the keyword snapshot serialises the whole index (millions of
// characters at a thousand documents), so doing it after every add made each add cost more
// than the last. Every change is already safe in storage with its journal row; the snapshot
// only shortens the next load. So it is written once the library has been quiet for a moment,
// and at least every so often during a long run of adds, and never twice for the same version.

/** When to write: after `idleMs` without a change, or `maxDelayMs` after the first unsaved one. */
export interface SnapshotPolicy {
  idleMs: number;
  maxDelayMs: number;
}

export const DEFAULT_SNAPSHOT_POLICY: SnapshotPolicy = { idleMs: 2_000, maxDelayMs: 30_000 };

export interface SnapshotScheduler {
  /** Something changed that the stored snapshot does not hold yet. */
  changed(): void;
  /** Writes now if anything is pending (or `force`), waiting for a write already running. */
  flush(force?: boolean): Promise<boolean>;
}

/**
 * Calls `save` (which takes the worker's lock and writes the snapshot when it is out of date)
 * on the policy's schedule. A failed save is logged and retried with the next change.
 * @example const snapshots = createSnapshotScheduler(() => lock(() => saveSnapshot(indexes)));
 */
export function createSnapshotScheduler(
  save: () => Promise<boolean>,
  policy: SnapshotPolicy = DEFAULT_SNAPSHOT_POLICY,
  now: () => number = Date.now,
): SnapshotScheduler {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pendingSince: number | null = null;
  let running: Promise<boolean> = Promise.resolve(true);

  function run(): Promise<boolean> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    pendingSince = null;
    running = running
      .catch(() => false)
      .then(save)
      .catch((error: unknown) => {
        console.warn('Omnia: the keyword index snapshot was not saved', error);
        return false;
      });
    return running;
  }

  return {
    changed() {
      const at = now();
      pendingSince ??= at;
      if (timer !== undefined) clearTimeout(timer);
      const wait = Math.min(policy.idleMs, pendingSince + policy.maxDelayMs - at);
      timer = setTimeout(() => void run(), Math.max(0, wait));
    },
    flush(force = false) {
      if (pendingSince === null && !force) return running;
      return run();
    },
  };
}
