/**
 * Chat streaming overhead in Chromium (WASM): tokens/s of a whole answer through the app
 * (inference worker, tokens in batches, storage, markdown rendering by the view's flusher) ÷
 * tokens/s of bare transformers.js generating the same tokens on the page's main thread. Also
 * prints the worker's own decode rate, so the reader sees whether a gap comes from the engine
 * or from the way tokens travel and are shown. The fixture decodes ~3,000 tokens/s, so that
 * ratio mostly weighs fixed costs; at realistic speed a PACED STAND-IN (not a model) replays
 * its tokens at 30 and 100 tokens/s through the app's path and a bare callback. Goals: ≥ 0.9
 * with the fixture, ≥ 0.97 at realistic speed. The app's tail (last token → final text shown
 * and stored) is split into its parts; beside the ratio of medians it prints the median of each
 * round's own app ÷ bare, and the ratio to the final text rendered (before its write ends).
 * Figures, with the machine's load, go to bench/results/chat-stream.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { runBenchPage } from './bench-page.ts';
import { profiled } from './cpu-profile.ts';
import type { ChatStreamResult, PathName, StreamRun } from './pages/chat-stream-bench.ts';
import { PACED_RATES } from './pages/stream-run.ts';
import { median } from './stats.ts';

const ROUNDS = Number(process.env['OMNIA_BENCH_CHAT_ROUNDS'] ?? 20);
/** Rounds per paced rate (after one warm-up); 0 skips the paced stand-in. */
const PACED_ROUNDS = Number(process.env['OMNIA_BENCH_CHAT_PACED_ROUNDS'] ?? 5);
const OUT = 'bench/results/chat-stream.json';
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
function rateOf(tokens: number, ms: number): number {
  return ms > 0 && tokens > 1 ? ((tokens - 1) * 1000) / ms : Number.NaN;
}

function line(label: string, values: readonly number[], unit: string): string {
  const f = (v: number): string => v.toFixed(1);
  return `  ${label.padEnd(52)} median ${f(median(values))} ${unit}, p90 ${f(percentile(values, 90))} ${unit}`;
}

const LEGEND = [
  'app:    runAnswer → inference WORKER (tokens in batches) → IndexedDB saves → markdown',
  "        re-rendered by the view's frame flusher → final text from the stored answer",
  'silent: the same worker call without per-token callbacks (worker-side timings)',
  "engine: the app's transformers.js adapter called on the page MAIN THREAD (no worker)",
  'bare:   transformers.js + TextStreamer on the page MAIN THREAD, no storage, no DOM',
];

/** What the measured costs would give for a model that decodes `bareRate` tokens/s. */
function projected(bareRate: number, tokens: number, perTokenMs: number, tailMs: number): string {
  const bareMs = ((tokens - 1) * 1000) / bareRate;
  return (bareMs / (bareMs + (tokens - 1) * perTokenMs + tailMs)).toFixed(3);
}

function report(result: ChatStreamResult): Record<string, number | boolean> {
  const [app, silent, engine, bare] = PATHS.map((path) => result.runs[path].slice(WARMUPS)) as [
    StreamRun[],
    StreamRun[],
    StreamRun[],
    StreamRun[],
  ];
  const of = (runs: StreamRun[], f: (r: StreamRun) => number): number[] => runs.map(f);
  const tps = (runs: StreamRun[]): number[] => of(runs, (r) => rateOf(r.tokens, r.streamMs));
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
      of(app, (r) => rateOf(r.tokens, r.lastTokenMs)),
      'tok/s',
    ],
    ['app decode rate inside the worker (result.timings)', workerRates, 'tok/s'],
    ['worker decode rate, no per-token callbacks (silent)', tps(silent), 'tok/s'],
    ['app tail: last token → final text rendered + stored', tail, 'ms'],
    [
      '  of which last token → result on main thread',
      of(app, (r) => (r.generatedMs ?? Number.NaN) - r.lastTokenMs),
      'ms',
    ],
    [
      '  of which final render',
      of(app, (r) => (r.renderedMs ?? Number.NaN) - (r.generatedMs ?? Number.NaN)),
      'ms',
    ],
    [
      '  of which storing the finished answer',
      of(app, (r) => r.streamMs - (r.renderedMs ?? Number.NaN)),
      'ms',
    ],
    ['app time to first token (call → main thread)', of(app, (r) => r.firstTokenMs), 'ms'],
    ['bare time to first token (call → callback)', of(bare, (r) => r.firstTokenMs), 'ms'],
    ['app stream time (first token → end)', of(app, (r) => r.streamMs), 'ms'],
    ['bare stream time (first token → last token)', of(bare, (r) => r.streamMs), 'ms'],
  ];
  for (const [label, values, unit] of rows) console.log(line(label, values, unit));
  const msPerToken = (rates: number[]): number => 1000 / median(rates);
  const overhead = msPerToken(tps(app)) - msPerToken(tps(bare));
  const perTokenApp = msPerToken(of(app, (r) => rateOf(r.tokens, r.lastTokenMs)));
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
  const ratio = (a: StreamRun[]): number => median(tps(a)) / median(tps(bare));
  console.log(`  ratio worker without callbacks ÷ bare: ${ratio(silent).toFixed(3)}`);
  console.log(`  ratio engine adapter ÷ bare: ${ratio(engine).toFixed(3)}`);
  // Each round runs every path back to back: a round's app ÷ its bare cancels the machine's
  // slower drifts (other work on two cores), which the ratio of medians does not.
  const bareRates = tps(bare);
  const paired = median(tps(app).map((rate, i) => rate / (bareRates[i] ?? Number.NaN)));
  // To the final text on screen, before its write to storage ends.
  const renderedTps = of(app, (r) => rateOf(r.tokens, r.renderedMs ?? Number.NaN));
  const toRendered = median(renderedTps) / median(tps(bare));
  console.log(`  ratio app ÷ bare (median tokens/s): ${ratio(app).toFixed(3)} (goal ≥ 0.9)`);
  console.log(
    `  ratio app ÷ bare, median of the rounds' own ratios: ${paired.toFixed(3)}; ` +
      `to the final text rendered (before it is stored): ${toRendered.toFixed(3)}`,
  );
  const r3 = (value: number): number => Math.round(value * 1000) / 1000;
  return {
    tokens,
    appTokensPerSecond: r3(median(tps(app))),
    bareTokensPerSecond: r3(median(tps(bare))),
    appTailMs: r3(median(tail)),
    workerCallbackCostMsPerToken: r3(callbackCost),
    markdownRenders: median(of(app, (r) => r.renders)),
    tokenIdsMatch: match,
    ratioSilentToBare: r3(ratio(silent)),
    ratioEngineToBare: r3(ratio(engine)),
    ratioAppToBare: r3(ratio(app)),
    ratioAppToBarePairedMedian: r3(paired),
    ratioAppRenderedToBare: r3(toRendered),
  };
}

/** The paced stand-in at each rate: app ÷ bare on the same replayed tokens. */
function reportPaced(result: ChatStreamResult): Record<string, Record<string, number>> {
  const summary: Record<string, Record<string, number>> = {};
  for (const rate of PACED_RATES) {
    const runs = result.paced[rate];
    if (!runs) continue;
    const [app, bare] = [runs.app.slice(1), runs.bare.slice(1)];
    const tps = (list: StreamRun[]): number[] => list.map((r) => rateOf(r.tokens, r.streamMs));
    const tail = app.map((r) => r.streamMs - r.lastTokenMs);
    const ratio = median(tps(app)) / median(tps(bare));
    console.log(
      `  ${rate} tok/s: app ${median(tps(app)).toFixed(2)} tok/s (tail ${median(tail).toFixed(1)} ms, ` +
        `${median(app.map((r) => r.renders))} markdown renders), bare ${median(tps(bare)).toFixed(2)} ` +
        `tok/s, ${app.length} rounds each → ratio app ÷ bare ${ratio.toFixed(3)} (goal ≥ 0.97)`,
    );
    summary[rate] = {
      appTokensPerSecond: Math.round(median(tps(app)) * 100) / 100,
      bareTokensPerSecond: Math.round(median(tps(bare)) * 100) / 100,
      appTailMs: Math.round(median(tail) * 10) / 10,
      ratioAppToBare: Math.round(ratio * 1000) / 1000,
    };
  }
  return summary;
}

export async function chatStreamBench(): Promise<void> {
  // Other work on a two-core machine moves every figure: the load goes with the results.
  const loadBefore = loadavg()[0] ?? Number.NaN;
  await runBenchPage('chat stream', 'chat-stream.html', async (page) => {
    if (!(await page.evaluate(() => crossOriginIsolated))) {
      throw new Error('the bench page is not cross-origin isolated');
    }
    const result = await profiled(page, 'chat-stream', () =>
      page.evaluate(
        ({ model, total, paced }) =>
          (
            window as unknown as {
              runChatStreamBench: (
                m: string,
                total: number,
                paced: number,
              ) => Promise<ChatStreamResult>;
            }
          ).runChatStreamBench(model, total, paced),
        { model: MODEL, total: WARMUPS + ROUNDS, paced: PACED_ROUNDS },
      ),
    );
    const fixture = report(result);
    console.log(
      'realistic speed: a PACED STAND-IN (not a model) replays the fixture answer above, ' +
        "one token per 1000/rate ms on the page's main thread; app = the same path as above",
    );
    const paced = reportPaced(result);
    const summary = {
      measured: new Date().toISOString(),
      loadAverage1m: { start: loadBefore, end: loadavg()[0] ?? Number.NaN },
      model: MODEL,
      rounds: ROUNDS,
      fixture,
      paced,
    };
    await mkdir('bench/results', { recursive: true });
    await writeFile(OUT, `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`  wrote ${OUT}`);
  });
}
