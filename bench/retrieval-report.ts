/**
 * Prints the retrieval bench: one table row per path and size, the ratios (voy ÷ exact, ours ÷
 * bare library, hybrid ÷ bare vector), what was not measured and why, and a verdict computed
 * from the figures. Kept apart from retrieval.bench.ts, which only runs the phases.
 */
import { percentile } from './chat-stream.bench.ts';
import type { ChildJob, ChildMessage, MemoryDelta, QueryKind } from './retrieval-types.ts';
import { median } from './stats.ts';

export type RunLabel =
  'truth' | 'exact' | 'voy' | 'voy batched' | 'bare voy' | 'hybrid exact' | 'hybrid voy';

export interface PhaseResult {
  label: RunLabel;
  job: ChildJob;
  messages: ChildMessage[];
  outcome: 'done' | 'failed' | 'capped';
  note: string;
  wallMs?: number;
}

type Of<K extends ChildMessage['kind']> = Extract<ChildMessage, { kind: K }>;

function find<K extends ChildMessage['kind']>(r: PhaseResult, kind: K): Of<K> | undefined {
  return r.messages.find((m): m is Of<K> => m.kind === kind);
}

const mean = (values: readonly number[]): number =>
  values.reduce((sum, v) => sum + v, 0) / values.length;
const f1 = (v: number | undefined): string =>
  v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(1);
const f2 = (v: number | undefined): string =>
  v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(2);

interface Latency {
  p50: number;
  p95: number;
  recall: number | undefined;
}

function latency(r: PhaseResult | undefined, kind: QueryKind): Latency | undefined {
  const m = r?.messages.find(
    (x): x is Extract<ChildMessage, { latencies: number[] }> => x.kind === kind,
  );
  if (!m) return undefined;
  return {
    p50: median(m.latencies),
    p95: percentile(m.latencies, 95),
    recall: m.recall ? mean(m.recall) : undefined,
  };
}

function memoryCell(memory: MemoryDelta | undefined): string[] {
  if (!memory) return ['—', '—', '—', '—'];
  return [memory.rssMb, memory.heapMb, memory.arrayBuffersMb, memory.wasmMb].map((v) =>
    v.toFixed(0),
  );
}

const HEADER = ['size', 'path', 'build s', 'rss MB', 'heap MB', 'arrbuf MB', 'wasm MB'];
const COLUMNS = [...HEADER, 'p50 ms', 'p95 ms', 'recall@10'];
const WIDTHS = [7, 26, 8, 7, 8, 10, 8, 8, 8, 10];

function printRow(cells: readonly string[]): void {
  console.log(
    '  ' + cells.map((c, i) => (i < 2 ? c.padEnd(WIDTHS[i]!) : c.padStart(WIDTHS[i]!))).join(' '),
  );
}

function rowsOf(r: PhaseResult): string[][] {
  const size = String(r.job.size);
  const build = find(r, 'build');
  const failed = find(r, 'build-failed');
  const buildS = build ? f2(build.buildMs / 1000) : failed ? `✗${f1(failed.buildMs / 1000)}` : '—';
  const mem = memoryCell(build?.memory);
  const cells = (path: string, l: Latency | undefined, b = buildS, m = mem): string[] => [
    size,
    path,
    b,
    ...m,
    f2(l?.p50),
    f2(l?.p95),
    l?.recall === undefined ? '—' : l.recall.toFixed(3),
  ];
  const none = ['', '', '', ''];
  if (r.label === 'truth') return [];
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
  const label = r.label === 'voy' && r.job.voyBatch === null ? 'voy (one add call)' : r.label;
  const main = cells(
    r.label === 'voy batched' ? `voy (adds of ${r.job.voyBatch})` : label,
    latency(r, 'query'),
  );
  const beside =
    r.label === 'exact'
      ? cells('  bare scan, same process', latency(r, 'bare'), '', none)
      : cells('  exact index, same process', latency(r, 'reference'), '', none);
  return [main, beside];
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

interface SizeFigures {
  size: number;
  exact?: Latency;
  /** The bare brute-force loop, interleaved with our exact index. */
  scan?: Latency;
  voy?: Latency;
  /** Our exact index, interleaved with our voy index in the same process. */
  voyReference?: Latency;
  voyLabel: string;
  bareVoy?: Latency;
  bareVoyReference?: Latency;
  voyOneCallFailed: boolean;
  /** Why serialising voy failed, when it did (what persisting the index would meet). */
  serializeFailure?: string;
  exactBuildS?: number;
  voyBuildS?: number;
  exactMb?: number;
  voyMb?: number;
}

function figuresFor(size: number, results: readonly PhaseResult[]): SizeFigures {
  const of = (label: RunLabel): PhaseResult | undefined =>
    results.find((r) => r.job.size === size && r.label === label);
  const voyRun = [of('voy'), of('voy batched')].find((r) => r && find(r, 'build'));
  const exactRun = of('exact');
  const hybridExact = of('hybrid exact');
  // The hybrid phase times the same ExactVectorIndex alone: the fallback when the exact phase
  // itself was cut short.
  const exactBuild =
    (exactRun && find(exactRun, 'build')) ?? (hybridExact && find(hybridExact, 'build'));
  const voyBuild = voyRun ? find(voyRun, 'build') : undefined;
  const voyOnce = of('voy');
  return {
    size,
    exact: latency(exactRun, 'query') ?? latency(hybridExact, 'bare-vector'),
    scan: latency(exactRun, 'bare'),
    voy: latency(voyRun, 'query'),
    voyReference: latency(voyRun, 'reference'),
    voyLabel: voyRun?.label === 'voy batched' ? `voy (adds of ${voyRun.job.voyBatch})` : 'voy',
    bareVoy: latency(of('bare voy'), 'query'),
    bareVoyReference: latency(of('bare voy'), 'reference'),
    voyOneCallFailed: voyOnce !== undefined && find(voyOnce, 'build-failed') !== undefined,
    ...serializeFailure(of('bare voy')),
    exactBuildS: exactBuild ? exactBuild.buildMs / 1000 : undefined,
    voyBuildS: voyBuild ? voyBuild.buildMs / 1000 : undefined,
    exactMb: exactBuild?.memory.rssMb,
    voyMb: voyBuild ? Math.max(voyBuild.memory.rssMb, voyBuild.memory.wasmMb) : undefined,
  };
}

function serializeFailure(r: PhaseResult | undefined): { serializeFailure?: string } {
  if (!r || r.outcome === 'done' || !find(r, 'query') || find(r, 'serialize')) return {};
  return { serializeFailure: r.note };
}

const ratio = (a?: number, b?: number): string => (a && b ? (a / b).toFixed(2) : '—');

function printRatios(size: number, results: readonly PhaseResult[], f: SizeFigures): void {
  console.log(`  ${size}:`);
  console.log(
    `    ${f.voyLabel} ÷ exact index, interleaved in one process: p50 ` +
      `${ratio(f.voy?.p50, f.voyReference?.p50)}, p95 ${ratio(f.voy?.p95, f.voyReference?.p95)}; ` +
      `build ${ratio(f.voyBuildS, f.exactBuildS)}`,
  );
  const normalised = (l?: Latency, ref?: Latency): number | undefined =>
    l && ref ? l.p50 / ref.p50 : undefined;
  console.log(
    `    ours ÷ bare library (p50): exact index ÷ bare scan ${ratio(f.exact?.p50, f.scan?.p50)}; ` +
      `our voy ÷ bare voy ${ratio(normalised(f.voy, f.voyReference), normalised(f.bareVoy, f.bareVoyReference))} ` +
      '(each over the exact index timed beside it)',
  );
  for (const label of ['hybrid exact', 'hybrid voy'] as const) {
    const r = results.find((x) => x.job.size === size && x.label === label);
    const hybrid = latency(r, 'hybrid');
    const bare = latency(r, 'bare-vector');
    console.log(
      `    ${label} ÷ bare vector search on the same index: p50 ${ratio(hybrid?.p50, bare?.p50)}, ` +
        `p95 ${ratio(hybrid?.p95, bare?.p95)}`,
    );
  }
  const bareVoy = results.find((x) => x.job.size === size && x.label === 'bare voy');
  const ser = bareVoy && find(bareVoy, 'serialize');
  const de = bareVoy && find(bareVoy, 'deserialize');
  console.log(
    ser
      ? `    voy serialize ${f1(ser.serializeMs)} ms → ${f1(ser.bytes / 2 ** 20)} MB of JSON; ` +
          `deserialize ${de ? `${f1(de.deserializeMs)} ms` : 'not measured'} ` +
          `(vs rebuilding from stored vectors: ${f1((f.voyBuildS ?? NaN) * 1000)} ms)`
      : '    voy serialize: not measured (see above)',
  );
}

function verdict(f: SizeFigures): string {
  const { exact, voy, voyReference } = f;
  if (!exact) return `At ${f.size} the exact scan was not measured; no verdict.`;
  const exactText =
    `exact scan p50 ${f2(exact.p50)} ms / p95 ${f2(exact.p95)} ms, recall@10 ${f2(exact.recall)}, ` +
    `build ${f2(f.exactBuildS)} s, +${f1(f.exactMb)} MB rss`;
  if (!voy || !voyReference) {
    return (
      `At ${f.size} voy could not be measured (see "not measured"), while the ${exactText}. ` +
      'Prefer the exact scan (ExactVectorIndex).'
    );
  }
  // Latency compared within voy's own process (same load); build and memory across processes.
  const p95Ratio = voy.p95 / voyReference.p95;
  const p50Ratio = voy.p50 / voyReference.p50;
  const voyText =
    `${f.voyLabel} p50 ${f2(voy.p50)} ms / p95 ${f2(voy.p95)} ms (${p50Ratio.toFixed(2)}× / ` +
    `${p95Ratio.toFixed(2)}× the exact scan timed beside it), recall@10 ${f2(voy.recall)}, ` +
    `build ${f2(f.voyBuildS)} s, +${f1(f.voyMb)} MB`;
  const oneCall =
    (f.voyOneCallFailed
      ? ' voy also failed to take the whole library in one add() call (as loading the index does).'
      : '') + (f.serializeFailure ? ` Serialising it failed too (${f.serializeFailure}).` : '');
  if (p95Ratio < 0.8 && (voy.recall ?? 0) >= 0.95 && !f.voyOneCallFailed) {
    return (
      `At ${f.size}: ${voyText}; ${exactText}. voy answers faster with full recall, at ` +
      `${ratio(f.voyBuildS, f.exactBuildS)}× the build time and far more memory: voy is fine here.`
    );
  }
  const speed =
    p95Ratio < 1
      ? `its queries are only ${((1 - p95Ratio) * 100).toFixed(0)}% faster at p95`
      : `its queries are ${p95Ratio.toFixed(1)}× slower at p95`;
  return (
    `At ${f.size}: ${voyText}; ${exactText}. voy is NOT the best choice here: ${speed}, while it ` +
    `takes ${ratio(f.voyBuildS, f.exactBuildS)}× longer to build and ${ratio(f.voyMb, f.exactMb)}× ` +
    `the memory.${oneCall} Prefer ExactVectorIndex (an f32 scan in the library worker, recall 1 ` +
    'by construction, no build step to persist). Beyond a few hundred thousand chunks: an ' +
    'int8-quantised scan with f32 re-ranking of the top 50 (4× less memory), or an HNSW index ' +
    'such as hnswlib-wasm (hnswlib compiled to WASM, on npm).'
  );
}

export function printRetrievalReport(results: readonly PhaseResult[], voyBatch: number): void {
  console.log('');
  printRow(COLUMNS);
  for (const r of results) for (const cells of rowsOf(r)) printRow(cells);
  console.log(
    '  (build: one index from all vectors; memory: growth kept by the build after a GC — rss, ' +
      'V8 heap, ArrayBuffers, voy wasm memory; ✗: build failed after that many seconds)',
  );
  for (const r of results) {
    const line = notMeasured(r);
    if (line) console.log(line);
  }
  const sizes = [...new Set(results.map((r) => r.job.size))];
  const figures = sizes.map((size) => figuresFor(size, results));
  console.log('ratios:');
  figures.forEach((f) => printRatios(f.size, results, f));
  console.log(`verdict (voy adds batched by ${voyBatch} where one call failed):`);
  for (const f of figures) console.log(`  ${verdict(f)}`);
}
