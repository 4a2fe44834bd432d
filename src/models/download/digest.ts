/**
 * SHA-256 of stored model files. Files reach gigabytes, so they are hashed in slices through
 * hash-wasm's incremental hasher (several times faster than a JS SHA-256, and unlike
 * crypto.subtle it does not need the whole file in memory at once).
 */
import { createSHA256 } from 'hash-wasm';

/** Bytes read per step: big enough to keep the WASM hasher busy, small enough for memory. */
export const HASH_SLICE_BYTES = 4 * 1024 * 1024;

export interface HashOptions {
  signal?: AbortSignal;
  /** Bytes hashed so far, after each slice. */
  onProgress?: (bytesHashed: number) => void;
}

/** Lower-case hex SHA-256 of `blob`, read slice by slice; rejects with the signal's reason. */
export async function sha256OfBlob(blob: Blob, options: HashOptions = {}): Promise<string> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const hasher = await createSHA256();
  hasher.init();
  for (let offset = 0; offset < blob.size; offset += HASH_SLICE_BYTES) {
    const slice = await blob.slice(offset, offset + HASH_SLICE_BYTES).arrayBuffer();
    signal?.throwIfAborted();
    hasher.update(new Uint8Array(slice));
    onProgress?.(Math.min(blob.size, offset + HASH_SLICE_BYTES));
  }
  return hasher.digest('hex');
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Headers that carry a file's SHA-256, best first. The hub's ETag of an LFS file is one. */
const SHA256_HEADERS = ['x-omnia-sha256', 'x-linked-etag', 'etag'] as const;

/**
 * The SHA-256 a response advertises for its file, or null: a 64-hex ETag, X-Linked-ETag or
 * X-Omnia-Sha256, with any weak prefix (W/) and quotes stripped. A 40-hex ETag (a git blob
 * id, which the hub sends for small files) is not a SHA-256 of the bytes and is ignored.
 */
export function advertisedSha256(headers: Headers): string | null {
  for (const name of SHA256_HEADERS) {
    const raw = headers.get(name);
    if (raw === null) continue;
    const value = raw
      .trim()
      .replace(/^W\//i, '')
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
    if (SHA256_HEX.test(value)) return value;
  }
  return null;
}
