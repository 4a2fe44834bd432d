/**
 * The retrieval bench's conclusions: per size, the ratios (int8 ÷ exact and ÷ the bare scan,
 * voy ÷ exact, ours ÷ the bare library, hybrid ÷ bare vector), a verdict for the int8 index
 * against the goal (p95 ≤ 10 ms, recall@10 ≥ 0.95, ≤ 250 MB at 100k; p95 ≤ 50 ms in ≤ 600 MB at
 * 1M) computed from the figures, and the same figures written to bench/results/retrieval.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import {
  f1,
  f2,
  find,
  latency,
  type Latency,
  type PhaseResult,
  type RunLabel,
} from './retrieval-phase.ts';

const RESULTS = 'bench/results/retrieval.json';

interface PathFigures extends Partial<Latency> {
  buildS?: number;
  /** rss growth over the build (the voy rows: the larger of rss and voy's wasm memory). */
  memoryMb?: number;
  /**
   * What the index keeps alive: V8 heap growth plus its typed memory (the int8 index's own
   * figure; else ArrayBuffers and voy's wasm memory). rss also holds pages of garbage the
   * build freed but the allocator kept (a first load adds every vector in one call).
   */
  keptMb?: number;
  /** What the int8 index holds in typed memory. */
  ownMb?: number;
}

function pathFigures(r: PhaseResult | undefined, kind: 'query' | 'hybrid' = 'query') {
  if (!r) return undefined;
  const build = find(r, 'build');
  const l = latency(r, kind);
  const figures: PathFigures = { ...l };
  if (build) {
    figures.buildS = build.buildMs / 1000;
    figures.memoryMb = Math.max(build.memory.rssMb, build.memory.wasmMb);
    if (build.indexMb !== undefined) figures.ownMb = build.indexMb;
    const { heapMb, arrayBuffersMb, wasmMb } = build.memory;
    figures.keptMb = heapMb + (build.indexMb ?? arrayBuffersMb + wasmMb);
  }
  return figures;
}

const ratio = (a?: number, b?: number): number | undefined =>
  a !== undefined && b !== undefined && b > 0 ? a / b : undefined;

function sizeSummary(size: number, results: readonly PhaseResult[]) {
  const of = (label: RunLabel): PhaseResult | undefined =>
    results.find((r) => r.job.size === size && r.label === label);
  const voyRun = [of('voy'), of('voy batched')].find((r) => r && find(r, 'build'));
  const int8 = of('int8');
  const bareScan = latency(of('truth'), 'bare');
  const int8Query = latency(int8, 'query');
  const int8Reference = latency(int8, 'reference');
  const voy = latency(voyRun, 'query');
  const voyReference = latency(voyRun, 'reference');
  const bareVoy = latency(of('bare voy'), 'query');
  const bareVoyReference = latency(of('bare voy'), 'reference');
  const hybrid = (label: RunLabel) => {
    const r = of(label);
    const fused = r && find(r, 'fused-recall');
    return {
      p50: ratio(latency(r, 'hybrid')?.p50, latency(r, 'bare-vector')?.p50),
      p95: ratio(latency(r, 'hybrid')?.p95, latency(r, 'bare-vector')?.p95),
      fusedRecall: fused
        ? fused.recall.reduce((s, v) => s + v, 0) / fused.recall.length
        : undefined,
    };
  };
  return {
    size,
    paths: {
      bareScan,
      exact: pathFigures(of('exact')),
      int8: pathFigures(int8),
      int8Js: pathFigures(of('int8 js')),
      voy: pathFigures(voyRun),
      voyAdds: voyRun?.job.voyBatch ?? null,
      voyOneCallFailed: Boolean(of('voy') && find(of('voy')!, 'build-failed')),
    },
    ratios: {
      int8OverExactSameProcess: {
        p50: ratio(int8Query?.p50, int8Reference?.p50),
        p95: ratio(int8Query?.p95, int8Reference?.p95),
      },
      int8OverBareScan: {
        p50: ratio(int8Query?.p50, bareScan?.p50),
        p95: ratio(int8Query?.p95, bareScan?.p95),
      },
      int8JsOverExactSameProcess: {
        p95: ratio(latency(of('int8 js'), 'query')?.p95, latency(of('int8 js'), 'reference')?.p95),
      },
      exactOverBareScanSameProcess: {
        p50: ratio(latency(of('exact'), 'query')?.p50, latency(of('exact'), 'bare')?.p50),
      },
      voyOverExactSameProcess: {
        p50: ratio(voy?.p50, voyReference?.p50),
        p95: ratio(voy?.p95, voyReference?.p95),
      },
      ourVoyOverBareVoy: {
        p50: ratio(ratio(voy?.p50, voyReference?.p50), ratio(bareVoy?.p50, bareVoyReference?.p50)),
      },
      hybridOverBareVector: {
        exact: hybrid('hybrid exact'),
        int8: hybrid('hybrid int8'),
        voy: hybrid('hybrid voy'),
      },
    },
  };
}

type SizeSummary = ReturnType<typeof sizeSummary>;

const x = (v: number | undefined): string => (v === undefined ? '—' : `${v.toFixed(2)}×`);

function printRatios(s: SizeSummary): void {
  const r = s.ratios;
  console.log(`  ${s.size}:`);
  console.log(
    `    int8 ÷ exact index, interleaved in one process: p50 ${x(r.int8OverExactSameProcess.p50)}, ` +
      `p95 ${x(r.int8OverExactSameProcess.p95)}; int8 ÷ bare scan (truth phase): p50 ` +
      `${x(r.int8OverBareScan.p50)}, p95 ${x(r.int8OverBareScan.p95)}; int8 on js kernels ÷ ` +
      `exact: p95 ${x(r.int8JsOverExactSameProcess.p95)}`,
  );
  console.log(
    `    exact index ÷ bare scan (p50, same process) ${x(r.exactOverBareScanSameProcess.p50)}; ` +
      `voy ÷ exact index: p50 ${x(r.voyOverExactSameProcess.p50)}, p95 ` +
      `${x(r.voyOverExactSameProcess.p95)}; our voy ÷ bare voy ${x(r.ourVoyOverBareVoy.p50)}`,
  );
  for (const [name, h] of Object.entries(r.hybridOverBareVector)) {
    if (h.p50 === undefined) continue;
    console.log(
      `    hybrid ${name} ÷ bare vector search on the same index: p50 ${x(h.p50)}, p95 ` +
        `${x(h.p95)} (fused top-10 holds ${f2(h.fusedRecall)} of the exact top 10)`,
    );
  }
}

/** The goal for a size: 100k-class (≤ 250 MB, p95 ≤ 10 ms) or 1M-class (≤ 600 MB, ≤ 50 ms). */
function goalFor(size: number) {
  return size >= 1_000_000
    ? { p95: 50, memoryMb: 600, recall: 0.95 }
    : { p95: 10, memoryMb: 250, recall: 0.95 };
}

function verdict(s: SizeSummary): string {
  const goal = goalFor(s.size);
  const f = s.paths.int8;
  if (!f?.p95) return `  ${s.size}: the int8 index was not measured (see above); no verdict.`;
  const checks = [
    [`p95 ${f2(f.p95)} ms ≤ ${goal.p95}`, f.p95 <= goal.p95],
    [`recall@10 ${f2(f.recall)} ≥ ${goal.recall}`, (f.recall ?? 0) >= goal.recall],
    [
      `kept ${f1(f.keptMb)} MB (rss +${f1(f.memoryMb)}) ≤ ${goal.memoryMb}`,
      (f.keptMb ?? Infinity) <= goal.memoryMb,
    ],
  ] as const;
  const met = checks.every(([, ok]) => ok);
  const exact = s.paths.exact;
  const voy = s.paths.voy;
  const others =
    (exact?.p95 ? `; exact scan p95 ${f2(exact.p95)} ms, kept ${f1(exact.keptMb)} MB` : '') +
    (voy?.p95
      ? `; voy p95 ${f2(voy.p95)} ms, recall ${f2(voy.recall)}, kept ${f1(voy.keptMb)} MB` +
        (s.paths.voyOneCallFailed ? ' (one add() of everything failed)' : '')
      : '');
  return (
    `  ${s.size}: int8 ${met ? 'MEETS' : 'MISSES'} the goal — ` +
    checks.map(([text, ok]) => `${text} ${ok ? '✓' : '✗'}`).join(', ') +
    `; build ${f2(f.buildS)} s${others}`
  );
}

export function printSummary(results: readonly PhaseResult[], voyBatch: number): void {
  const sizes = [...new Set(results.map((r) => r.job.size))];
  const summaries = sizes.map((size) => sizeSummary(size, results));
  console.log('ratios:');
  summaries.forEach(printRatios);
  console.log(`verdict (voy adds batched by ${voyBatch} where one call failed):`);
  for (const s of summaries) console.log(verdict(s));
  mkdirSync('bench/results', { recursive: true });
  const measured = new Date().toISOString();
  const notMeasured = results
    .filter((r) => r.outcome !== 'done')
    .map((r) => ({ size: r.job.size, path: r.label, outcome: r.outcome, note: r.note, measured }));
  // A run of some sizes (OMNIA_BENCH_RETRIEVAL_SIZES / _LARGE) replaces those and keeps the rest.
  const earlier = readEarlier();
  const kept = <T extends { size: number }>(rows: readonly T[]): T[] =>
    rows.filter((row) => !sizes.includes(row.size));
  const json = {
    machine: `Node ${process.version}, ${process.arch}; 2 cores shared with other work`,
    command: 'npm run bench -- retrieval',
    dim: 384,
    queries: 200,
    k: 10,
    sizes: [...kept(earlier.sizes), ...summaries.map((s) => ({ measured, ...s }))].sort(
      (a, b) => a.size - b.size,
    ),
    notMeasured: [...kept(earlier.notMeasured), ...notMeasured],
  };
  writeFileSync(RESULTS, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`  wrote ${RESULTS}`);
}

interface StoredRow {
  size: number;
}

function readEarlier(): { sizes: StoredRow[]; notMeasured: StoredRow[] } {
  if (!existsSync(RESULTS)) return { sizes: [], notMeasured: [] };
  try {
    const stored = JSON.parse(readFileSync(RESULTS, 'utf8')) as {
      sizes?: StoredRow[];
      notMeasured?: StoredRow[];
    };
    return { sizes: stored.sizes ?? [], notMeasured: stored.notMeasured ?? [] };
  } catch {
    return { sizes: [], notMeasured: [] };
  }
}
