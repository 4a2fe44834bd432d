/**
 * Bytes ⇄ the text of a link: deflate-raw compression (the browser's CompressionStream; fflate
 * only where it is missing) and base64url (RFC 4648 §5, no padding: safe in a URL fragment).
 * Decompression streams and stops as soon as the output passes its cap, so a decompression
 * bomb costs at most the cap, never its claimed size.
 */
import { base64ToBytes, bytesToBase64 } from '../../storage/base64';
import { ShareError } from './errors';

const B64URL = /^[A-Za-z0-9_-]*$/;

/** base64url without padding (storage's chunked base64, with the URL alphabet). */
export function toBase64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** @throws ShareError 'bad-base64' for any character outside base64url or an impossible length. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!B64URL.test(text) || text.length % 4 === 1) {
    throw new ShareError('bad-base64', 'The link is damaged: it is not base64url.');
  }
  const padded =
    text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    return base64ToBytes(padded);
  } catch (error) {
    throw new ShareError('bad-base64', 'The link is damaged: it is not base64url.', {
      cause: error,
    });
  }
}

/** Whether the browser's own deflate-raw streams are there (Chromium 103+, Firefox 113+, Safari 16.4+, Node 20). */
function hasNativeStreams(): boolean {
  try {
    new DecompressionStream('deflate-raw');
    return typeof CompressionStream === 'function';
  } catch {
    return false;
  }
}

/** The parts, in order, as one array of `total` bytes. */
function joined(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

async function readAll(stream: ReadableStream<Uint8Array>, cap: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      // Stop the inflater now: the rest of a bomb is never produced.
      await reader.cancel().catch(() => undefined);
      throw new ShareError('too-large', `The shared content is larger than ${cap} bytes.`);
    }
    parts.push(value);
  }
  return joined(parts, total);
}

function streamOf(bytes: Uint8Array): ReadableStream<BufferSource> {
  return new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(bytes as Uint8Array<ArrayBuffer>);
      controller.close();
    },
  });
}

/** deflate-raw, the browser's own compressor where there is one. */
export async function compress(
  bytes: Uint8Array,
  native = hasNativeStreams(),
): Promise<Uint8Array> {
  if (native) {
    return readAll(streamOf(bytes).pipeThrough(new CompressionStream('deflate-raw')), Infinity);
  }
  const { deflateSync } = await import('fflate');
  return deflateSync(bytes, { level: 9 });
}

/**
 * Inflates deflate-raw bytes, refusing to produce more than `cap` bytes.
 * @throws ShareError 'too-large' past the cap, 'bad-compression' for bytes that are not deflate.
 */
export async function decompress(
  bytes: Uint8Array,
  cap: number,
  native = hasNativeStreams(),
): Promise<Uint8Array> {
  try {
    if (native) {
      return await readAll(
        streamOf(bytes).pipeThrough(new DecompressionStream('deflate-raw')),
        cap,
      );
    }
    return await inflateWithFflate(bytes, cap);
  } catch (error) {
    if (error instanceof ShareError) throw error;
    throw new ShareError(
      'bad-compression',
      'The link is damaged: its content does not decompress.',
      {
        cause: error,
      },
    );
  }
}

async function inflateWithFflate(bytes: Uint8Array, cap: number): Promise<Uint8Array> {
  const { Inflate } = await import('fflate');
  const parts: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.byteLength;
    if (total > cap)
      throw new ShareError('too-large', `The shared content is larger than ${cap} bytes.`);
    parts.push(chunk);
    if (final) ended = true;
  });
  // Small pieces, so the cap is checked while inflating, not after a whole bomb is out.
  const STEP = 1024;
  for (let i = 0; i < bytes.length; i += STEP) {
    inflater.push(bytes.subarray(i, i + STEP), i + STEP >= bytes.length);
  }
  if (!ended) throw new Error('truncated deflate stream');
  return joined(parts, total);
}
