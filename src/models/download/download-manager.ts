/**
 * The model download manager: installs catalog entries from the hub, a relay or picked files
 * into one verified cache, and is the only way engines get model bytes (`verifiedFiles`).
 * It talks only to the ByteStore, the InstallStore, `fetch` and Web Locks, so the same code
 * runs in the browser's download worker and in Node tests against a real HTTP server.
 *
 * @example
 * const manager = createDownloadManager({ bytes, installs, fetch, locks: navigator.locks });
 * await manager.recoverInterrupted();
 * await manager.install(entry, HUB_SOURCE, { signal, onProgress: (p) => show(p) });
 * const files = manager.verifiedFiles(entry); // hand to the engine adapter
 */
import type { CatalogEntry } from '../catalog-types';
import type { ModelFileSource } from '../engines/types';
import { DownloadError, ModelNotInstalledError } from './errors';
import { importMatched, matchImportedFiles, type ImportedFile } from './import-files';
import { fileKey, prepareRecord, reconcileWithStore } from './install-record';
import { InstallRun, type ManagerContext, type QuotaEstimate } from './install-run';
import { createLocalLocks, withModelLock, type LockManagerLike } from './locks';
import { markBroken, repairStore, type RepairOptions, type RepairReport } from './repair';
import { isShardPattern } from './shard-sets';
import type { ModelSource } from './source-urls';
import type { ByteStore, DownloadProgress, InstallRecord, InstallStore } from './types';

export interface DownloadManagerOptions {
  bytes: ByteStore;
  installs: InstallStore;
  fetch: typeof fetch;
  /** `navigator.locks` in the browser; without it, locks hold within this manager only. */
  locks?: LockManagerLike;
  /** `() => navigator.storage.estimate()`-like; null or absent skips the up-front check. */
  quota?: QuotaEstimate;
  now?: () => number;
  /** Bytes between two flushes that a killed tab resumes from; default 4 MiB. */
  checkpointBytes?: number;
  /** Minimum gap between two progress events while bytes flow; default 200 ms. */
  progressIntervalMs?: number;
}

export interface InstallOptions {
  /** Aborting pauses the install: bytes are kept and the record becomes 'paused'. */
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
}

export interface DownloadManager {
  /** Fetches what is missing and verifies it; resolves with the 'installed' record, else rejects with a DownloadError. */
  install(
    entry: CatalogEntry,
    source: ModelSource,
    options?: InstallOptions,
  ): Promise<InstallRecord>;
  /** Installs from picked files instead of the network (see import-files.ts). */
  importFiles(
    entry: CatalogEntry,
    files: readonly ImportedFile[],
    options?: InstallOptions,
  ): Promise<InstallRecord>;
  /** Pauses this manager's running install of the model; false when none was running. */
  pause(modelId: string): boolean;
  /** Stops a running install, then deletes the model's bytes and record. */
  remove(modelId: string): Promise<void>;
  status(modelId: string): Promise<InstallRecord | undefined>;
  list(): Promise<InstallRecord[]>;
  /** Marks downloads left 'downloading' by a killed tab as 'paused'; returns their ids. */
  recoverInterrupted(): Promise<string[]>;
  repair(options?: RepairOptions): Promise<RepairReport>;
  /** Bytes stored per model id, partial files included. */
  diskUse(): Promise<Map<string, number>>;
  /** The only way engines read model bytes: installed, verified files or an error. */
  verifiedFiles(entry: CatalogEntry): ModelFileSource;
  /**
   * An engine found these files of an installed model missing or unreadable: the model is
   * marked as needing repair (status 'failed', the files to fetch again), never left looking
   * installed. Returns whether the record changed.
   */
  reportMissing(entry: CatalogEntry, paths: readonly string[]): Promise<boolean>;
}

export const DEFAULT_CHECKPOINT_BYTES = 4 * 1024 * 1024;
export const DEFAULT_PROGRESS_INTERVAL_MS = 200;

interface RunningInstall {
  controller: AbortController;
  done: Promise<unknown>;
}

export function createDownloadManager(options: DownloadManagerOptions): DownloadManager {
  const callerFetch = options.fetch;
  const ctx: ManagerContext = {
    bytes: options.bytes,
    installs: options.installs,
    // Called unbound: window.fetch throws "Illegal invocation" when `this` is another object.
    fetch: (input, init) => callerFetch.call(globalThis, input, init),
    locks: options.locks ?? createLocalLocks(),
    quota: options.quota,
    now: options.now ?? (() => Date.now()),
    checkpointBytes: options.checkpointBytes ?? DEFAULT_CHECKPOINT_BYTES,
    progressIntervalMs: options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS,
  };
  const running = new Map<string, RunningInstall>();

  /** Runs `task` as this model's only install here and in every tab, or rejects 'locked'. */
  async function exclusive<T>(
    modelId: string,
    signal: AbortSignal | undefined,
    task: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    if (running.has(modelId)) {
      throw new DownloadError('locked', 'This model is already downloading.');
    }
    if (signal?.aborted) throw new DownloadError('aborted', 'The download was cancelled.');
    const controller = new AbortController();
    const forward = (): void => controller.abort(signal?.reason);
    signal?.addEventListener('abort', forward, { once: true });
    const done = withModelLock(ctx.locks, modelId, () => task(controller.signal));
    running.set(modelId, { controller, done });
    try {
      const outcome = await done;
      if (!outcome.granted) {
        throw new DownloadError('locked', 'This model is already downloading in another tab.');
      }
      return outcome.value;
    } finally {
      running.delete(modelId);
      signal?.removeEventListener('abort', forward);
    }
  }

  /** Clears what the new record no longer names (another revision, files off the catalog). */
  async function dropStale(
    run: InstallRun,
    existing: InstallRecord | undefined,
    dropped: string[],
  ): Promise<void> {
    if (existing !== undefined && existing.revision !== run.entry.revision) {
      await ctx.bytes.removeModel(run.entry.id);
      return;
    }
    for (const path of dropped) await ctx.bytes.remove(fileKey(run.entry.id, path));
  }

  const install: DownloadManager['install'] = (entry, source, installOptions = {}) =>
    exclusive(entry.id, installOptions.signal, async (signal) => {
      const existing = await ctx.installs.get(entry.id);
      const origin = { kind: source.kind, url: source.baseUrl };
      const { record, dropped } = prepareRecord(entry, origin, existing, ctx.now());
      const run = new InstallRun(ctx, entry, record, signal, installOptions.onProgress);
      try {
        await dropStale(run, existing, dropped);
        await reconcileWithStore(record, entry, ctx.bytes);
        await run.changed();
        await run.checkQuota();
        await run.fetchAll(source);
        return await run.finish();
      } catch (error) {
        return run.fail(error);
      }
    });

  const importFiles: DownloadManager['importFiles'] = (entry, files, importOptions = {}) =>
    exclusive(entry.id, importOptions.signal, async (signal) => {
      const existing = await ctx.installs.get(entry.id);
      const { record, dropped } = prepareRecord(entry, { kind: 'imported' }, existing, ctx.now());
      // Every picked file is written again, so the quota check counts all of them.
      for (const file of record.files) Object.assign(file, { bytesDone: 0, state: 'pending' });
      const run = new InstallRun(ctx, entry, record, signal, importOptions.onProgress);
      // Throws before anything is stored or recorded when the picked files do not fit.
      const matched = await matchImportedFiles(run, files);
      try {
        await dropStale(run, existing, dropped);
        await run.changed();
        await run.checkQuota();
        return await importMatched(run, matched);
      } catch (error) {
        return run.fail(error);
      }
    });

  function pause(modelId: string): boolean {
    const active = running.get(modelId);
    active?.controller.abort(new DOMException('The download was paused.', 'AbortError'));
    return active !== undefined;
  }

  async function remove(modelId: string): Promise<void> {
    const active = running.get(modelId);
    if (active !== undefined) {
      active.controller.abort(new DOMException('The model is being removed.', 'AbortError'));
      await active.done.catch(() => undefined);
    }
    const outcome = await withModelLock(ctx.locks, modelId, async () => {
      await ctx.bytes.removeModel(modelId);
      await ctx.installs.delete(modelId);
    });
    if (!outcome.granted) {
      throw new DownloadError(
        'locked',
        'This model is downloading in another tab; pause it there before removing it.',
      );
    }
  }

  async function recoverInterrupted(): Promise<string[]> {
    const recovered: string[] = [];
    for (const { modelId, status } of await ctx.installs.list()) {
      if (status !== 'downloading' || running.has(modelId)) continue;
      // A free lock means the tab that wrote 'downloading' is gone.
      const outcome = await withModelLock(ctx.locks, modelId, () => markPaused(modelId));
      if (outcome.granted && outcome.value) recovered.push(modelId);
    }
    return recovered;
  }

  async function markPaused(modelId: string): Promise<boolean> {
    const record = await ctx.installs.get(modelId);
    if (record?.status !== 'downloading') return false;
    for (const file of record.files) {
      if (file.state === 'verified' || isShardPattern(file.path)) continue;
      // Bytes written after the last checkpoint count: the store is the truth.
      const stored = (await ctx.bytes.size(fileKey(modelId, file.path))) ?? 0;
      file.bytesDone = stored;
      file.state = stored > 0 ? 'partial' : 'pending';
    }
    record.bytesDone = record.files.reduce((sum, file) => sum + file.bytesDone, 0);
    record.status = 'paused';
    record.updatedAt = ctx.now();
    await ctx.installs.put(record);
    return true;
  }

  async function diskUse(): Promise<Map<string, number>> {
    const use = new Map<string, number>();
    for (const key of await ctx.bytes.list()) {
      const size = (await ctx.bytes.size(key)) ?? 0;
      use.set(key.modelId, (use.get(key.modelId) ?? 0) + size);
    }
    return use;
  }

  function verifiedFiles(entry: CatalogEntry): ModelFileSource {
    const notInstalled = (): ModelNotInstalledError =>
      new ModelNotInstalledError(
        entry.id,
        `${entry.displayName} is not installed — download it first.`,
      );
    return {
      async open(path: string): Promise<Blob | null> {
        // Read per call, so a model removed or repaired meanwhile is never half-read.
        const record = await ctx.installs.get(entry.id);
        if (record?.status !== 'installed' || record.revision !== entry.revision) {
          throw notInstalled();
        }
        const file = record.files.find((f) => f.path === path);
        if (file === undefined) return null;
        if (file.state !== 'verified') throw notInstalled();
        const blob = await ctx.bytes.read(fileKey(entry.id, path));
        if (blob === null || blob.size !== file.size) {
          throw new ModelNotInstalledError(
            entry.id,
            `${path} of ${entry.displayName} is missing from this device's storage — repair the ` +
              'cache or install the model again.',
          );
        }
        return blob;
      },
    };
  }

  async function reportMissing(entry: CatalogEntry, paths: readonly string[]): Promise<boolean> {
    const outcome = await withModelLock(ctx.locks, entry.id, async () => {
      const record = await ctx.installs.get(entry.id);
      if (record?.status !== 'installed') return false;
      const broken = record.files.filter((f) => paths.includes(f.path));
      if (broken.length === 0) return false;
      for (const file of broken) {
        await ctx.bytes.remove(fileKey(entry.id, file.path));
        file.state = 'pending';
        file.bytesDone = 0;
      }
      markBroken(
        record,
        broken.map((f) => f.path),
        ctx.now(),
      );
      await ctx.installs.put(record);
      return true;
    });
    return outcome.granted && outcome.value;
  }

  return {
    install,
    importFiles,
    reportMissing,
    pause,
    remove,
    status: (modelId) => ctx.installs.get(modelId),
    list: () => ctx.installs.list(),
    recoverInterrupted,
    repair: (repairOptions) => repairStore(ctx, repairOptions),
    diskUse,
    verifiedFiles,
  };
}
