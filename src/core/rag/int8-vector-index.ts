// The library's default vector index (bench/retrieval.bench.ts: at 100k × 384 the exact scan
// and voy both took ~95 ms at p95; this one stays under the 10 ms goal with recall@10 ≥ 0.95,
// and holds a million 384-dimensional vectors in well under 600 MB). Each vector is kept as
// int8 codes with a scale of its own (a quarter of float32) and one sign bit per dimension
// around the library's mean. A query first ranks every vector by the Hamming distance of the
// sign bits (popcount in WebAssembly: a few nanoseconds a vector), keeps the nearest ~1–2 %,
// then scores those with the int8 codes against an int16 copy of the query (SIMD dot products)
// and returns the best k. Adds, replacements and removals touch only their own slots; the mean
// is re-taken (and the sign bits rewritten) when the library has doubled or halved since the
// last time, so the cost stays proportional to what was added.
import { createScanKernels, type ScanKernels } from './kernels/scan-kernels';
import {
  distanceLimit,
  int8Layout,
  int8Shape,
  quantise,
  writeSignBits,
  type Int8Layout,
  type Int8Shape,
} from './int8-layout';
import { checkDimension, topK, type VectorHit, type VectorIndex } from './vector-hits';

/** Share of the library the Hamming prefilter keeps for int8 scoring. */
const CANDIDATE_SHARE = 0.015;
/** At least this many candidates, and at least this many per result asked for. */
const MIN_CANDIDATES = 512;
const CANDIDATES_PER_RESULT = 20;
const MIN_CAPACITY = 1024;
const GROWTH = 1.25;

export interface Int8IndexOptions {
  /** false: the JavaScript kernels even where WebAssembly SIMD exists (tests). */
  wasm?: boolean;
}

interface Views {
  buffer: ArrayBuffer;
  i8: Int8Array;
  u32: Uint32Array;
  i32: Int32Array;
  i16: Int16Array;
}

export class Int8VectorIndex implements VectorIndex {
  readonly kind = 'int8';
  readonly #shape: Int8Shape;
  readonly #kernels: ScanKernels;
  #layout: Int8Layout;
  #views: Views | null = null;
  #scales: Float32Array;
  readonly #ids: string[] = [];
  readonly #slots = new Map<string, number>();
  /** Sum of the stored (dequantised) vectors, and the mean the sign bits were taken around. */
  readonly #sum: Float64Array;
  readonly #centre: Float32Array;
  /** Size when the mean was last taken (0: never). */
  #centredAt = 0;

  constructor(dim: number, options: Int8IndexOptions = {}) {
    if (!Number.isInteger(dim) || dim < 1) throw new Error(`Bad vector dimension ${dim}`);
    this.#shape = int8Shape(dim);
    this.#kernels = createScanKernels(options);
    this.#layout = int8Layout(this.#shape, 0);
    this.#kernels.reserve(this.#layout.end);
    this.#scales = new Float32Array(0);
    this.#sum = new Float64Array(dim);
    this.#centre = new Float32Array(dim);
  }

  get size(): number {
    return this.#ids.length;
  }

  /** Bytes held in typed memory: the kernels' memory (codes, bits, scratch) and the scales. */
  get memoryBytes(): number {
    return this.#kernels.buffer.byteLength + this.#scales.byteLength;
  }

  /** Which kernels run: WebAssembly SIMD or the JavaScript fallback. */
  get implementation(): ScanKernels['implementation'] {
    return this.#kernels.implementation;
  }

  add(items: readonly { id: string; vector: Float32Array }[]): void {
    for (const { vector } of items) checkDimension(vector, this.#shape.dim);
    // In order, so an id given twice keeps its last vector; no copy of `items` is made (a
    // library's first load adds every stored vector in one call).
    this.#reserve(this.size + items.length);
    const { i8 } = this.#view();
    // The first vectors' bits wait for the first mean (taken once they are all in).
    const bitsNow = this.#centredAt > 0;
    for (const { id, vector } of items) {
      let slot = this.#slots.get(id);
      if (slot === undefined) {
        slot = this.#ids.length;
        this.#ids.push(id);
        this.#slots.set(id, slot);
      } else this.#accumulate(slot, -1);
      this.#scales[slot] = quantise(vector, i8, this.#layout.codes + slot * this.#shape.stride);
      this.#accumulate(slot, 1);
      if (bitsNow) this.#writeBits(slot);
    }
    this.#recentreIfDue();
  }

  remove(ids: readonly string[]): void {
    const { stride, words } = this.#shape;
    const { codes, bits } = this.#layout;
    for (const id of ids) {
      const slot = this.#slots.get(id);
      if (slot === undefined) continue;
      this.#accumulate(slot, -1);
      const last = this.#ids.length - 1;
      if (slot !== last) {
        const { i8, u32 } = this.#view();
        i8.copyWithin(codes + slot * stride, codes + last * stride, codes + (last + 1) * stride);
        const b = bits >> 2;
        u32.copyWithin(b + slot * words * 2, b + last * words * 2, b + (last + 1) * words * 2);
        this.#scales[slot] = this.#scales[last]!;
        const lastId = this.#ids[last]!;
        this.#ids[slot] = lastId;
        this.#slots.set(lastId, slot);
      }
      this.#ids.pop();
      this.#slots.delete(id);
    }
    this.#recentreIfDue();
  }

  search(query: Float32Array, k: number): VectorHit[] {
    checkDimension(query, this.#shape.dim);
    const size = this.size;
    const wanted = Math.min(Math.floor(k), size);
    if (!(wanted > 0)) return [];
    const { stride, words } = this.#shape;
    const layout = this.#layout;
    const queryScale = this.#writeQuery(query);
    const share = Math.ceil(size * CANDIDATE_SHARE);
    const shortlist = Math.max(MIN_CANDIDATES, share, wanted * CANDIDATES_PER_RESULT);
    let count = size;
    let cands = 0;
    if (shortlist < size) {
      const views = this.#view();
      const histLength = words * 64 + 1;
      views.u32.fill(0, layout.hist >> 2, (layout.hist >> 2) + histLength);
      writeSignBits(query, 0, 1, this.#centre, views.u32, layout.queryBits >> 2);
      const { bits, queryBits, dist, hist } = layout;
      this.#kernels.hamming(bits, size, words, queryBits, dist, hist);
      const { limit } = distanceLimit(views.u32, hist >> 2, histLength, shortlist);
      count = this.#kernels.collect(dist, size, limit, layout.cands, size);
      cands = layout.cands;
    }
    this.#kernels.dots(layout.codes, stride, layout.query, stride / 16, cands, count, layout.out);
    const { u32, i32 } = this.#view();
    const at = cands >> 2;
    const out = layout.out >> 2;
    return topK(count, wanted, (j) => {
      const slot = cands === 0 ? j : u32[at + j]!;
      return { id: this.#ids[slot]!, score: i32[out + j]! * this.#scales[slot]! * queryScale };
    });
  }

  /** The query as int16 at layout.query; returns the factor from integer dots to cosines. */
  #writeQuery(query: Float32Array): number {
    const { i16 } = this.#view();
    const at = this.#layout.query >> 1;
    let largest = 0;
    for (let d = 0; d < query.length; d++) largest = Math.max(largest, Math.abs(query[d]!));
    const max = this.#shape.queryMax;
    const inverse = largest > 0 && Number.isFinite(largest) ? max / largest : 0;
    for (let d = 0; d < query.length; d++) i16[at + d] = Math.round(query[d]! * inverse);
    return inverse === 0 ? 0 : 1 / inverse;
  }

  /** Adds (sign 1) or takes away (−1) the slot's dequantised vector from the running sum. */
  #accumulate(slot: number, sign: 1 | -1): void {
    const { i8 } = this.#view();
    const sum = this.#sum;
    const at = this.#layout.codes + slot * this.#shape.stride;
    const factor = sign * this.#scales[slot]!;
    for (let d = 0; d < sum.length; d++) sum[d]! += i8[at + d]! * factor;
  }

  #writeBits(slot: number): void {
    const { i8, u32 } = this.#view();
    const at = this.#layout.codes + slot * this.#shape.stride;
    const offset = (this.#layout.bits >> 2) + slot * this.#shape.words * 2;
    writeSignBits(i8, at, this.#scales[slot]!, this.#centre, u32, offset);
  }

  /** Takes the mean again and rewrites every sign bit once the size doubled or halved. */
  #recentreIfDue(): boolean {
    const size = this.size;
    const due = this.#centredAt === 0 || size >= 2 * this.#centredAt || 2 * size <= this.#centredAt;
    if (!due || size === 0) return false;
    for (let d = 0; d < this.#shape.dim; d++) this.#centre[d] = this.#sum[d]! / size;
    this.#centredAt = size;
    for (let slot = 0; slot < size; slot++) this.#writeBits(slot);
    return true;
  }

  /** Room for `slots` vectors: a larger layout, with the codes moved up behind the grown bits. */
  #reserve(slots: number): void {
    if (slots <= this.#layout.capacity) return;
    const capacity = Math.max(slots, Math.ceil(this.#layout.capacity * GROWTH), MIN_CAPACITY);
    const next = int8Layout(this.#shape, capacity);
    this.#kernels.reserve(next.end);
    const { i8 } = this.#view();
    const used = this.size * this.#shape.stride;
    i8.copyWithin(next.codes, this.#layout.codes, this.#layout.codes + used);
    i8.fill(0, next.codes + used, next.codes + capacity * this.#shape.stride);
    const scales = new Float32Array(capacity);
    scales.set(this.#scales.subarray(0, this.size));
    this.#scales = scales;
    this.#layout = next;
  }

  #view(): Views {
    const buffer = this.#kernels.buffer;
    if (this.#views?.buffer !== buffer) {
      this.#views = {
        buffer,
        i8: new Int8Array(buffer),
        u32: new Uint32Array(buffer),
        i32: new Int32Array(buffer),
        i16: new Int16Array(buffer),
      };
    }
    return this.#views;
  }
}
