/** What the retrieval bench's parent asks of a child process, and what the child reports back. */

/**
 * truth: the bare brute-force scan (baseline and ground truth, timed per query); vector: our
 * index alone (with our exact index interleaved as the same-process yardstick, if `reference`);
 * bare-voy: voy-search's own class; hybrid: KeywordIndex + our vector index through hybridRetrieve.
 */
export type Phase = 'truth' | 'vector' | 'bare-voy' | 'hybrid';

/**
 * Query timings of one searcher. query: the phase's subject; reference: our exact index in
 * the same process (the yardstick across processes); bare: the brute-force loop; hybrid,
 * bare-vector and keyword: the hybrid phase's paths.
 */
export type QueryKind = 'query' | 'reference' | 'bare' | 'hybrid' | 'bare-vector' | 'keyword';

/** Which of our indexes a phase builds ('int8-js': the int8 index on its JavaScript kernels). */
export type IndexChoice = 'int8' | 'int8-js' | 'exact' | 'voy';

export interface ChildJob {
  phase: Phase;
  size: number;
  index: IndexChoice;
  /** Time our exact index beside it, query by query (off at sizes where it costs minutes). */
  reference: boolean;
  /** Vectors per add() call; null adds everything in one call (what loading an index does). */
  voyBatch: number | null;
  /** Ground-truth ids per query (empty for the truth phase itself). */
  truth: string[][];
}

/** Memory kept by a build: process figures after a GC, and voy's wasm memory. */
export interface MemoryDelta {
  rssMb: number;
  heapMb: number;
  arrayBuffersMb: number;
  wasmMb: number;
}

export type ChildMessage =
  | { kind: 'build'; buildMs: number; memory: MemoryDelta; indexMb?: number }
  | { kind: 'build-failed'; buildMs: number; message: string }
  | { kind: 'keyword-build'; buildMs: number }
  | { kind: QueryKind; latencies: number[]; recall: number[] | null }
  | { kind: 'fused-recall'; recall: number[] }
  | { kind: 'serialize'; serializeMs: number; bytes: number }
  | { kind: 'deserialize'; deserializeMs: number }
  | { kind: 'truth'; truth: string[][] }
  | { kind: 'error'; message: string }
  | { kind: 'done' };
