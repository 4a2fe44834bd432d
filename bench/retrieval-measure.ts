/**
 * What every phase of the retrieval bench measures, in its child process: memory kept by a
 * build (after a GC), build time, and per-query latency and recall of several searchers
 * interleaved query by query. Each figure goes to the parent as soon as it is known, so a
 * phase cut short still reports what it measured.
 */
import { K, QUERIES, recallAt } from './retrieval-data.ts';
import type { ChildMessage, MemoryDelta, QueryKind } from './retrieval-types.ts';

const WARMUP_QUERIES = 5;

export function send(message: ChildMessage): void {
  process.send?.(message);
}

// voy's wasm memory is not exported by its glue: note it as the module is instantiated.
let wasmMemory: WebAssembly.Memory | null = null;
const instantiate = WebAssembly.instantiate.bind(WebAssembly) as (
  ...args: unknown[]
) => Promise<WebAssembly.Instance | WebAssembly.WebAssemblyInstantiatedSource>;
(WebAssembly as unknown as { instantiate: typeof instantiate }).instantiate = async (...args) => {
  const result = await instantiate(...args);
  const instance = result instanceof WebAssembly.Instance ? result : result.instance;
  if (instance.exports['memory'] instanceof WebAssembly.Memory) {
    wasmMemory = instance.exports['memory'];
  }
  return result;
};

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function memorySnapshot(): MemoryDelta {
  gc();
  const usage = process.memoryUsage();
  return {
    rssMb: usage.rss / 2 ** 20,
    heapMb: usage.heapUsed / 2 ** 20,
    arrayBuffersMb: usage.arrayBuffers / 2 ** 20,
    wasmMb: wasmMemory ? wasmMemory.buffer.byteLength / 2 ** 20 : 0,
  };
}

function delta(after: MemoryDelta, before: MemoryDelta): MemoryDelta {
  return {
    rssMb: after.rssMb - before.rssMb,
    heapMb: after.heapMb - before.heapMb,
    arrayBuffersMb: after.arrayBuffersMb - before.arrayBuffersMb,
    wasmMb: after.wasmMb - before.wasmMb,
  };
}

/**
 * Times `build`, with the memory it kept; `indexBytes` (after the build) is what the index
 * itself reports holding in typed memory, where it can tell.
 */
export function measureBuild(build: () => void, indexBytes?: () => number | undefined): void {
  const before = memorySnapshot();
  const start = performance.now();
  try {
    build();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    send({ kind: 'build-failed', buildMs: performance.now() - start, message });
    throw error;
  }
  const buildMs = performance.now() - start;
  const bytes = indexBytes?.();
  send({
    kind: 'build',
    buildMs,
    memory: delta(memorySnapshot(), before),
    ...(bytes === undefined ? {} : { indexMb: bytes / 2 ** 20 }),
  });
}

export type Searcher = (q: number) => Promise<string[]> | string[];

/**
 * Per-query latency (after warm-ups) and recall@K against the truth for several searchers,
 * interleaved query by query with the order rotating, so load from other processes on this
 * machine falls on every searcher alike and their ratio stays meaningful.
 */
export async function measureQueries(
  truth: readonly string[][],
  searchers: Partial<Record<QueryKind, Searcher>>,
): Promise<void> {
  const entries = Object.entries(searchers) as [QueryKind, Searcher][];
  for (let q = 0; q < WARMUP_QUERIES; q++) for (const [, search] of entries) await search(q);
  const latencies = entries.map((): number[] => []);
  const recalls = entries.map((): number[] => []);
  for (let q = 0; q < QUERIES; q++) {
    for (let j = 0; j < entries.length; j++) {
      const e = (q + j) % entries.length;
      const start = performance.now();
      const found = await entries[e]![1](q);
      latencies[e]!.push(performance.now() - start);
      const wanted = truth[q];
      if (wanted) recalls[e]!.push(recallAt(found.slice(0, K), wanted));
    }
  }
  entries.forEach(([kind], e) => {
    const recall = kind === 'keyword' || recalls[e]!.length === 0 ? null : recalls[e]!;
    send({ kind, latencies: latencies[e]!, recall });
  });
}
