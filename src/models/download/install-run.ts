/**
 * One install (or import) in progress: the working InstallRecord, its progress events, and
 * the steps every file goes through: fetch (resuming), verify, and on a mismatch evict and
 * fetch once more. The manager holds the model's lock around a run; a run never takes locks.
 */
import type { CatalogEntry } from '../catalog-types';
import { DownloadError, describeError, formatBytes, isQuotaError } from './errors';
import { fetchFileInto } from './file-download';
import {
  catalogSha256,
  fileKey,
  hasExactSize,
  refreshTotals,
  remainingBytes,
} from './install-record';
import type { LockManagerLike } from './locks';
import { ProgressEmitter } from './progress';
import { isShardPattern, shardFilesFromManifest, shardManifestOf } from './shard-sets';
import { fileUrl, type ModelSource } from './source-urls';
import type {
  ByteStore,
  DownloadProgress,
  InstallFileRecord,
  InstallRecord,
  InstallStore,
} from './types';
import { findMismatch } from './verify';

/** Free space must exceed what is left to fetch by this factor (sizes can be estimates). */
export const QUOTA_MARGIN = 1.05;

export type QuotaEstimate = () => Promise<{ usage: number; quota: number } | null>;

/** What a run needs from its manager. */
export interface ManagerContext {
  bytes: ByteStore;
  installs: InstallStore;
  fetch: typeof fetch;
  locks: LockManagerLike;
  quota: QuotaEstimate | undefined;
  now: () => number;
  checkpointBytes: number;
  progressIntervalMs: number;
}

export class InstallRun {
  readonly progress: ProgressEmitter;

  constructor(
    readonly ctx: ManagerContext,
    readonly entry: CatalogEntry,
    readonly record: InstallRecord,
    readonly signal: AbortSignal,
    onProgress: ((progress: DownloadProgress) => void) | undefined,
  ) {
    this.progress = new ProgressEmitter(onProgress, ctx.now, ctx.progressIntervalMs);
  }

  async persist(): Promise<void> {
    refreshTotals(this.record, this.entry);
    this.record.updatedAt = this.ctx.now();
    await this.ctx.installs.put(this.record);
  }

  /** Persists and sends a progress event that is never throttled away. */
  async changed(): Promise<void> {
    await this.persist();
    this.progress.emit(this.record, true);
  }

  /** Refuses to start when the device clearly cannot hold what is left to fetch. */
  async checkQuota(): Promise<void> {
    // No estimate (or a failing one): the writer's QuotaExceededError still stops a full disk.
    const estimate = await this.ctx.quota?.().catch(() => null);
    if (estimate === undefined || estimate === null) return;
    const needed = remainingBytes(this.record, this.entry) * QUOTA_MARGIN;
    const free = Math.max(0, estimate.quota - estimate.usage);
    if (free >= needed) return;
    throw new DownloadError(
      'quota',
      `Not enough storage for ${this.entry.displayName}: it needs ${formatBytes(needed)} more ` +
        `but only ${formatBytes(free)} is free. Remove other models or free up space, then try again.`,
    );
  }

  /** Fetches and verifies every file that is not verified yet, in record order. */
  async fetchAll(source: ModelSource): Promise<void> {
    const { files } = this.record;
    for (let index = 0; index < files.length; index++) {
      const file = files[index];
      if (file === undefined || file.state === 'verified') continue;
      if (isShardPattern(file.path)) {
        await this.expandShardSet(index, file.path);
        index--;
        continue;
      }
      await this.downloadFile(file, source);
    }
  }

  /** Fetch, verify; on a mismatch evict and fetch once more, then give up. */
  async downloadFile(file: InstallFileRecord, source: ModelSource): Promise<void> {
    const key = fileKey(this.record.modelId, file.path);
    for (let attempt = 1; ; attempt++) {
      let mismatch: string | null;
      try {
        this.showFile(file, 'fetch', file.bytesDone);
        this.progress.emit(this.record, true);
        await fetchFileInto({
          fetch: this.ctx.fetch,
          bytes: this.ctx.bytes,
          url: fileUrl(source, this.entry, file.path),
          key,
          file,
          exactSize: hasExactSize(this.entry, file.path),
          catalogSha256: catalogSha256(this.entry, file.path),
          sendIfRange: source.kind === 'relay',
          checkpointBytes: this.ctx.checkpointBytes,
          signal: this.signal,
          onBytes: (received) => {
            this.progress.received(received);
            this.tick(file, 'fetch', file.bytesDone);
          },
          onCheckpoint: () => this.persist(),
        });
        mismatch = await this.verify(file);
      } catch (error) {
        if (!(error instanceof DownloadError && error.kind === 'verification')) throw error;
        mismatch = error.message;
      }
      if (mismatch === null) return this.markVerified(file);
      await this.evict(file);
      if (attempt >= 2) {
        throw new DownloadError(
          'verification',
          `${file.path} failed verification twice (${mismatch}), so it was removed. The source ` +
            'may be serving a damaged file: try again later or use another source.',
          { path: file.path },
        );
      }
    }
  }

  /** Why the stored file is not the expected one (null when it is), with 'verify' progress. */
  async verify(file: InstallFileRecord): Promise<string | null> {
    this.showFile(file, 'verify', 0);
    this.progress.emit(this.record, true);
    return findMismatch(this.ctx.bytes, fileKey(this.record.modelId, file.path), file, {
      signal: this.signal,
      onProgress: (hashed) => this.tick(file, 'verify', hashed),
    });
  }

  async markVerified(file: InstallFileRecord): Promise<void> {
    await this.ctx.bytes.seal?.(fileKey(this.record.modelId, file.path));
    file.state = 'verified';
    file.bytesDone = file.size ?? file.bytesDone;
    await this.changed();
  }

  /** Removes a file that failed verification, forgetting what its source said about it. */
  async evict(file: InstallFileRecord): Promise<void> {
    await this.ctx.bytes.remove(fileKey(this.record.modelId, file.path));
    file.bytesDone = 0;
    file.state = 'pending';
    delete file.etag;
    if (catalogSha256(this.entry, file.path) === undefined) delete file.sha256;
    if (!hasExactSize(this.entry, file.path)) file.size = null;
    await this.changed();
  }

  /** Replaces a shard pattern by the shards its (verified) manifest lists. */
  async expandShardSet(index: number, pattern: string): Promise<void> {
    const manifestPath = shardManifestOf(this.entry, pattern);
    const manifest = this.record.files.find((file) => file.path === manifestPath);
    const blob =
      manifestPath !== undefined && manifest?.state === 'verified'
        ? await this.ctx.bytes.read(fileKey(this.record.modelId, manifestPath))
        : null;
    if (manifestPath === undefined || blob === null) {
      throw new DownloadError('failed', `${pattern} has no verified manifest naming its shards.`);
    }
    const shards = shardFilesFromManifest(pattern, manifestPath, await blob.text());
    this.record.files.splice(index, 1, ...shards);
    // Persisted before any shard is written, so repair never takes them for orphans.
    await this.changed();
  }

  async finish(): Promise<InstallRecord> {
    this.record.status = 'installed';
    this.record.installedAt = this.ctx.now();
    delete this.record.error;
    this.progress.setFile(undefined);
    await this.changed();
    return this.record;
  }

  /** Records how the run ended ('paused' when aborted, else 'failed') and rejects with it. */
  async fail(error: unknown): Promise<never> {
    const aborted = this.signal.aborted;
    const failure = aborted
      ? new DownloadError('aborted', 'The download was paused; install again to resume it.')
      : error instanceof DownloadError
        ? error
        : isQuotaError(error)
          ? new DownloadError(
              'quota',
              'Storage is full, so the download could not be recorded. Free up space (or ' +
                'remove other models) and try again.',
              { cause: error },
            )
          : new DownloadError('failed', `The download failed: ${describeError(error)}`, {
              cause: error,
            });
    this.record.status = aborted ? 'paused' : 'failed';
    if (aborted) delete this.record.error;
    else this.record.error = failure.toInfo();
    this.progress.setFile(undefined);
    try {
      await this.changed();
    } catch {
      // The original failure is what the person needs to see.
    }
    throw failure;
  }

  /** A throttled progress event for bytes moving in `file`. */
  tick(file: InstallFileRecord, phase: 'fetch' | 'verify', bytesDone: number): void {
    refreshTotals(this.record, this.entry);
    this.showFile(file, phase, bytesDone);
    this.progress.emit(this.record);
  }

  showFile(file: InstallFileRecord, phase: 'fetch' | 'verify', bytesDone: number): void {
    this.progress.setFile({ path: file.path, bytesDone, bytesTotal: file.size, phase });
  }
}
