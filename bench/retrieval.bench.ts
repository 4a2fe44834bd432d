/**
 * Retrieval at 10k, 100k and 1M chunks of dimension 384 (Node: the same WebAssembly as the
 * browser): build time, memory, query latency p50/p95 (k=10) and recall@10 for OUR indexes
 * (src/core/rag: the int8 index on its WebAssembly SIMD and JavaScript kernels, the exact scan,
 * voy) and for the hybrid path (KeywordIndex + vector + RRF through hybridRetrieve), each against
 * the bare library doing the same work: a plain brute-force loop (also the ground truth) and
 * voy-search's own class. Every phase runs in a child process with a time cap, so one that
 * hangs or runs out of memory is reported, not waited for. At the large sizes only the truth
 * and the int8 index run (the exact scan takes ~1.4 s a query there, and voy cannot build).
 * Knobs: OMNIA_BENCH_RETRIEVAL_SIZES=10000,100000, OMNIA_BENCH_RETRIEVAL_LARGE=1000000 ('' to
 * skip), OMNIA_BENCH_RETRIEVAL_CAP_S=300 and OMNIA_BENCH_RETRIEVAL_LARGE_CAP_S=1800 (a loaded
 * 2-core machine needs them). Writes bench/results/retrieval.json.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { printRetrievalReport, type PhaseResult, type RunLabel } from './retrieval-report.ts';
import type { ChildJob, ChildMessage } from './retrieval-types.ts';

const sizes = (value: string): number[] => value.split(',').filter(Boolean).map(Number);
const SIZES = sizes(process.env['OMNIA_BENCH_RETRIEVAL_SIZES'] ?? '10000,100000');
const LARGE = sizes(process.env['OMNIA_BENCH_RETRIEVAL_LARGE'] ?? '1000000');
const CAP_MS = Number(process.env['OMNIA_BENCH_RETRIEVAL_CAP_S'] ?? 300) * 1000;
const LARGE_CAP_MS = Number(process.env['OMNIA_BENCH_RETRIEVAL_LARGE_CAP_S'] ?? 1800) * 1000;
/** voy's add() size that stays within its memory at 100k (one call with everything fails). */
const VOY_BATCH = 10_000;
const CHILD = fileURLToPath(new URL('./retrieval-child.ts', import.meta.url));

/** Runs one phase in a child process; kills it at the cap and keeps what it reported. */
function runPhase(label: RunLabel, job: ChildJob, capMs: number): Promise<PhaseResult> {
  const result: PhaseResult = { label, job, messages: [], outcome: 'done', note: '' };
  const started = performance.now();
  return new Promise((resolve) => {
    const child = fork(CHILD, [], {
      execArgv: [...process.execArgv, '--expose-gc', '--max-old-space-size=8192'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const timer = setTimeout(() => {
      result.outcome = 'capped';
      result.note = `cap of ${capMs / 1000} s reached`;
      child.kill('SIGKILL');
    }, capMs);
    child.on('message', (message: ChildMessage) => {
      result.messages.push(message);
      if (message.kind === 'error') {
        result.outcome = 'failed';
        result.note = message.message;
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const done = result.messages.some((m) => m.kind === 'done');
      if (!done && result.outcome === 'done') {
        result.outcome = 'failed';
        result.note = `the process ended (${signal ?? `exit ${code}`}), out of memory?`;
      }
      result.wallMs = performance.now() - started;
      resolve(result);
    });
    child.send(job);
  });
}

function truthOf(result: PhaseResult): string[][] {
  for (const message of result.messages) if (message.kind === 'truth') return message.truth;
  return [];
}

const buildFailed = (result: PhaseResult): boolean =>
  result.messages.some((m) => m.kind === 'build-failed');

async function benchSize(size: number, large: boolean): Promise<PhaseResult[]> {
  const capMs = large ? LARGE_CAP_MS : CAP_MS;
  const base = { size, truth: [] as string[][], voyBatch: null as number | null, reference: true };
  const phase = async (label: RunLabel, job: ChildJob): Promise<PhaseResult> => {
    const r = await runPhase(label, job, capMs);
    const wall = ((r.wallMs ?? 0) / 1000).toFixed(1);
    console.log(`  ${size} ${r.label}: ${r.outcome} in ${wall} s ${r.note ? `(${r.note})` : ''}`);
    return r;
  };
  const truthRun = await phase('truth', { ...base, phase: 'truth', index: 'exact' });
  const truth = truthOf(truthRun);
  if (truth.length === 0) return [truthRun];
  const job = { ...base, truth };
  const results = [truthRun];
  if (large) {
    results.push(await phase('int8', { ...job, phase: 'vector', index: 'int8', reference: false }));
    return results;
  }
  results.push(await phase('exact', { ...job, phase: 'vector', index: 'exact' }));
  results.push(await phase('int8', { ...job, phase: 'vector', index: 'int8' }));
  results.push(await phase('int8 js', { ...job, phase: 'vector', index: 'int8-js' }));
  // Loading the index adds every stored vector in one call: try that first.
  const voyOnce = await phase('voy', { ...job, phase: 'vector', index: 'voy' });
  results.push(voyOnce);
  let voyBatch: number | null = null;
  if (buildFailed(voyOnce) || voyOnce.outcome !== 'done') {
    voyBatch = VOY_BATCH;
    const batched = { ...job, phase: 'vector', index: 'voy', voyBatch } as const;
    results.push(await phase('voy batched', batched));
  }
  const voyJob = { ...job, voyBatch };
  results.push(await phase('bare voy', { ...voyJob, phase: 'bare-voy', index: 'voy' }));
  results.push(await phase('hybrid exact', { ...job, phase: 'hybrid', index: 'exact' }));
  results.push(await phase('hybrid int8', { ...job, phase: 'hybrid', index: 'int8' }));
  results.push(await phase('hybrid voy', { ...voyJob, phase: 'hybrid', index: 'voy' }));
  return results;
}

export async function retrievalBench(): Promise<void> {
  console.log(
    `embeddings shaped like real ones (anisotropic, uneven dimensions, 20 topics × 10 ` +
      `sub-topics of uneven sizes, low-rank noise), dim 384, 200 held-out queries, k=10; each ` +
      `phase in its own process, capped at ${CAP_MS / 1000} s (${LARGE_CAP_MS / 1000} s at ` +
      `${LARGE.join(', ') || 'no large size'})`,
  );
  const all: PhaseResult[] = [];
  for (const size of SIZES) all.push(...(await benchSize(size, false)));
  for (const size of LARGE) all.push(...(await benchSize(size, true)));
  printRetrievalReport(all, VOY_BATCH);
}
