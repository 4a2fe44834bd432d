/**
 * Prints the retrieval bench: one table row per path and size, what was not measured and why,
 * then the ratios, the verdict against the goal and bench/results/retrieval.json
 * (retrieval-summary.ts). Kept apart from retrieval.bench.ts, which only runs the phases.
 */
import {
  f1,
  f2,
  find,
  latency,
  mean,
  type Latency,
  type Of,
  type PhaseResult,
  type RunLabel,
} from './retrieval-phase.ts';
import { printSummary } from './retrieval-summary.ts';

export type { PhaseResult, RunLabel } from './retrieval-phase.ts';

function memoryCell(build: Of<'build'> | undefined): string[] {
  if (!build) return ['—', '—', '—', '—', '—'];
  const { memory } = build;
  const values = [memory.rssMb, memory.heapMb, memory.arrayBuffersMb, memory.wasmMb];
  return [...values.map((v: number) => v.toFixed(0)), build.indexMb?.toFixed(0) ?? '—'];
}

const HEADER = ['size', 'path', 'build s', 'rss MB', 'heap MB', 'arrbuf MB', 'wasm MB', 'own MB'];
const COLUMNS = [...HEADER, 'p50 ms', 'p95 ms', 'recall@10'];
const WIDTHS = [8, 28, 8, 7, 8, 10, 8, 7, 8, 8, 10];

function printRow(cells: readonly string[]): void {
  console.log(
    '  ' + cells.map((c, i) => (i < 2 ? c.padEnd(WIDTHS[i]!) : c.padStart(WIDTHS[i]!))).join(' '),
  );
}

const PATH_NAMES: Partial<Record<RunLabel, string>> = {
  exact: 'exact index (f32 scan)',
  int8: 'int8 index (wasm simd)',
  'int8 js': 'int8 index (js kernels)',
  'bare voy': 'bare voy',
};

function rowsOf(r: PhaseResult): string[][] {
  const size = String(r.job.size);
  const build = find(r, 'build');
  const failed = find(r, 'build-failed');
  const buildS = build ? f2(build.buildMs / 1000) : failed ? `✗${f1(failed.buildMs / 1000)}` : '—';
  const none = ['', '', '', '', ''];
  const cells = (path: string, l: Latency | undefined, b = buildS, m = memoryCell(build)) => [
    size,
    path,
    b,
    ...m,
    f2(l?.p50),
    f2(l?.p95),
    l?.recall === undefined ? '—' : l.recall.toFixed(3),
  ];
  if (r.label === 'truth') return [cells('bare scan (truth, alone)', latency(r, 'bare'), '', none)];
  if (r.label.startsWith('hybrid')) {
    const keyword = find(r, 'keyword-build');
    const fused = find(r, 'fused-recall');
    const rows = [
      cells(`${r.label} (vector side)`, latency(r, 'hybrid')),
      cells('  keyword index build', undefined, keyword ? f2(keyword.buildMs / 1000) : '—', none),
      cells('  bare vector, same index', latency(r, 'bare-vector'), '', none),
      cells('  keyword search only', latency(r, 'keyword'), '', none),
    ];
    if (fused) rows[0]!.push(`(fused top-10 holds ${mean(fused.recall).toFixed(3)})`);
    return rows;
  }
  const voyName =
    r.job.voyBatch === null ? 'voy (one add call)' : `voy (adds of ${r.job.voyBatch})`;
  const main = cells(PATH_NAMES[r.label] ?? voyName, latency(r, 'query'));
  const beside =
    r.label === 'exact'
      ? cells('  bare scan, same process', latency(r, 'bare'), '', none)
      : cells('  exact index, same process', latency(r, 'reference'), '', none);
  return r.job.reference || r.label === 'exact' ? [main, beside] : [main];
}

/** What a phase did not get to measure, and why. */
function notMeasured(r: PhaseResult): string | null {
  if (r.outcome === 'done') return null;
  const failed = find(r, 'build-failed');
  const why = failed
    ? `build failed after ${f1(failed.buildMs / 1000)} s: ${failed.message}`
    : r.note;
  const got = [...new Set(r.messages.map((m) => m.kind))].join(', ') || 'nothing';
  return `  not measured: ${r.job.size} ${r.label} — ${why} (had measured: ${got})`;
}

export function printRetrievalReport(results: readonly PhaseResult[], voyBatch: number): void {
  console.log('');
  printRow(COLUMNS);
  for (const r of results) for (const cells of rowsOf(r)) printRow(cells);
  console.log(
    '  (build: one index from all vectors; memory: growth kept by the build after a GC — rss, ' +
      'V8 heap, ArrayBuffers, voy wasm memory; own: what the int8 index holds in typed memory; ' +
      '✗: build failed after that many seconds)',
  );
  for (const r of results) {
    const line = notMeasured(r);
    if (line) console.log(line);
  }
  printSummary(results, voyBatch);
}
