/**
 * Finds the file behind safe path segments, on the real file system. request-path.ts has
 * already refused `..`; this file guards against what strings cannot see: a symlink inside
 * the served folder that points outside it. Every candidate is resolved with realpath and
 * must still lie inside the real root, or it is refused.
 */
import { type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

export type ResolvedFile =
  /** A regular file inside the root; `urlPath` is the requested path, `/`-separated. */
  | { kind: 'file'; path: string; urlPath: string; stats: Stats }
  /** A folder asked for without its trailing slash. */
  | { kind: 'folder-without-slash' }
  | { kind: 'not-found' }
  /** The path resolves outside the root (a symlink), or the OS denied access. */
  | { kind: 'forbidden' };

const NOT_FOUND = new Set(['ENOENT', 'ENOTDIR', 'ENAMETOOLONG', 'ELOOP']);
const FORBIDDEN = new Set(['EACCES', 'EPERM']);

/** Resolves `segments` (already free of `..`, `\` and NUL) under `root`. */
export async function resolveFile(
  root: string,
  segments: readonly string[],
  trailingSlash: boolean,
): Promise<ResolvedFile> {
  try {
    const realRoot = await realpath(root);
    const found = await realFileInside(realRoot, join(realRoot, ...segments));
    if (found.kind !== 'file') return found;

    if (found.stats.isDirectory()) {
      if (!trailingSlash) return { kind: 'folder-without-slash' };
      const index = await realFileInside(realRoot, join(found.path, 'index.html'));
      if (index.kind !== 'file') return index;
      const urlPath = [...segments, 'index.html'].join('/');
      return index.stats.isFile() ? { ...index, urlPath } : { kind: 'not-found' };
    }
    // `/app.js/` names a folder that does not exist; serving the file would confuse relative URLs.
    if (trailingSlash && segments.length > 0) return { kind: 'not-found' };
    // Sockets, FIFOs and devices are never content: reading a FIFO would hang the request.
    if (!found.stats.isFile()) return { kind: 'not-found' };
    return { ...found, urlPath: segments.join('/') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (NOT_FOUND.has(code)) return { kind: 'not-found' };
    if (FORBIDDEN.has(code)) return { kind: 'forbidden' };
    throw error;
  }
}

async function realFileInside(realRoot: string, candidate: string): Promise<ResolvedFile> {
  const real = await realpath(candidate);
  if (!isInside(realRoot, real)) return { kind: 'forbidden' };
  return { kind: 'file', path: real, urlPath: '', stats: await stat(real) };
}

/** True when `path` is `root` or below it (both absolute and real). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
