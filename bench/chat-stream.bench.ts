/**
 * Chat streaming overhead in Chromium (WASM): tokens/s of a whole answer through the app
 * (inference worker, RPC per token, storage, per-frame markdown rendering) ÷ tokens/s of bare
 * transformers.js generating the same tokens on the page's main thread. The target is
 * a ratio ≥ 0.95. Also prints the worker's own decode rate, so the reader sees whether a gap
 * comes from the engine or from the way tokens travel and are shown.
 */
import { runBenchPage } from './bench-page.ts';
import type { ChatStreamResult, PathName, StreamRun } from './pages/chat-stream-bench.ts';
import { median } from './stats.ts';

const ROUNDS = Number(process.env['OMNIA_BENCH_CHAT_ROUNDS'] ?? 10);
const WARMUPS = 2;
const MODEL = 'omnia-fixture-causal-lm';
const PATHS: readonly PathName[] = ['app', 'silent', 'engine', 'bare'];

/** Nearest-rank percentile (p in 0…100) of a sample. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Tokens after the first over the time after the first (decodeRate in transformers-chat.ts). */
function rate(tokens: number, ms: number): number {
  return ms > 0 && tokens > 1 ? ((tokens - 1) * 1000) / ms : Number.NaN;
}

function line(label: string, values: readonly number[], unit: string): string {
  const f = (v: number): string => v.toFixed(1);
  return `  ${label.padEnd(52)} median ${f(median(values))} ${unit}, p90 ${f(percentile(values, 90))} ${unit}`;
}

const LEGEND = [
  'app:    runAnswer → inference WORKER (comlink callback per token) → IndexedDB saves →',
  '        markdown re-render per animation frame → final text from the live stored row',
  'silent: the same worker call without per-token callbacks (worker-side timings)',
  "engine: the app's transformers.js adapter called on the page MAIN THREAD (no worker)",
  'bare:   transformers.js + TextStreamer on the page MAIN THREAD, no storage, no DOM',
];

/** What the measured costs would give for a model that decodes `bareRate` tokens/s. */
function projected(bareRate: number, tokens: number, perTokenMs: number, tailMs: number): string {
  const bareMs = ((tokens - 1) * 1000) / bareRate;
  return (bareMs / (bareMs + (tokens - 1) * perTokenMs + tailMs)).toFixed(3);
}

function report(result: ChatStreamResult): void {
  const [app, silent, engine, bare] = PATHS.map((path) => result.runs[path].slice(WARMUPS)) as [
    StreamRun[],
    StreamRun[],
    StreamRun[],
    StreamRun[],
  ];
  const of = (runs: StreamRun[], f: (r: StreamRun) => number): number[] => runs.map(f);
  const tps = (runs: StreamRun[]): number[] => of(runs, (r) => rate(r.tokens, r.streamMs));
  const workerRates = of(app, (r) => r.workerTokensPerSecond ?? Number.NaN);
  const tail = of(app, (r) => r.streamMs - r.lastTokenMs);
  const tokens = app[0]?.tokens ?? 0;
  console.log(
    `${MODEL}: ${tokens} tokens per answer (prompt ${result.promptTokens} tokens, greedy, WASM), ` +
      `${app.length} rounds per path after ${WARMUPS} warm-ups, interleaved`,
  );
  for (const text of LEGEND) console.log(`  ${text}`);
  const rows: [string, number[], string][] = [
    ['app tokens/s (first token → rendered + stored)', tps(app), 'tok/s'],
    ['bare tokens/s (first token → last token)', tps(bare), 'tok/s'],
    ['engine adapter tokens/s (first → last token)', tps(engine), 'tok/s'],
    [
      'app tokens/s, first → last token on main thread',
      of(app, (r) => rate(r.tokens, r.lastTokenMs)),
      'tok/s',
    ],
    ['app decode rate inside the worker (result.timings)', workerRates, 'tok/s'],
    ['worker decode rate, no per-token callbacks (silent)', tps(silent), 'tok/s'],
    ['app tail: last token → final text rendered + stored', tail, 'ms'],
    ['app time to first token (call → main thread)', of(app, (r) => r.firstTokenMs), 'ms'],
    ['bare time to first token (call → callback)', of(bare, (r) => r.firstTokenMs), 'ms'],
    ['app stream time (first token → end)', of(app, (r) => r.streamMs), 'ms'],
    ['bare stream time (first token → last token)', of(bare, (r) => r.streamMs), 'ms'],
  ];
  for (const [label, values, unit] of rows) console.log(line(label, values, unit));
  const msPerToken = (rates: number[]): number => 1000 / median(rates);
  const overhead = msPerToken(tps(app)) - msPerToken(tps(bare));
  const perTokenApp = msPerToken(of(app, (r) => rate(r.tokens, r.lastTokenMs)));
  const callbackCost = msPerToken(workerRates) - msPerToken(tps(silent));
  console.log(
    `  per token: app ${(perTokenApp - msPerToken(tps(bare))).toFixed(3)} ms slower than bare ` +
      `while streaming; the per-token callback alone costs the worker ${callbackCost.toFixed(3)} ms ` +
      `(silent vs app); per answer: ${median(tail).toFixed(1)} ms tail; markdown renders: ` +
      `${median(of(app, (r) => r.renders))}`,
  );
  const perToken = overhead - median(tail) / Math.max(1, tokens - 1);
  console.log(
    `  projected ratio for a model that decodes 30 / 100 tok/s bare (same ms costs): ` +
      `${projected(30, tokens, perToken, median(tail))} / ${projected(100, tokens, perToken, median(tail))}`,
  );
  console.log(`  model install into OPFS (one-off): ${result.installMs.toFixed(1)} ms`);
  const all = PATHS.flatMap((path) => result.runs[path]);
  const ids = JSON.stringify(all[0]?.ids ?? []);
  const match = tokens > 0 && all.every((r) => JSON.stringify(r.ids) === ids);
  console.log(
    `  token ids ${match ? 'MATCH' : 'DIFFER'} across every run of every path (${tokens} ids); ` +
      `turns the app sent ${result.turnsMatch ? 'equal' : 'DIFFER from'} the others'`,
  );
  if (!match) {
    for (const path of PATHS) console.log(`    ${path}: ${result.runs[path][0]?.ids.join(',')}`);
  }
  const ratio = (a: StreamRun[]): string => (median(tps(a)) / median(tps(bare))).toFixed(3);
  console.log(`  ratio worker without callbacks ÷ bare: ${ratio(silent)}`);
  console.log(`  ratio engine adapter ÷ bare: ${ratio(engine)}`);
  console.log(`  ratio app ÷ bare (median tokens/s): ${ratio(app)} (target ≥ 0.95)`);
}

export async function chatStreamBench(): Promise<void> {
  await runBenchPage('chat stream', 'chat-stream.html', async (page) => {
    if (!(await page.evaluate(() => crossOriginIsolated))) {
      throw new Error('the bench page is not cross-origin isolated');
    }
    const result = await page.evaluate(
      ({ model, total }) =>
        (
          window as unknown as {
            runChatStreamBench: (m: string, total: number) => Promise<ChatStreamResult>;
          }
        ).runChatStreamBench(model, total),
      { model: MODEL, total: WARMUPS + ROUNDS },
    );
    report(result);
  });
}
