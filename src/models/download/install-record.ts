/**
 * Building and reconciling InstallRecords. A record is rebuilt from the catalog entry at the
 * start of every install (so a catalog update is picked up) while keeping what the device
 * already has; the bytes actually stored, not the record, decide where a download resumes.
 */
import type { CatalogEntry } from '../catalog-types';
import { isShardPattern, matchesShardPattern } from './shard-sets';
import type {
  ByteStore,
  InstallFileRecord,
  InstallRecord,
  SourceKind,
  StoredFileKey,
} from './types';

export const fileKey = (modelId: string, path: string): StoredFileKey => ({ modelId, path });

/** Whether the expected size of `path` may reject a download (catalog-exact or a shard). */
export function hasExactSize(entry: CatalogEntry, path: string): boolean {
  if (entry.files.some((file) => isShardPattern(file.path) && matchesShardPattern(file.path, path)))
    return true;
  return entry.sizeSource === 'exact' && entry.files.some((file) => file.path === path);
}

/** The catalog's SHA-256 for `path`, the one value that always wins over the source's. */
export const catalogSha256 = (entry: CatalogEntry, path: string): string | undefined =>
  entry.files.find((file) => file.path === path)?.sha256?.toLowerCase();

/** Size to plan with: the known size, else the catalog's estimate (0 when it has none). */
export function expectedBytes(entry: CatalogEntry, file: InstallFileRecord): number {
  return file.size ?? entry.files.find((f) => f.path === file.path)?.size ?? 0;
}

/** Recomputes the record's totals from its files. */
export function refreshTotals(record: InstallRecord, entry: CatalogEntry): void {
  record.bytesDone = record.files.reduce((sum, file) => sum + file.bytesDone, 0);
  record.bytesTotal = record.files.reduce((sum, file) => sum + expectedBytes(entry, file), 0);
}

/** Bytes still to fetch for files that are not verified yet. */
export const remainingBytes = (record: InstallRecord, entry: CatalogEntry): number =>
  record.files
    .filter((file) => file.state !== 'verified')
    .reduce((sum, file) => sum + Math.max(0, expectedBytes(entry, file) - file.bytesDone), 0);

function freshFile(entry: CatalogEntry, path: string, size: number): InstallFileRecord {
  const file: InstallFileRecord = {
    path,
    size: entry.sizeSource === 'exact' && !isShardPattern(path) ? size : null,
    bytesDone: 0,
    state: 'pending',
  };
  const sha256 = catalogSha256(entry, path);
  if (sha256 !== undefined) file.sha256 = sha256;
  return file;
}

/** Keeps what the device knows of a file, unless the catalog now expects other bytes. */
function carriedFile(entry: CatalogEntry, fresh: InstallFileRecord, old: InstallFileRecord) {
  const changed =
    (fresh.sha256 !== undefined && old.sha256 !== fresh.sha256) ||
    (fresh.size !== null && old.size !== null && old.size !== fresh.size);
  const file: InstallFileRecord = { ...old, size: fresh.size ?? old.size };
  if (fresh.sha256 !== undefined) file.sha256 = fresh.sha256;
  // A verified file the catalog now describes differently is checked again before use.
  if (changed && file.state === 'verified') file.state = 'partial';
  return file;
}

export interface PreparedRecord {
  record: InstallRecord;
  /** Stored paths the new record no longer has (old revision or dropped from the catalog). */
  dropped: string[];
}

/**
 * The record an install or import starts from: the catalog's files in catalog order, shard
 * patterns last (their manifest must be fetched first), carrying over the state of files the
 * device already holds for the same revision.
 */
export function prepareRecord(
  entry: CatalogEntry,
  source: { kind: SourceKind; url?: string },
  existing: InstallRecord | undefined,
  now: number,
): PreparedRecord {
  const previous = existing?.revision === entry.revision ? existing.files : [];
  const files = entry.files.flatMap((catalogFile): InstallFileRecord[] => {
    if (isShardPattern(catalogFile.path)) {
      const shards = previous.filter((f) => matchesShardPattern(catalogFile.path, f.path));
      return shards.length > 0
        ? shards.map((shard) => ({ ...shard }))
        : [freshFile(entry, catalogFile.path, catalogFile.size)];
    }
    const fresh = freshFile(entry, catalogFile.path, catalogFile.size);
    const old = previous.find((f) => f.path === catalogFile.path);
    return [old ? carriedFile(entry, fresh, old) : fresh];
  });
  const patternLast = (f: InstallFileRecord): number => (isShardPattern(f.path) ? 1 : 0);
  files.sort((a, b) => patternLast(a) - patternLast(b));
  const kept = new Set(files.map((f) => f.path));
  const dropped = (existing?.files ?? []).map((f) => f.path).filter((p) => !kept.has(p));
  const record: InstallRecord = {
    modelId: entry.id,
    status: 'downloading',
    source: source.kind,
    revision: entry.revision,
    files,
    bytesDone: 0,
    bytesTotal: 0,
    startedAt: existing?.startedAt ?? now,
    updatedAt: now,
  };
  if (source.url !== undefined) record.sourceUrl = source.url;
  if (existing?.installedAt !== undefined && existing.revision === entry.revision)
    record.installedAt = existing.installedAt;
  refreshTotals(record, entry);
  return { record, dropped };
}

/**
 * Aligns the record with the bytes in the store (the truth after a killed tab): unverified
 * files resume from their stored size; a verified file whose bytes changed is fetched again.
 */
export async function reconcileWithStore(
  record: InstallRecord,
  entry: CatalogEntry,
  bytes: ByteStore,
): Promise<void> {
  for (const file of record.files) {
    if (isShardPattern(file.path)) continue;
    const stored = (await bytes.size(fileKey(record.modelId, file.path))) ?? 0;
    if (file.state === 'verified' && stored === file.size) continue;
    file.bytesDone = file.size === null ? stored : Math.min(stored, file.size);
    file.state = stored > 0 ? 'partial' : 'pending';
  }
  refreshTotals(record, entry);
}
