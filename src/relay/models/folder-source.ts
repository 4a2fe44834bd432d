/**
 * Model files from a folder on this machine (`--models-dir`): `<folder>/<repo>/<path>`, the
 * revision ignored, the layout of tests/fixtures/models and of a repo cloned from the hub.
 * Files are located by resolve-file.ts, which keeps symlinks from leading outside the
 * folder, and hashed once per version (file-digest.ts) so their ETag is their SHA-256.
 */
import { open } from 'node:fs/promises';
import { resolveFile } from '../resolve-file.ts';
import { DigestMemo, identityOf } from './file-digest.ts';
import { type ModelRoute } from './route.ts';
import { type OpenModelFile } from './types.ts';

export type FolderLookup =
  | { kind: 'found'; file: OpenModelFile }
  | { kind: 'not-found' }
  /** A symlink leads outside the folder, or the OS denied access. */
  | { kind: 'forbidden' };

export class FolderSource {
  readonly #root: string;
  readonly #digests = new DigestMemo();

  /** `root` must be an absolute path to an existing folder. */
  constructor(root: string) {
    this.#root = root;
  }

  get root(): string {
    return this.#root;
  }

  async open(route: ModelRoute): Promise<FolderLookup> {
    const resolved = await resolveFile(
      this.#root,
      [...route.repoSegments, ...route.pathSegments],
      false,
    );
    if (resolved.kind === 'forbidden') return { kind: 'forbidden' };
    if (resolved.kind !== 'file') return { kind: 'not-found' };

    let handle;
    try {
      handle = await open(resolved.path, 'r');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { kind: 'not-found' };
      if (code === 'EACCES' || code === 'EPERM') return { kind: 'forbidden' };
      throw error;
    }
    try {
      const stats = await handle.stat();
      // Replaced by a folder between resolving and opening: nothing to serve.
      if (!stats.isFile()) {
        await handle.close();
        return { kind: 'not-found' };
      }
      const sha256 = await this.#digests.digest(resolved.path, handle, identityOf(stats));
      return {
        kind: 'found',
        file: { handle, size: stats.size, mtimeMs: stats.mtimeMs, sha256, source: 'folder' },
      };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
}
