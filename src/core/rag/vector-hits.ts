// What every vector index returns, and the small helpers they share: the dimension check,
// the hit order (score, then id) and a top-k selection that never sorts everything.

export interface VectorHit {
  id: string;
  /** Cosine similarity (dot product of normalised vectors), higher is nearer. */
  score: number;
}

/**
 * Which index answers: 'int8' (the default: int8 codes scanned in WebAssembly, see
 * int8-vector-index.ts), 'exact' (a float32 scan) or 'voy' (voy-search's k-d tree).
 */
export type VectorIndexKind = 'int8' | 'exact' | 'voy';

export interface VectorIndex {
  readonly kind: VectorIndexKind;
  readonly size: number;
  /** Adds vectors; an id already present gets the new vector. */
  add(items: readonly { id: string; vector: Float32Array }[]): void;
  /** Removes vectors; unknown ids are ignored. */
  remove(ids: readonly string[]): void;
  /** The `k` nearest, best first (ties by id). */
  search(query: Float32Array, k: number): VectorHit[];
}

export function checkDimension(vector: Float32Array, dim: number): void {
  if (vector.length !== dim) {
    throw new Error(`Vector has ${vector.length} dimensions; this index holds ${dim}`);
  }
}

export const better = (a: VectorHit, b: VectorHit): boolean =>
  a.score > b.score || (a.score === b.score && a.id < b.id);

/**
 * The best `k` of `n` candidates without sorting all of them: a size-k min-heap (the
 * worst kept hit on top), O(n log k).
 */
export function topK(n: number, k: number, hitAt: (i: number) => VectorHit): VectorHit[] {
  const heap: VectorHit[] = [];
  const swap = (i: number, j: number): void => {
    const t = heap[i] as VectorHit;
    heap[i] = heap[j] as VectorHit;
    heap[j] = t;
  };
  const siftDown = (start: number): void => {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < heap.length && better(heap[worst] as VectorHit, heap[left] as VectorHit)) {
        worst = left;
      }
      if (right < heap.length && better(heap[worst] as VectorHit, heap[right] as VectorHit)) {
        worst = right;
      }
      if (worst === i) return;
      swap(i, worst);
      i = worst;
    }
  };
  for (let i = 0; i < n && k > 0; i++) {
    const hit = hitAt(i);
    if (heap.length < k) {
      heap.push(hit);
      for (let c = heap.length - 1; c > 0;) {
        const parent = (c - 1) >> 1;
        if (!better(heap[parent] as VectorHit, heap[c] as VectorHit)) break;
        swap(parent, c);
        c = parent;
      }
    } else if (better(hit, heap[0] as VectorHit)) {
      heap[0] = hit;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : 1));
}

export function dot(data: Float32Array, offset: number, query: Float32Array): number {
  let total = 0;
  for (let d = 0; d < query.length; d++) total += (data[offset + d] ?? 0) * (query[d] ?? 0);
  return total;
}
