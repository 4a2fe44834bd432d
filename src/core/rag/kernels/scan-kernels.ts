// The three loops the int8 vector index spends its time in (int8-vector-index.ts), over one
// block of memory the index lays out itself: Hamming distances of sign-bit codes with a
// histogram, the collection of the nearest by a distance limit, and int8 × int16 dot products.
// WebAssembly with 128-bit SIMD where the engine has it (Chrome 91+, Firefox 89+, Safari 16.4+,
// Node 16.4+); the same loops in plain JavaScript elsewhere (several times slower, same results).
import { INT8_KERNELS_WASM } from './int8-kernels-wasm';

export interface ScanKernels {
  /** 'wasm-simd' or 'js': which implementation runs. */
  readonly implementation: 'wasm-simd' | 'js';
  /** The memory every pointer below points into; a new object after `reserve` grew it. */
  readonly buffer: ArrayBuffer;
  /** Makes the memory at least `bytes` long (contents kept). */
  reserve(bytes: number): void;
  /**
   * For each of `count` codes of `words` u64s at `bits`: the Hamming distance to the code at
   * `query`, as u16 at `out`, and one more in the u32 histogram at `hist` for that distance.
   */
  hamming(
    bits: number,
    count: number,
    words: number,
    query: number,
    out: number,
    hist: number,
  ): void;
  /** Writes, as u32 at `out`, the i < count with u16 `dist[i] <= limit` (at most `max`); how many. */
  collect(dist: number, count: number, limit: number, out: number, max: number): number;
  /**
   * For `n` slots (u32 list at `cands`, or 0…n−1 when `cands` is 0): the i32 dot product of
   * the slot's `blocks` × 16 int8 at `codes + slot × stride` with the i16 query at `query`.
   */
  dots(
    codes: number,
    stride: number,
    query: number,
    blocks: number,
    cands: number,
    n: number,
    out: number,
  ): void;
}

const PAGE = 65_536;

interface WasmExports {
  hamming: ScanKernels['hamming'];
  collect: ScanKernels['collect'];
  dots: ScanKernels['dots'];
}

let compiled: WebAssembly.Module | null | undefined;

/** The kernels' module, compiled once per realm; null where the engine lacks SIMD. */
function wasmModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bytes = Uint8Array.from(atob(INT8_KERNELS_WASM), (c) => c.charCodeAt(0));
    compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

function wasmKernels(module: WebAssembly.Module): ScanKernels {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const exports = instance.exports as unknown as WasmExports;
  return {
    implementation: 'wasm-simd',
    get buffer() {
      return memory.buffer;
    },
    reserve(bytes) {
      const missing = bytes - memory.buffer.byteLength;
      if (missing > 0) memory.grow(Math.ceil(missing / PAGE));
    },
    hamming: exports.hamming,
    collect: exports.collect,
    dots: exports.dots,
  };
}

function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** The same loops over an ArrayBuffer, for engines without WebAssembly SIMD. */
function jsKernels(): ScanKernels {
  let buffer = new ArrayBuffer(PAGE);
  let u16 = new Uint16Array(buffer);
  let u32 = new Uint32Array(buffer);
  let i8 = new Int8Array(buffer);
  let i16 = new Int16Array(buffer);
  return {
    implementation: 'js',
    get buffer() {
      return buffer;
    },
    reserve(bytes) {
      if (bytes <= buffer.byteLength) return;
      const bigger = new ArrayBuffer(Math.ceil(bytes / PAGE) * PAGE);
      new Uint8Array(bigger).set(new Uint8Array(buffer));
      buffer = bigger;
      u16 = new Uint16Array(buffer);
      u32 = new Uint32Array(buffer);
      i8 = new Int8Array(buffer);
      i16 = new Int16Array(buffer);
    },
    hamming(bits, count, words, query, out, hist) {
      const halves = words * 2;
      const q = query >> 2;
      for (let i = 0; i < count; i++) {
        const at = (bits >> 2) + i * halves;
        let d = 0;
        for (let w = 0; w < halves; w++) d += popcount32((u32[at + w]! ^ u32[q + w]!) >>> 0);
        u16[(out >> 1) + i] = d;
        u32[(hist >> 2) + d]! += 1;
      }
    },
    collect(dist, count, limit, out, max) {
      let n = 0;
      for (let i = 0; i < count && n < max; i++) {
        if (u16[(dist >> 1) + i]! <= limit) u32[(out >> 2) + n++] = i;
      }
      return n;
    },
    dots(codes, stride, query, blocks, cands, n, out) {
      const length = blocks * 16;
      const q = query >> 1;
      for (let j = 0; j < n; j++) {
        const slot = cands === 0 ? j : u32[(cands >> 2) + j]!;
        const at = codes + slot * stride;
        let total = 0;
        for (let d = 0; d < length; d++) total += i8[at + d]! * i16[q + d]!;
        u32[(out >> 2) + j] = total;
      }
    },
  };
}

/**
 * Kernels over a memory of their own: WebAssembly SIMD when available, else JavaScript
 * (`{ wasm: false }` forces JavaScript, for tests).
 */
export function createScanKernels(options: { wasm?: boolean } = {}): ScanKernels {
  const module = options.wasm === false ? null : wasmModule();
  return module ? wasmKernels(module) : jsKernels();
}
