/**
 * Where the relay's cache keeps things, and the sidecar that records what each cached file
 * should be. Layout: `<cacheDir>/<upstream-host>/<org>/<name>/<revision>/<path>`, with
 * `<file>.partial` while it downloads and `<file>.omnia.json` beside it once complete. A
 * one-segment repo (`gpt2`) is stored under `_/gpt2`: every repo then sits at the same depth,
 * so no repo's files can collide with another's (a repo name never starts with `_`).
 */
import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isInside } from '../resolve-file.ts';
import { type ModelRoute } from './route.ts';

/** What a cached file must be; written once the file is complete and verified. */
export interface Sidecar {
  size: number;
  /** Lower-case hex SHA-256. */
  sha256: string;
  /** The file's mtime when the sidecar was written; a different one means "hash it again". */
  mtimeMs: number;
  /** The upstream URL asked for (before redirects, which may carry signed, expiring tokens). */
  fetchedFrom: string;
  /** ISO 8601. */
  fetchedAt: string;
}

export interface CachePaths {
  file: string;
  partial: string;
  sidecar: string;
}

const ONE_SEGMENT_ORG = '_';
/** Beside every complete cached file: `<file>.omnia.json`. */
export const SIDECAR_SUFFIX = '.omnia.json';

/** The paths of one file of one upstream in the cache. */
export function cachePaths(cacheDir: string, upstream: URL, route: ModelRoute): CachePaths {
  const repo =
    route.repoSegments.length === 1 ? [ONE_SEGMENT_ORG, ...route.repoSegments] : route.repoSegments;
  const file = join(cacheDir, hostFolder(upstream), ...repo, route.revision, ...route.pathSegments);
  // route.ts allows only plain names; this is the last line of defence if that ever changes.
  if (!isInside(cacheDir, file)) throw new Error(`Cache path escapes the cache: ${file}`);
  return { file, partial: `${file}.partial`, sidecar: `${file}${SIDECAR_SUFFIX}` };
}

/** `huggingface.co`, or `127.0.0.1_8443` when the upstream has a port. */
export function hostFolder(upstream: URL): string {
  return upstream.host.replace(/[^A-Za-z0-9.-]/g, '_');
}

/** The sidecar, or undefined when it is missing or not one (the file is then a miss). */
export async function readSidecar(path: string): Promise<Sidecar | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const value: unknown = JSON.parse(text);
    return isSidecar(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the sidecar atomically (a temporary file renamed over it). */
export async function writeSidecar(path: string, sidecar: Sidecar): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(sidecar, null, 2)}\n`);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Removes a cached file and its sidecar. */
export async function evict(paths: Pick<CachePaths, 'file' | 'sidecar'>): Promise<void> {
  await rm(paths.sidecar, { force: true });
  await rm(paths.file, { force: true });
}

function isSidecar(value: unknown): value is Sidecar {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record['size'] === 'number' &&
    typeof record['sha256'] === 'string' &&
    /^[0-9a-f]{64}$/.test(record['sha256']) &&
    typeof record['mtimeMs'] === 'number' &&
    typeof record['fetchedFrom'] === 'string' &&
    typeof record['fetchedAt'] === 'string'
  );
}
