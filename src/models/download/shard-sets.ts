/**
 * Shard sets: MLC repos hold their weights in numbered shards that only the repo's
 * ndarray-cache.json names, so the catalog lists them as one pattern ('params_shard_*.bin')
 * with the manifest beside it. Once the manifest is verified, the pattern becomes one file
 * per shard with the exact size the manifest gives.
 */
import type { CatalogEntry } from '../catalog-types';
import { DownloadError } from './errors';
import type { InstallFileRecord } from './types';

export const isShardPattern = (path: string): boolean => path.includes('*');

function patternRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*');
  return new RegExp(`^${escaped}$`);
}

/** Whether `path` is one of the shards named by `pattern`. */
export function matchesShardPattern(pattern: string, path: string): boolean {
  return patternRegExp(pattern).test(path);
}

interface ShardListing {
  records?: unknown;
}

/**
 * The files a shard-set pattern stands for, read from the text of its manifest (`listedIn`).
 * Shard paths in the manifest are relative to the manifest's own folder.
 */
export function shardFilesFromManifest(
  pattern: string,
  manifestPath: string,
  manifestText: string,
): InstallFileRecord[] {
  const folder = manifestPath.includes('/') ? manifestPath.replace(/\/[^/]*$/, '/') : '';
  const fail = (why: string): DownloadError =>
    new DownloadError(
      'bad-response',
      `${manifestPath} ${why}, so the shards of ${pattern} are unknown.`,
      {
        path: manifestPath,
      },
    );
  let listing: ShardListing;
  try {
    listing = JSON.parse(manifestText) as ShardListing;
  } catch {
    throw fail('is not valid JSON');
  }
  if (!Array.isArray(listing.records)) throw fail('has no "records" list');
  const shards: InstallFileRecord[] = [];
  for (const record of listing.records as unknown[]) {
    const { dataPath, nbytes } = (record ?? {}) as { dataPath?: unknown; nbytes?: unknown };
    if (typeof dataPath !== 'string' || typeof nbytes !== 'number') continue;
    const path = folder + dataPath;
    if (!matchesShardPattern(pattern, path) || shards.some((s) => s.path === path)) continue;
    shards.push({ path, size: nbytes, bytesDone: 0, state: 'pending' });
  }
  if (shards.length === 0) throw fail('names no file that matches');
  return shards;
}

/** The manifest that lists the shards of `pattern` in `entry`, or undefined. */
export function shardManifestOf(entry: CatalogEntry, pattern: string): string | undefined {
  return entry.files.find((file) => file.path === pattern)?.listedIn;
}
