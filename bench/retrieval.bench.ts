/**
 * Retrieval at 10k and 100k chunks of dimension 384 (Node: the same voy WASM as the browser):
 * build time, memory, query latency p50/p95 (k=10) and recall@10 for OUR indexes (voy and the
 * exact scan, src/core/rag/vector-index.ts) and for the hybrid path (KeywordIndex + vector +
 * RRF through hybridRetrieve), each against the bare library doing the same work: a plain
 * brute-force loop (also the ground truth) and voy-search's own class. Every phase runs in a
 * child process with a time cap, so one that hangs or runs out of memory is reported, not waited
 * for. Knobs: OMNIA_BENCH_RETRIEVAL_SIZES=10000,100000, OMNIA_BENCH_RETRIEVAL_CAP_S=300 (a loaded 2-core machine needs it at 100k).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { printRetrievalReport, type PhaseResult, type RunLabel } from './retrieval-report.ts';
import type { ChildJob, ChildMessage } from './retrieval-types.ts';

const SIZES = (process.env['OMNIA_BENCH_RETRIEVAL_SIZES'] ?? '10000,100000').split(',').map(Number);
const CAP_MS = Number(process.env['OMNIA_BENCH_RETRIEVAL_CAP_S'] ?? 300) * 1000;
/** voy's add() size that stays within its memory at 100k (one call with everything fails). */
const VOY_BATCH = 10_000;
const CHILD = fileURLToPath(new URL('./retrieval-child.ts', import.meta.url));

/** Runs one phase in a child process; kills it at the cap and keeps what it reported. */
function runPhase(label: RunLabel, job: ChildJob): Promise<PhaseResult> {
  const result: PhaseResult = { label, job, messages: [], outcome: 'done', note: '' };
  const started = performance.now();
  return new Promise((resolve) => {
    const child = fork(CHILD, [], {
      execArgv: [...process.execArgv, '--expose-gc', '--max-old-space-size=8192'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const timer = setTimeout(() => {
      result.outcome = 'capped';
      result.note = `cap of ${CAP_MS / 1000} s reached`;
      child.kill('SIGKILL');
    }, CAP_MS);
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

async function benchSize(size: number): Promise<PhaseResult[]> {
  const base = { size, truth: [] as string[][], voyBatch: null as number | null };
  const log = (r: PhaseResult): PhaseResult => {
    const wall = ((r.wallMs ?? 0) / 1000).toFixed(1);
    console.log(`  ${size} ${r.label}: ${r.outcome} in ${wall} s ${r.note ? `(${r.note})` : ''}`);
    return r;
  };
  const truthRun = log(await runPhase('truth', { ...base, phase: 'truth', index: 'exact' }));
  const truth = truthOf(truthRun);
  if (truth.length === 0) return [truthRun];
  const job = { ...base, truth };
  const results = [truthRun];
  results.push(log(await runPhase('exact', { ...job, phase: 'vector', index: 'exact' })));
  // Loading the index adds every stored vector in one call: try that first.
  const voyOnce = log(await runPhase('voy', { ...job, phase: 'vector', index: 'voy' }));
  results.push(voyOnce);
  let voyBatch: number | null = null;
  if (buildFailed(voyOnce) || voyOnce.outcome !== 'done') {
    voyBatch = VOY_BATCH;
    const batched = { ...job, phase: 'vector', index: 'voy', voyBatch } as const;
    results.push(log(await runPhase('voy batched', batched)));
  }
  const voyJob = { ...job, voyBatch };
  results.push(log(await runPhase('bare voy', { ...voyJob, phase: 'bare-voy', index: 'voy' })));
  results.push(log(await runPhase('hybrid exact', { ...job, phase: 'hybrid', index: 'exact' })));
  results.push(log(await runPhase('hybrid voy', { ...voyJob, phase: 'hybrid', index: 'voy' })));
  return results;
}

export async function retrievalBench(): Promise<void> {
  console.log(
    `clustered L2-normalised vectors (200 centres), dim 384, 200 held-out queries, k=10; ` +
      `each phase in its own process, capped at ${CAP_MS / 1000} s`,
  );
  const all: PhaseResult[] = [];
  for (const size of SIZES) all.push(...(await benchSize(size)));
  printRetrievalReport(all, VOY_BATCH);
}
