/**
 * Checks a stored file against what is expected of it: its size, and its SHA-256 when one is
 * known (from the catalog, else advertised by the source). The stored copy is what is hashed,
 * so a write that went wrong on the device is caught as well as a bad download.
 */
import { sha256OfBlob, type HashOptions } from './digest';
import type { ByteStore, InstallFileRecord, StoredFileKey } from './types';

/** Why the stored file is not the expected one, or null when it is. */
export async function findMismatch(
  bytes: ByteStore,
  key: StoredFileKey,
  file: InstallFileRecord,
  options: HashOptions & { checkSha256?: boolean } = {},
): Promise<string | null> {
  const blob = await bytes.read(key);
  if (blob === null) return 'it is missing';
  if (file.size !== null && blob.size !== file.size) {
    return `it is ${blob.size} bytes instead of ${file.size}`;
  }
  if (file.sha256 === undefined || options.checkSha256 === false) return null;
  const digest = await sha256OfBlob(blob, options);
  return digest === file.sha256.toLowerCase() ? null : 'its SHA-256 does not match';
}
