// Where the int8 vector index keeps each of its arrays inside the kernels' one block of memory
// (int8-vector-index.ts), and how a vector becomes the two codes the index scans: int8 with a
// scale of its own (for scoring) and one sign bit per dimension around the library's mean
// (for the Hamming prefilter).

/** Every region starts on a 16-byte boundary (SIMD loads, typed-array views). */
const align = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/** Byte offsets of one layout; the per-slot regions are sized for `capacity` vectors. */
export interface Int8Layout {
  capacity: number;
  /** The query as int16, `stride` values (dimensions padded with zeros to a multiple of 16). */
  query: number;
  /** The query's sign bits, `words` u64s. */
  queryBits: number;
  /** u32 histogram of Hamming distances 0…words × 64. */
  hist: number;
  /** capacity × words u64s of sign bits. */
  bits: number;
  /** capacity × stride int8 codes. */
  codes: number;
  /** capacity u16 Hamming distances (scratch). */
  dist: number;
  /** capacity u32 candidate slots (scratch). */
  cands: number;
  /** capacity i32 dot products (scratch). */
  out: number;
  /** Bytes the layout needs. */
  end: number;
}

/** Sizes that follow from the dimension. */
export interface Int8Shape {
  dim: number;
  /** Bytes per int8 code: dim rounded up to a multiple of 16. */
  stride: number;
  /** u64 words of sign bits per vector. */
  words: number;
  /** Largest |query code|: keeps every int32 sum of 127 × q over `stride` terms in range. */
  queryMax: number;
}

export function int8Shape(dim: number): Int8Shape {
  const stride = align(dim);
  return {
    dim,
    stride,
    words: Math.ceil(dim / 64),
    queryMax: Math.min(32_767, Math.floor((2 ** 31 - 1) / (127 * stride))),
  };
}

export function int8Layout(shape: Int8Shape, capacity: number): Int8Layout {
  const bitBytes = shape.words * 8;
  let at = 0;
  const take = (bytes: number): number => {
    const start = at;
    at += align(bytes);
    return start;
  };
  const query = take(shape.stride * 2);
  const queryBits = take(bitBytes);
  const hist = take((shape.words * 64 + 1) * 4);
  const bits = take(capacity * bitBytes);
  const codes = take(capacity * shape.stride);
  const dist = take(capacity * 2);
  const cands = take(capacity * 4);
  const out = take(capacity * 4);
  return { capacity, query, queryBits, hist, bits, codes, dist, cands, out, end: at };
}

/**
 * Writes `vector` as int8 codes at `codes[offset…]` (dimensions past its length stay as they
 * are: zero) and returns the scale: code × scale ≈ value, the largest |value| maps to 127.
 */
export function quantise(vector: Float32Array, codes: Int8Array, offset: number): number {
  const dim = vector.length;
  let largest = 0;
  for (let d = 0; d < dim; d++) {
    const x = vector[d]!;
    if (x > largest) largest = x;
    else if (-x > largest) largest = -x;
  }
  if (largest === 0 || !Number.isFinite(largest)) {
    codes.fill(0, offset, offset + dim);
    return 0;
  }
  const inverse = 127 / largest;
  for (let d = 0; d < dim; d++) codes[offset + d] = Math.round(vector[d]! * inverse);
  return largest / 127;
}

/**
 * Sign bits of `values[at + d] × scale − centre[d]` for each dimension d, as u64 words written
 * in u32 halves (little-endian, as WebAssembly reads them) at `words32[offset…]`.
 */
export function writeSignBits(
  values: Int8Array | Float32Array,
  at: number,
  scale: number,
  centre: Float32Array,
  words32: Uint32Array,
  offset: number,
): void {
  const dim = centre.length;
  const halves = Math.ceil(dim / 64) * 2;
  for (let h = 0; h < halves; h++) {
    let word = 0;
    const start = h * 32;
    const end = Math.min(dim, start + 32);
    for (let d = start; d < end; d++) {
      if (values[at + d]! * scale > centre[d]!) word |= 1 << (d - start);
    }
    words32[offset + h] = word >>> 0;
  }
}

/** The smallest distance t whose histogram count up to t reaches `wanted`, and that count. */
export function distanceLimit(
  hist: Uint32Array,
  offset: number,
  length: number,
  wanted: number,
): { limit: number; count: number } {
  let count = 0;
  for (let t = 0; t < length; t++) {
    count += hist[offset + t]!;
    if (count >= wanted) return { limit: t, count };
  }
  return { limit: length - 1, count };
}
