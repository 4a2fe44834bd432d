// Nearest chunks to a query embedding. Three implementations behind one interface: the int8
// index (int8-vector-index.ts, the default: quantised codes scanned in WebAssembly, what the
// retrieval bench shows meets the goal at 100k and 1M chunks), an exact scan (one flat
// Float32Array, dot products — exact, the reference the others are measured against) and
// voy-search's WASM k-d tree. Embeddings are L2-normalised, so the dot product is the cosine
// similarity and ranks the same as voy's Euclidean distance; all report it as `score`.
import { Int8VectorIndex } from './int8-vector-index';
import {
  better,
  checkDimension,
  dot,
  topK,
  type VectorHit,
  type VectorIndex,
  type VectorIndexKind,
} from './vector-hits';
import type { VoyModule } from './voy-module';

export type { VectorHit, VectorIndex, VectorIndexKind } from './vector-hits';

/** Exact search: every vector in one growable buffer, scanned per query. */
export class ExactVectorIndex implements VectorIndex {
  readonly kind = 'exact';
  readonly #dim: number;
  #data: Float32Array;
  /** Slot → id, and id → slot; removing swaps the last slot into the hole. */
  readonly #ids: string[] = [];
  readonly #slots = new Map<string, number>();

  constructor(dim: number, initialCapacity = 1024) {
    if (!Number.isInteger(dim) || dim < 1) throw new Error(`Bad vector dimension ${dim}`);
    this.#dim = dim;
    this.#data = new Float32Array(dim * Math.max(1, initialCapacity));
  }

  get size(): number {
    return this.#ids.length;
  }

  add(items: readonly { id: string; vector: Float32Array }[]): void {
    for (const { id, vector } of items) {
      checkDimension(vector, this.#dim);
      let slot = this.#slots.get(id);
      if (slot === undefined) {
        slot = this.#ids.length;
        this.#grow(slot + 1);
        this.#ids.push(id);
        this.#slots.set(id, slot);
      }
      this.#data.set(vector, slot * this.#dim);
    }
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      const slot = this.#slots.get(id);
      if (slot === undefined) continue;
      const last = this.#ids.length - 1;
      const lastId = this.#ids[last] as string;
      if (slot !== last) {
        this.#data.copyWithin(slot * this.#dim, last * this.#dim, (last + 1) * this.#dim);
        this.#ids[slot] = lastId;
        this.#slots.set(lastId, slot);
      }
      this.#ids.pop();
      this.#slots.delete(id);
    }
  }

  search(query: Float32Array, k: number): VectorHit[] {
    checkDimension(query, this.#dim);
    const dim = this.#dim;
    return topK(this.#ids.length, Math.min(k, this.#ids.length), (slot) => ({
      id: this.#ids[slot] as string,
      score: dot(this.#data, slot * dim, query),
    }));
  }

  #grow(slots: number): void {
    if (slots * this.#dim <= this.#data.length) return;
    const bigger = new Float32Array(Math.max(slots, this.#ids.length * 2) * this.#dim);
    bigger.set(this.#data);
    this.#data = bigger;
  }
}

/** Points per voy add() call (bench/retrieval.bench.ts: 100k in one call panics). */
const VOY_ADD_SLICE = 10_000;

/** voy modules that panicked: a WASM panic leaves the instance unusable for good. */
const brokenVoy = new WeakSet<VoyModule>();

/**
 * voy-search's k-d tree. voy answers neighbours without distances, so the vectors are also
 * kept here to score them (and to remove them: voy removes by the stored point). voy panics
 * on some real inputs (many identical vectors — repeated headers and footers — hit "Too many
 * items with the same position on one axis") and its WASM instance is then unusable; this
 * index then carries on as an exact scan over the vectors it keeps, and `kind` says so.
 */
export class VoyVectorIndex implements VectorIndex {
  readonly #dim: number;
  readonly #module: VoyModule;
  #voy: InstanceType<VoyModule['Voy']> | null = null;
  #exact: ExactVectorIndex | null = null;
  readonly #vectors = new Map<string, Float32Array>();

  constructor(voy: VoyModule, dim: number) {
    if (!Number.isInteger(dim) || dim < 1) throw new Error(`Bad vector dimension ${dim}`);
    this.#dim = dim;
    this.#module = voy;
    this.#guard(() => {
      this.#voy = new voy.Voy();
    });
  }

  get kind(): 'voy' | 'exact' {
    return this.#exact ? 'exact' : 'voy';
  }

  get size(): number {
    return this.#vectors.size;
  }

  add(items: readonly { id: string; vector: Float32Array }[]): void {
    for (const { vector } of items) checkDimension(vector, this.#dim);
    const latest = new Map(items.map((item) => [item.id, item.vector]));
    this.remove([...latest.keys()].filter((id) => this.#vectors.has(id)));
    const embeddings = [...latest].map(([id, vector]) => {
      const copy = Float32Array.from(vector);
      this.#vectors.set(id, copy);
      return { id, title: '', url: '', embeddings: Array.from(copy) };
    });
    if (embeddings.length === 0) return;
    if (this.#exact) this.#exact.add([...latest].map(([id, vector]) => ({ id, vector })));
    else {
      // One add() of ~100k points panics inside voy; slices of 10k do not.
      this.#guard(() => {
        for (let i = 0; i < embeddings.length; i += VOY_ADD_SLICE) {
          this.#voy?.add({ embeddings: embeddings.slice(i, i + VOY_ADD_SLICE) });
        }
      });
    }
  }

  remove(ids: readonly string[]): void {
    const embeddings: { id: string; title: string; url: string; embeddings: number[] }[] = [];
    for (const id of new Set(ids)) {
      const vector = this.#vectors.get(id);
      if (vector === undefined) continue;
      embeddings.push({ id, title: '', url: '', embeddings: Array.from(vector) });
      this.#vectors.delete(id);
    }
    if (embeddings.length === 0) return;
    if (this.#exact) this.#exact.remove(embeddings.map((e) => e.id));
    else this.#guard(() => this.#voy?.remove({ embeddings }));
  }

  search(query: Float32Array, k: number): VectorHit[] {
    checkDimension(query, this.#dim);
    const wanted = Math.min(k, this.#vectors.size);
    if (wanted <= 0) return [];
    let neighbours: { id: string }[] = [];
    if (!this.#exact)
      this.#guard(() => (neighbours = this.#voy?.search(query, wanted).neighbors ?? []));
    if (this.#exact) return this.#exact.search(query, k);
    const hits: VectorHit[] = [];
    for (const { id } of neighbours) {
      const vector = this.#vectors.get(id);
      if (vector !== undefined) hits.push({ id, score: dot(vector, 0, query) });
    }
    return hits.sort((a, b) => (better(a, b) ? -1 : 1));
  }

  /** Runs a voy call; if voy fails (or failed before), switches to the exact scan. */
  #guard(run: () => void): void {
    if (!brokenVoy.has(this.#module)) {
      try {
        run();
        return;
      } catch (error) {
        brokenVoy.add(this.#module);
        console.warn('voy failed; the vector index continues as an exact scan.', error);
      }
    }
    this.#voy = null;
    this.#exact = new ExactVectorIndex(this.#dim);
    this.#exact.add([...this.#vectors].map(([id, vector]) => ({ id, vector })));
  }
}

/** An empty index of `kind`; 'voy' needs the loaded module (see voy-module.ts). */
export function createVectorIndex(
  kind: VectorIndexKind,
  dim: number,
  voy?: VoyModule,
): VectorIndex {
  if (kind === 'int8') return new Int8VectorIndex(dim);
  if (kind === 'exact') return new ExactVectorIndex(dim);
  if (voy === undefined) throw new Error('The voy index needs the loaded voy module (loadVoy)');
  return new VoyVectorIndex(voy, dim);
}
