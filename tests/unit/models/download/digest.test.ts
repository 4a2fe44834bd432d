// Verification rests on these two: the streaming hash must equal a one-shot SHA-256 across
// slice boundaries, and only a real SHA-256 in a header may stand in for the catalog's.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  HASH_SLICE_BYTES,
  advertisedSha256,
  sha256OfBlob,
} from '../../../../src/models/download/digest';

const SHA = 'e8feabe901c04718d3ca9b6391ac4d3f7baa8ad25187e602597fc30d5d971078';

describe('sha256OfBlob', () => {
  it('equals a one-shot SHA-256 across slices, reporting each slice', async () => {
    const bytes = new Uint8Array(randomBytes(2 * HASH_SLICE_BYTES + 12345));
    const seen: number[] = [];
    const digest = await sha256OfBlob(new Blob([bytes]), { onProgress: (n) => seen.push(n) });
    expect(digest).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(seen).toEqual([HASH_SLICE_BYTES, 2 * HASH_SLICE_BYTES, bytes.length]);
  });

  it('hashes an empty blob', async () => {
    expect(await sha256OfBlob(new Blob([]))).toBe(createHash('sha256').digest('hex'));
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const blob = new Blob([new Uint8Array(3 * HASH_SLICE_BYTES)]);
    const hashing = sha256OfBlob(blob, {
      signal: controller.signal,
      onProgress: () => controller.abort(new Error('stop')),
    });
    await expect(hashing).rejects.toThrow('stop');
  });
});

describe('advertisedSha256', () => {
  const headers = (init: Record<string, string>): Headers => new Headers(init);

  it.each([
    [{ etag: `"${SHA}"` }, SHA],
    [{ etag: `W/"${SHA}"` }, SHA],
    [{ etag: SHA.toUpperCase() }, SHA],
    [{ 'x-linked-etag': `"${SHA}"`, etag: '"abc"' }, SHA],
    [{ 'x-omnia-sha256': SHA, etag: `"${'0'.repeat(64)}"` }, SHA],
    [{ etag: '"0607355b2180f7e7bf1c5effe4686192bec98626"' }, null], // git blob id: 40 hex
    [{ etag: `"${SHA}-gzip"` }, null],
    [{}, null],
  ])('%j gives %s', (init, expected) => {
    expect(advertisedSha256(headers(init))).toBe(expected);
  });
});
