/**
 * SHA-256 of files the relay serves, computed once per version of each file. A version is
 * identified by size, modification time and inode: a file changed in place or replaced gets
 * hashed again, an unchanged one never. Concurrent requests for the same version share one
 * hashing pass, so fifty clients do not read a large model fifty times.
 */
import { createHash } from 'node:crypto';
import { type FileHandle } from 'node:fs/promises';

export interface FileIdentity {
  size: number;
  mtimeMs: number;
  ino: number;
}

interface Known {
  id: FileIdentity;
  sha256: Promise<string>;
}

const READ_SIZE = 1024 * 1024;

export class DigestMemo {
  readonly #known = new Map<string, Known>();

  /**
   * The hex SHA-256 of the file open as `handle`, whose fstat gave `id`. Reads the file only
   * when this version of `path` has not been hashed before.
   */
  digest(path: string, handle: FileHandle, id: FileIdentity): Promise<string> {
    const known = this.#known.get(path);
    if (known && sameIdentity(known.id, id)) return known.sha256;
    const sha256 = hashHandle(handle, id.size);
    const entry: Known = { id, sha256 };
    this.#known.set(path, entry);
    // A failed read must not be remembered as this version's digest.
    sha256.catch(() => {
      if (this.#known.get(path) === entry) this.#known.delete(path);
    });
    return sha256;
  }

  /** Records a digest computed elsewhere (while the file was downloaded). */
  remember(path: string, id: FileIdentity, sha256: string): void {
    this.#known.set(path, { id, sha256: Promise.resolve(sha256) });
  }

  forget(path: string): void {
    this.#known.delete(path);
  }
}

export function identityOf(stats: { size: number; mtimeMs: number; ino: number }): FileIdentity {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino };
}

export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

/** Hashes `size` bytes from the start of an open file with positional reads. */
export async function hashHandle(handle: FileHandle, size: number): Promise<string> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(Math.min(READ_SIZE, Math.max(size, 1)));
  let position = 0;
  while (position < size) {
    const length = Math.min(buffer.length, size - position);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    if (bytesRead === 0) {
      throw new Error(`The file shrank while it was hashed (${position} of ${size} bytes).`);
    }
    hash.update(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
  return hash.digest('hex');
}
