/**
 * One phase of the retrieval bench, in a child process of its own so its memory figures are
 * its own and the parent can kill it when it runs past its cap (a WASM build cannot be
 * interrupted from inside). It rebuilds the seeded data, runs the phase through OUR classes
 * (or the bare library, for the baselines) and sends each figure to the parent as soon as it
 * has it, so a phase cut short still reports what it measured.
 */
import { readFileSync } from 'node:fs';
import * as voyGlue from 'voy-search/voy_search_bg.js';
import { KeywordIndex } from '../src/core/rag/keyword-index.ts';
import { hybridRetrieve } from '../src/core/rag/retrieve.ts';
import {
  ExactVectorIndex,
  VoyVectorIndex,
  type VectorIndex,
} from '../src/core/rag/vector-index.ts';
import { loadVoy } from '../src/core/rag/voy-module.ts';
import type { Chunk } from '../src/storage/types.ts';
import {
  bruteForceTopK,
  DIM,
  K,
  makeDataset,
  QUERIES,
  recallAt,
  row,
  type RetrievalDataset,
} from './retrieval-data.ts';
import type { ChildJob, ChildMessage, MemoryDelta, QueryKind } from './retrieval-types.ts';

const WASM_PATH = 'node_modules/voy-search/voy_search_bg.wasm';
const WARMUP_QUERIES = 5;

function send(message: ChildMessage): void {
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

/** Items for `add`, in batches of `batch` (null: one call with everything). */
function batches(data: RetrievalDataset, batch: number | null) {
  const size = batch ?? data.size;
  const out: { id: string; vector: Float32Array }[][] = [];
  for (let start = 0; start < data.size; start += size) {
    const end = Math.min(data.size, start + size);
    out.push(
      Array.from({ length: end - start }, (_, j) => ({
        id: data.ids[start + j]!,
        vector: row(data.vectors, start + j),
      })),
    );
  }
  return out;
}

/** Times `build`, with the memory it kept. */
function measureBuild(build: () => void): void {
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
  send({ kind: 'build', buildMs, memory: delta(memorySnapshot(), before) });
}

type Searcher = (q: number) => Promise<string[]> | string[];

/**
 * Per-query latency (after warm-ups) and recall@K against the truth for several searchers,
 * interleaved query by query with the order rotating, so load from other processes on this
 * machine falls on every searcher alike and their ratio stays meaningful.
 */
async function measureQueries(
  data: RetrievalDataset,
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

const vectorSearch =
  (index: VectorIndex, data: RetrievalDataset): Searcher =>
  (q) =>
    index.search(row(data.queries, q), K).map((h) => h.id);

/** The exact index as the same-process reference every other searcher is compared with. */
function referenceIndex(data: RetrievalDataset): ExactVectorIndex {
  const index = new ExactVectorIndex(DIM);
  for (const part of batches(data, null)) index.add(part);
  return index;
}

async function ourVoy(): Promise<VoyVectorIndex> {
  const voy = await loadVoy(readFileSync(WASM_PATH));
  return new VoyVectorIndex(voy, DIM);
}

async function vectorIndex(job: ChildJob, data: RetrievalDataset): Promise<VectorIndex> {
  const index = job.index === 'voy' ? await ourVoy() : new ExactVectorIndex(DIM);
  const parts = batches(data, job.voyBatch);
  measureBuild(() =>
    parts.forEach((part) => {
      index.add(part);
      // VoyVectorIndex carries on as an exact scan when voy panics: that is a failed voy build.
      if (index.kind !== job.index) {
        throw new Error(`voy failed in add(); VoyVectorIndex fell back to its exact scan`);
      }
    }),
  );
  return index;
}

function runTruth(data: RetrievalDataset): void {
  const truth: string[][] = [];
  for (let q = 0; q < QUERIES; q++) {
    truth.push(bruteForceTopK(data.vectors, row(data.queries, q), K).map((i) => data.ids[i]!));
  }
  send({ kind: 'truth', truth });
}

/** Our exact index against the bare brute-force loop over the same Float32Array. */
async function runExact(job: ChildJob, data: RetrievalDataset): Promise<void> {
  const index = await vectorIndex(job, data);
  const bare: Searcher = (q) =>
    bruteForceTopK(data.vectors, row(data.queries, q), K).map((i) => data.ids[i]!);
  await measureQueries(data, job.truth, { query: vectorSearch(index, data), bare });
}

async function runBareVoy(job: ChildJob, data: RetrievalDataset): Promise<void> {
  const { instance } = await WebAssembly.instantiate(readFileSync(WASM_PATH), {
    './voy_search_bg.js': voyGlue as unknown as WebAssembly.ModuleImports,
  });
  voyGlue.__wbg_set_wasm(instance.exports);
  const voy = new voyGlue.Voy();
  const resources = batches(data, job.voyBatch).map((part) => ({
    embeddings: part.map(({ id, vector }) => ({ id, title: '', url: '', embeddings: [...vector] })),
  }));
  measureBuild(() => resources.forEach((resource) => voy.add(resource)));
  resources.length = 0;
  const reference = referenceIndex(data);
  await measureQueries(data, job.truth, {
    query: (q) => voy.search(row(data.queries, q), K).neighbors.map((n) => n.id),
    reference: vectorSearch(reference, data),
  });
  let start = performance.now();
  const serialized = voy.serialize();
  const serializeMs = performance.now() - start;
  send({ kind: 'serialize', serializeMs, bytes: Buffer.byteLength(serialized) });
  start = performance.now();
  voyGlue.Voy.deserialize(serialized).free();
  send({ kind: 'deserialize', deserializeMs: performance.now() - start });
}

async function runHybrid(job: ChildJob, data: RetrievalDataset): Promise<void> {
  const index = await vectorIndex(job, data);
  const keyword = new KeywordIndex();
  const start = performance.now();
  const chunks = new Map<string, Chunk>();
  const texts = data.texts.map((text, i) => {
    const id = data.ids[i]!;
    const documentId = data.documentOf(i);
    chunks.set(id, { id, documentId, order: i, text, tokenCount: 100, page: 1 + (i % 20) });
    return { id, documentId, text, documentName: `${documentId}.pdf` };
  });
  keyword.add(texts);
  send({ kind: 'keyword-build', buildMs: performance.now() - start });
  // What the hybrid path asked the vector index for, to score its vector side.
  let vectorSide: string[] = [];
  const recording: VectorIndex = {
    kind: index.kind,
    get size() {
      return index.size;
    },
    add: (items) => index.add(items),
    remove: (ids) => index.remove(ids),
    search: (query, k) => {
      const hits = index.search(query, k);
      vectorSide = hits.map((h) => h.id);
      return hits;
    },
  };
  let current = 0;
  const deps = {
    keyword,
    vector: recording,
    embedQuery: () => Promise.resolve(row(data.queries, current)),
    chunks: (ids: readonly string[]) => ids.map((id) => chunks.get(id)),
    allowedDocument: () => true,
    documentName: (id: string) => `${id}.pdf`,
  };
  const fusedTop: number[] = [];
  await measureQueries(data, job.truth, {
    hybrid: async (q) => {
      current = q;
      const passages = await hybridRetrieve({ text: data.queryTexts[q]!, limit: K }, deps);
      const wanted = job.truth[q];
      if (wanted)
        fusedTop[q] = recallAt(
          passages.map((p) => p.chunkId),
          wanted,
        );
      return vectorSide;
    },
    'bare-vector': vectorSearch(index, data),
    keyword: (q) => keyword.search(data.queryTexts[q]!, { limit: 50 }).map((h) => h.chunkId),
  });
  send({ kind: 'fused-recall', recall: fusedTop });
}

async function run(job: ChildJob): Promise<void> {
  const data = makeDataset(job.size, job.phase === 'hybrid');
  if (job.phase === 'truth') return void runTruth(data);
  if (job.phase === 'bare-voy') return runBareVoy(job, data);
  if (job.phase === 'hybrid') return runHybrid(job, data);
  if (job.index === 'exact') return runExact(job, data);
  const index = await vectorIndex(job, data);
  const reference = referenceIndex(data);
  await measureQueries(data, job.truth, {
    query: vectorSearch(index, data),
    reference: vectorSearch(reference, data),
  });
}

/** Sends the last message, then exits once it has left (exit alone may drop queued IPC). */
function finish(message: ChildMessage, code: number): void {
  if (!process.send) process.exit(code);
  process.send(message, () => process.exit(code));
}

process.once('message', (job: ChildJob) => {
  run(job).then(
    () => finish({ kind: 'done' }, 0),
    (error: unknown) =>
      finish({ kind: 'error', message: error instanceof Error ? error.message : String(error) }, 1),
  );
});
