/**
 * One phase of the retrieval bench, in a child process of its own so its memory figures are
 * its own and the parent can kill it when it runs past its cap (a WASM build cannot be
 * interrupted from inside). It rebuilds the seeded data, runs the phase through OUR classes
 * (or the bare library, for the baselines) and sends each figure to the parent as soon as it
 * has it (retrieval-measure.ts), so a phase cut short still reports what it measured.
 */
import { readFileSync } from 'node:fs';
import * as voyGlue from 'voy-search/voy_search_bg.js';
import { Int8VectorIndex } from '../src/core/rag/int8-vector-index.ts';
import {
  ExactVectorIndex,
  VoyVectorIndex,
  type VectorIndex,
} from '../src/core/rag/vector-index.ts';
import { loadVoy } from '../src/core/rag/voy-module.ts';
import {
  bruteForceTopK,
  chunkIdOf,
  DIM,
  K,
  makeDataset,
  QUERIES,
  row,
  type RetrievalDataset,
} from './retrieval-data.ts';
import { runHybrid } from './retrieval-hybrid.ts';
import { measureBuild, measureQueries, send, type Searcher } from './retrieval-measure.ts';
import type { ChildJob, ChildMessage } from './retrieval-types.ts';

const WASM_PATH = 'node_modules/voy-search/voy_search_bg.wasm';

type Item = { id: string; vector: Float32Array };

/**
 * Items for `add`, in calls of `batch` (null: one call with everything), each made when its
 * call comes: the ids are new strings, so the memory an index keeps for them is counted.
 */
function* batches(data: RetrievalDataset, batch: number | null): Generator<Item[]> {
  const size = batch ?? data.size;
  for (let start = 0; start < data.size; start += size) {
    const end = Math.min(data.size, start + size);
    yield Array.from({ length: end - start }, (_, j) => ({
      id: chunkIdOf(start + j),
      vector: row(data.vectors, start + j),
    }));
  }
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

async function emptyIndex(job: ChildJob): Promise<VectorIndex> {
  if (job.index === 'exact') return new ExactVectorIndex(DIM);
  if (job.index === 'int8') return new Int8VectorIndex(DIM);
  if (job.index === 'int8-js') return new Int8VectorIndex(DIM, { wasm: false });
  const voy = await loadVoy(readFileSync(WASM_PATH));
  return new VoyVectorIndex(voy, DIM);
}

/** Bytes the index itself holds in typed memory, where it says (the int8 index does). */
const typedBytes = (index: VectorIndex) => (): number | undefined =>
  index instanceof Int8VectorIndex ? index.memoryBytes : undefined;

async function vectorIndex(job: ChildJob, data: RetrievalDataset): Promise<VectorIndex> {
  const index = await emptyIndex(job);
  if (index instanceof Int8VectorIndex && index.implementation === 'js' && job.index === 'int8') {
    throw new Error('WebAssembly SIMD is not available in this Node');
  }
  const kind = job.index === 'int8-js' ? 'int8' : job.index;
  measureBuild(() => {
    for (const part of batches(data, job.voyBatch)) {
      index.add(part);
      // VoyVectorIndex carries on as an exact scan when voy panics: that is a failed voy build.
      if (index.kind !== kind) {
        throw new Error(`voy failed in add(); VoyVectorIndex fell back to its exact scan`);
      }
    }
  }, typedBytes(index));
  return index;
}

/** The ground truth, by the bare brute-force loop, timed per query (the bare scan's figures). */
function runTruth(data: RetrievalDataset): void {
  const truth: string[][] = [];
  const latencies: number[] = [];
  for (let q = 0; q < QUERIES; q++) {
    const start = performance.now();
    const best = bruteForceTopK(data.vectors, row(data.queries, q), K);
    latencies.push(performance.now() - start);
    truth.push(best.map((i) => data.ids[i]!));
  }
  send({ kind: 'truth', truth });
  send({ kind: 'bare', latencies, recall: null });
}

/** Our exact index against the bare brute-force loop over the same Float32Array. */
async function runExact(job: ChildJob, data: RetrievalDataset): Promise<void> {
  const index = await vectorIndex(job, data);
  const bare: Searcher = (q) =>
    bruteForceTopK(data.vectors, row(data.queries, q), K).map((i) => data.ids[i]!);
  await measureQueries(job.truth, { query: vectorSearch(index, data), bare });
}

async function runBareVoy(job: ChildJob, data: RetrievalDataset): Promise<void> {
  const { instance } = await WebAssembly.instantiate(readFileSync(WASM_PATH), {
    './voy_search_bg.js': voyGlue as unknown as WebAssembly.ModuleImports,
  });
  voyGlue.__wbg_set_wasm(instance.exports);
  const voy = new voyGlue.Voy();
  const resources = [...batches(data, job.voyBatch)].map((part) => ({
    embeddings: part.map(({ id, vector }) => ({ id, title: '', url: '', embeddings: [...vector] })),
  }));
  measureBuild(() => resources.forEach((resource) => voy.add(resource)));
  resources.length = 0;
  const reference = referenceIndex(data);
  await measureQueries(job.truth, {
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

async function run(job: ChildJob): Promise<void> {
  const data = makeDataset(job.size, job.phase === 'hybrid');
  if (job.phase === 'truth') return void runTruth(data);
  if (job.phase === 'bare-voy') return runBareVoy(job, data);
  if (job.phase === 'vector' && job.index === 'exact') return runExact(job, data);
  const index = await vectorIndex(job, data);
  if (job.phase === 'hybrid') return runHybrid(job, data, index, vectorSearch(index, data));
  const searchers: Record<string, Searcher> = { query: vectorSearch(index, data) };
  if (job.reference) searchers['reference'] = vectorSearch(referenceIndex(data), data);
  await measureQueries(job.truth, searchers);
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
