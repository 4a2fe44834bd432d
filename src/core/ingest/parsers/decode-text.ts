// Text files arrive in whatever encoding the person's tools wrote: UTF-8 (with or without a
// BOM), UTF-16 with a BOM, or a legacy 8-bit encoding (Portuguese files from older Windows
// tools are often ISO-8859-1 / windows-1252). Decoding once here keeps sniffing and the
// text parsers in step. TextDecoder exists in workers and Node.

type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** The encoding `bytes` are in, from a BOM or from whether they are valid UTF-8. */
export function detectEncoding(bytes: Uint8Array, complete = true): TextEncodingName {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return isValidUtf8(bytes, complete) ? 'utf-8' : 'windows-1252';
}

/**
 * Whether `bytes` are valid UTF-8. With `complete` false (the head of a longer file), a
 * sequence cut off at the very end is allowed.
 */
export function isValidUtf8(bytes: Uint8Array, complete = true): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/** What windows-1252 puts at 0x80–0x9F (ISO-8859-1 has control codes there). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * windows-1252 by hand: Node's TextDecoder treats the label as ISO-8859-1 (no "€", curly
 * quotes), browsers do not; decoding here gives the same text in tests and in the worker.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = new Uint16Array(Math.min(bytes.length, 16384));
  for (let start = 0; start < bytes.length; start += chunk.length) {
    const end = Math.min(start + chunk.length, bytes.length);
    for (let i = start; i < end; i++) {
      const byte = bytes[i]!;
      chunk[i - start] = byte >= 0x80 && byte < 0xa0 ? CP1252_HIGH.charCodeAt(byte - 0x80) : byte;
    }
    parts.push(String.fromCharCode(...chunk.subarray(0, end - start)));
  }
  return parts.join('');
}

/** Decodes a text file: UTF-8 (BOM aware), UTF-16 with a BOM, else windows-1252. */
export function decodeText(bytes: Uint8Array, complete = true): string {
  const encoding = detectEncoding(bytes, complete);
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  return new TextDecoder(encoding).decode(bytes, { stream: !complete });
}
