// Base64 for the bytes inside exports (Blobs, typed arrays). Written for large inputs:
// attachments can be tens of megabytes, and browsers have no Buffer.

// A multiple of 3, so each chunk's base64 has no padding and the pieces simply join.
const CHUNK = 3 * 8192;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  // Chunked: one String.fromCharCode over a large blob would overflow the call stack, and
  // btoa per chunk is several times faster than one btoa over a joined binary string.
  for (let i = 0; i < bytes.length; i += CHUNK) {
    parts.push(btoa(String.fromCharCode(...bytes.subarray(i, i + CHUNK))));
  }
  return parts.join('');
}

/** @throws DOMException (InvalidCharacterError) when `base64` is not valid base64. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
