/**
 * Reads a `Range` request header (RFC 9110 §14). Model files are hundreds of megabytes and
 * downloads resume with `bytes=a-`, so single ranges matter; several ranges at once would need
 * a multipart body that no client of ours asks for, and RFC 9110 lets a server answer those
 * with the whole file instead.
 */

export type RangeRequest =
  /** No range asked, one we do not understand, or several: send the whole file. */
  | { kind: 'whole' }
  /** One satisfiable range; `end` is inclusive, as in Content-Range. */
  | { kind: 'partial'; start: number; end: number }
  /** The range starts past the end of the file: 416 with `Content-Range: bytes *\/size`. */
  | { kind: 'unsatisfiable' };

const WHOLE: RangeRequest = { kind: 'whole' };
const UNSATISFIABLE: RangeRequest = { kind: 'unsatisfiable' };

/**
 * The range to send for a file of `size` bytes.
 * @example parseRange('bytes=-500', 1000) // { kind: 'partial', start: 500, end: 999 }
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return WHOLE;
  const unit = /^\s*bytes\s*=(.*)$/i.exec(header);
  if (!unit) return WHOLE;

  const specs = unit[1]!
    .split(',')
    .map((spec) => spec.trim())
    .filter((spec) => spec !== '');
  if (specs.length !== 1) return WHOLE;

  const spec = /^(\d*)-(\d*)$/.exec(specs[0]!);
  if (!spec) return WHOLE;
  const [, first = '', last = ''] = spec;
  if (first === '' && last === '') return WHOLE;

  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return UNSATISFIABLE;
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }

  const start = Number(first);
  if (start >= size) return UNSATISFIABLE;
  if (last === '') return { kind: 'partial', start, end: size - 1 };
  const end = Number(last);
  // last < first is an invalid range-spec; RFC 9110 §15.5.17 allows 416 for it.
  if (end < start) return UNSATISFIABLE;
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}
