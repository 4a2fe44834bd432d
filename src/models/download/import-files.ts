/**
 * The air-gapped source: files a person picked from a folder (or a drive) are stored in the
 * same cache as downloads and verified the same way. Every catalog file must be found among
 * them before anything is written, so a wrong folder changes nothing.
 */
import { DownloadError, describeError, isQuotaError } from './errors';
import { fileKey } from './install-record';
import type { InstallRun } from './install-run';
import { isShardPattern, shardFilesFromManifest, shardManifestOf } from './shard-sets';
import type { InstallFileRecord, InstallRecord } from './types';

/** A file picked by the person; `path` is its relative path (webkitRelativePath) or name. */
export interface ImportedFile {
  path: string;
  blob: Blob;
}

const normalise = (path: string): string => path.replaceAll('\\', '/').replace(/^(\.?\/)+/, '');
const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/**
 * Finds the picked file for `path`: the same repo path, possibly under a parent folder (a
 * picked folder's name leads webkitRelativePath), else the only file with its base name.
 */
function pick(path: string, files: readonly ImportedFile[], catalogPaths: readonly string[]) {
  const byPath = files.filter((f) => {
    const given = normalise(f.path);
    return given === path || given.endsWith(`/${path}`);
  });
  if (byPath.length === 1) return byPath[0];
  if (byPath.length > 1) return undefined;
  const name = basename(path);
  if (catalogPaths.filter((p) => basename(p) === name).length !== 1) return undefined;
  const byName = files.filter((f) => basename(normalise(f.path)) === name);
  return byName.length === 1 ? byName[0] : undefined;
}

/**
 * Pairs every file of the record with a picked blob, expanding shard sets from the picked
 * manifest; throws, before anything is stored, when files are missing or of the wrong size.
 */
export async function matchImportedFiles(
  run: InstallRun,
  files: readonly ImportedFile[],
): Promise<Map<string, Blob>> {
  const { record, entry } = run;
  const matched = new Map<string, Blob>();
  const missing: string[] = [];
  const wrongSize: string[] = [];
  for (let index = 0; index < record.files.length; index++) {
    const file = record.files[index] as InstallFileRecord;
    const paths = record.files.map((f) => f.path);
    if (isShardPattern(file.path)) {
      const manifestPath = shardManifestOf(entry, file.path);
      const manifest = manifestPath === undefined ? undefined : matched.get(manifestPath);
      if (manifestPath === undefined || manifest === undefined) {
        missing.push(file.path);
        continue;
      }
      record.files.splice(
        index,
        1,
        ...shardFilesFromManifest(file.path, manifestPath, await manifest.text()),
      );
      index--;
      continue;
    }
    const found = pick(file.path, files, paths);
    if (found === undefined) missing.push(file.path);
    else if (file.size !== null && found.blob.size !== file.size) wrongSize.push(file.path);
    else matched.set(file.path, found.blob);
  }
  if (missing.length === 0 && wrongSize.length === 0) return matched;
  const parts = [
    missing.length > 0 ? `missing ${missing.join(', ')}` : '',
    wrongSize.length > 0 ? `of the wrong size: ${wrongSize.join(', ')}` : '',
  ].filter((part) => part !== '');
  throw new DownloadError(
    missing.length > 0 ? 'failed' : 'verification',
    `The chosen files do not make up ${entry.displayName}: ${parts.join('; ')}. Choose the ` +
      'folder that holds the whole model, as downloaded from its source.',
    { path: missing[0] ?? wrongSize[0] ?? '' },
  );
}

/** Stores and verifies every matched file; a file that fails is removed and listed. */
export async function importMatched(
  run: InstallRun,
  matched: ReadonlyMap<string, Blob>,
): Promise<InstallRecord> {
  const failed: string[] = [];
  for (const file of run.record.files) {
    const blob = matched.get(file.path);
    if (blob === undefined) continue;
    file.size ??= blob.size;
    await storeBlob(run, file, blob);
    const mismatch = await run.verify(file);
    if (mismatch === null) {
      await run.markVerified(file);
      continue;
    }
    await run.evict(file);
    failed.push(`${file.path} (${mismatch})`);
  }
  if (failed.length > 0) {
    throw new DownloadError(
      'verification',
      `These files are not the ones ${run.entry.displayName} needs and were not kept: ` +
        `${failed.join(', ')}.`,
      { path: failed[0]?.split(' (')[0] ?? '' },
    );
  }
  return run.finish();
}

async function storeBlob(run: InstallRun, file: InstallFileRecord, blob: Blob): Promise<void> {
  const { bytes } = run.ctx;
  const key = fileKey(run.record.modelId, file.path);
  file.bytesDone = 0;
  file.state = 'pending';
  run.showFile(file, 'fetch', 0);
  run.progress.emit(run.record, true);
  const reader = blob.stream().getReader();
  const writer = await bytes.openWriter(key, { truncateTo: 0 });
  let failure: Error | undefined;
  try {
    for (;;) {
      run.signal.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      await writer.write(value);
      file.bytesDone += value.byteLength;
      file.state = 'partial';
      run.tick(file, 'fetch', file.bytesDone);
    }
    await writer.flush();
  } catch (error) {
    failure = asError(error);
    await reader.cancel().catch(() => undefined);
  }
  try {
    await writer.close();
  } catch (error) {
    failure ??= asError(error);
  }
  if (failure === undefined) return;
  if (!isQuotaError(failure)) throw failure;
  await bytes.remove(key);
  file.bytesDone = 0;
  file.state = 'pending';
  throw new DownloadError(
    'quota',
    `Storage ran out while saving ${file.path}; it was removed. Free up space and try again.`,
    { path: file.path, cause: failure },
  );
}

const asError = (error: unknown): Error =>
  error instanceof Error ? error : new Error(describeError(error));
