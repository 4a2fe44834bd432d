/**
 * "Repair cache": makes the stored bytes and the install records agree again after a
 * browser evicted files, a crash cut one short, or an old version left files behind.
 * Nothing a person installed is re-downloaded here; broken models are marked 'failed' so
 * that installing again fetches only the files that were removed.
 */
import { fileKey } from './install-record';
import type { ManagerContext } from './install-run';
import { withModelLock } from './locks';
import type { InstallRecord, StoredFileKey } from './types';
import { findMismatch } from './verify';

export interface RepairOptions {
  /** Also re-hash installed files against their SHA-256 (reads every byte). */
  deep?: boolean;
  signal?: AbortSignal;
}

export interface RepairReport {
  /** Files of models with no record, or not named by their model's record. */
  orphansRemoved: StoredFileKey[];
  /** Files of installed models that were short, missing or (deep) damaged. */
  corruptRemoved: StoredFileKey[];
  /** Models whose record changed to 'failed' because a file was removed or missing. */
  recordsFixed: string[];
}

export async function repairStore(
  ctx: ManagerContext,
  options: RepairOptions = {},
): Promise<RepairReport> {
  const report: RepairReport = { orphansRemoved: [], corruptRemoved: [], recordsFixed: [] };
  const records = new Map((await ctx.installs.list()).map((r) => [r.modelId, r]));
  for (const key of await ctx.bytes.list()) {
    options.signal?.throwIfAborted();
    // A running install puts its record (with every path) before writing a byte.
    if (records.get(key.modelId)?.files.some((file) => file.path === key.path)) continue;
    await ctx.bytes.remove(key);
    report.orphansRemoved.push(key);
  }
  for (const record of records.values()) {
    if (record.status !== 'installed') continue;
    // Held so a download of the same model (here or in another tab) is not cut under it.
    await withModelLock(ctx.locks, record.modelId, () =>
      checkInstalled(ctx, record.modelId, options, report),
    );
  }
  return report;
}

async function checkInstalled(
  ctx: ManagerContext,
  modelId: string,
  options: RepairOptions,
  report: RepairReport,
): Promise<void> {
  const record = await ctx.installs.get(modelId);
  if (record?.status !== 'installed') return;
  const broken: string[] = [];
  for (const file of record.files) {
    options.signal?.throwIfAborted();
    const key = fileKey(modelId, file.path);
    const size = await ctx.bytes.size(key);
    const damaged =
      size === null ||
      size !== file.size ||
      (options.deep === true &&
        (await findMismatch(ctx.bytes, key, file, { signal: options.signal })) !== null);
    if (!damaged) continue;
    if (size !== null) {
      await ctx.bytes.remove(key);
      report.corruptRemoved.push(key);
    }
    file.state = 'pending';
    file.bytesDone = 0;
    broken.push(file.path);
  }
  if (broken.length === 0) return;
  markBroken(record, broken, ctx.now());
  await ctx.installs.put(record);
  report.recordsFixed.push(modelId);
}

/** Marks `broken` files of an installed model as to be fetched again, and says so. */
export function markBroken(record: InstallRecord, broken: string[], now: number): void {
  const files = broken.length === 1 ? `${broken[0]} is` : `${broken.join(', ')} are`;
  record.status = 'failed';
  record.error = {
    kind: 'verification',
    message:
      `${files} missing or damaged in the stored copy of ${record.modelId}, so ` +
      `${broken.length === 1 ? 'it was' : 'they were'} removed. Install the model again to ` +
      'fetch only what is missing.',
    path: broken[0] ?? '',
  };
  record.bytesDone = record.files.reduce((sum, file) => sum + file.bytesDone, 0);
  record.updatedAt = now;
  delete record.installedAt;
}
