/**
 * Chat history in Chromium against the REAL app: how long a conversation of 10,000 messages
 * takes to appear (first message painted, last message at the bottom) ÷ reading the same rows
 * with raw IndexedDB (the cost of the data alone), 100 messages for contrast; and history
 * search over those messages through the sidebar's box, cold (the index is built from
 * IndexedDB) and warm, ÷ MiniSearch used directly (and ÷ MiniSearch with its hits painted as
 * plain list items). The app is built by this script into its own folder (never `dist/`) and
 * served by the relay; the bench module is injected into it. Figures go to
 * bench/results/chat-history.json.
 *
 * OMNIA_BENCH_APP_DIST=<folder> measures an app built elsewhere (say, of an earlier commit)
 * instead; OMNIA_BENCH_BEFORE_JSON=<file> puts such a run's JSON beside this one's as `before`.
 * OMNIA_BENCH_HISTORY_ROUNDS, OMNIA_BENCH_HISTORY_PARTS (open, search) and OMNIA_BENCH_PROFILE
 * (a folder for CPU profiles) tune a run.
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { openRecordingPage, startFixtureRelay, withPageErrors } from './bench-page.ts';
import { PROFILE_DIR, profiled } from './cpu-profile.ts';
import { launchBrowser } from '../tests/e2e/browser.ts';
import { seedDatabase } from '../tests/e2e/idb.ts';
import { BENCH_DIST, buildBenchPages } from './build-pages.ts';
import { percentile } from './chat-stream.bench.ts';
import type { ChatHistoryBenchApi, OpenTiming, SearchTiming } from './pages/chat-history-bench.ts';
import { median } from './stats.ts';
import { seedRows } from './chat-history-data.ts';

/** ChatSearchBox.svelte's debounce (the page watches the timer with this delay). */
const SEARCH_DEBOUNCE_MS = 150;
const APP_DIST = '.omnia-test/bench-app-dist';
const BUILT_APP = process.env['OMNIA_BENCH_APP_DIST'];
const OUT = process.env['OMNIA_BENCH_HISTORY_OUT'] ?? 'bench/results/chat-history.json';
const ROUNDS = Number(process.env['OMNIA_BENCH_HISTORY_ROUNDS'] ?? 5);
const SIZES = [10_000, 100] as const;
/** Which parts run: `open`, `search` or both (default); e.g. OMNIA_BENCH_HISTORY_PARTS=open. */
const PARTS = (process.env['OMNIA_BENCH_HISTORY_PARTS'] ?? 'open,search').split(',');
const COLD_QUERY = 'relatório';
// Different queries, in the spelling the text uses (bare MiniSearch folds no accents).
// prettier-ignore
const WARM_QUERIES = [
  'orçamento', 'reunião semana', 'coffee', 'turbina', 'invoice team', 'hipoteca', 'planning',
  'cidade livro', 'Lisboa', 'prazo cliente',
];

/** The app, built apart from `dist/` (or copied from OMNIA_BENCH_APP_DIST), with the bench module beside it (same origin). */
async function buildAppWithBench(): Promise<string> {
  if (BUILT_APP) {
    await rm(APP_DIST, { recursive: true, force: true });
    await cp(BUILT_APP, APP_DIST, { recursive: true });
  } else {
    // With source maps when profiling, so a profile's frames can be traced to the app's code.
    const sourcemap = Boolean(PROFILE_DIR);
    await build({ logLevel: 'error', build: { outDir: APP_DIST, emptyOutDir: true, sourcemap } });
  }
  await buildBenchPages();
  await cp(join(BENCH_DIST, 'assets'), join(APP_DIST, 'bench', 'assets'), {
    recursive: true,
    filter: (source) => !/\.(wasm|mjs)$/.test(source),
  });
  const html = await readFile(join(BENCH_DIST, 'chat-history.html'), 'utf8');
  const src = /<script[^>]+src="\.\/(assets\/chat-history[^"]+\.js)"/.exec(html)?.[1];
  if (!src) throw new Error('chat-history.html has no bench module');
  return `bench/${src}`;
}

type Api = ChatHistoryBenchApi;
function call<K extends keyof Api>(
  page: Page,
  name: K,
  ...args: Parameters<Api[K]>
): Promise<Awaited<ReturnType<Api[K]>>> {
  return page.evaluate(
    ({ name, args }) => {
      const api = (window as unknown as { chatHistoryBench: Record<string, unknown> })
        .chatHistoryBench;
      return (api[name] as (...a: unknown[]) => unknown)(...args);
    },
    { name, args },
  ) as Promise<Awaited<ReturnType<Api[K]>>>;
}

const ms = (values: readonly number[]): string =>
  `median ${median(values).toFixed(1)} ms, p90 ${percentile(values, 90).toFixed(1)} ms`;
const round = (value: number): number => Math.round(value * 10) / 10;

/** Reloads the app at #/chat (empty caches in the page) and loads the bench module into it. */
type Fresh = () => Promise<void>;

async function benchOpen(
  page: Page,
  fresh: Fresh,
  size: number,
  leafId: string,
): Promise<Record<string, number | string>> {
  const id = `bench-${size}`;
  const cold: OpenTiming[] = [];
  const again: OpenTiming[] = [];
  const bare: number[] = [];
  const read = async (): Promise<void> => {
    const { ms, rows } = await call(page, 'bareRead', id);
    if (rows !== size) throw new Error(`raw read found ${rows} rows, not ${size}`);
    bare.push(ms);
  };
  for (let i = 0; i < ROUNDS; i++) {
    await fresh();
    if (i % 2 === 1) await read();
    cold.push(await call(page, 'openConversation', id, leafId));
    again.push(await call(page, 'openConversation', id, leafId));
    if (i % 2 === 0) await read();
  }
  const pick = (runs: OpenTiming[], f: (t: OpenTiming) => number): string => ms(runs.map(f));
  const onScreen = cold.filter((t) => t.lastInFirstPaint).length;
  console.log(`${size} messages, ${ROUNDS} rounds (each in a freshly loaded page), interleaved:`);
  console.log('  app, first open in the page: #/chat → #/chat/<id>');
  console.log(`    first message in the DOM            ${pick(cold, (t) => t.domMs)}`);
  console.log(`    first message painted (2 frames)    ${pick(cold, (t) => t.firstPaintMs)}`);
  console.log(`    last message visible at the bottom  ${pick(cold, (t) => t.lastVisibleMs)}`);
  console.log(
    `    last message already on screen in the first painted frame: ${onScreen}/${ROUNDS}`,
  );
  console.log('  app, opened again at once (what the first open still reads may be running)');
  console.log(`    first message painted (2 frames)    ${pick(again, (t) => t.firstPaintMs)}`);
  console.log(`    last message visible at the bottom  ${pick(again, (t) => t.lastVisibleMs)}`);
  console.log(`  bare: raw IndexedDB getAll, ${size} rows  ${ms(bare)}`);
  const ratio = (f: (t: OpenTiming) => number): number => median(cold.map(f)) / median(bare);
  console.log(
    `  ratio app (first open) ÷ bare read: in the DOM ${ratio((t) => t.domMs).toFixed(2)}, ` +
      `first paint ${ratio((t) => t.firstPaintMs).toFixed(2)}, ` +
      `last message visible ${ratio((t) => t.lastVisibleMs).toFixed(2)}`,
  );
  const med = (runs: OpenTiming[], f: (t: OpenTiming) => number): number =>
    round(median(runs.map(f)));
  return {
    firstInDomMs: med(cold, (t) => t.domMs),
    firstPaintedMs: med(cold, (t) => t.firstPaintMs),
    lastVisibleMs: med(cold, (t) => t.lastVisibleMs),
    lastOnScreenInFirstFrame: `${onScreen}/${ROUNDS}`,
    openedAgainFirstPaintedMs: med(again, (t) => t.firstPaintMs),
    openedAgainLastVisibleMs: med(again, (t) => t.lastVisibleMs),
    bareGetAllMs: round(median(bare)),
    ratioFirstPaintedToBareRead: round(ratio((t) => t.firstPaintMs) * 100) / 100,
  };
}

async function benchSearch(page: Page, total: number): Promise<Record<string, number>> {
  await call(page, 'leave');
  const cold = await profiled(page, 'chat-search-cold', () => call(page, 'search', COLD_QUERY));
  const warm: SearchTiming[] = [];
  await profiled(page, 'chat-search-warm', async () => {
    for (const query of WARM_QUERIES) warm.push(await call(page, 'search', query));
  });
  const setup = await call(page, 'bareSearchSetup');
  if (setup.count !== total) throw new Error(`bare index has ${setup.count} messages`);
  const bareCold = await call(page, 'bareSearch', COLD_QUERY, false);
  const bare: { ms: number; hits: number }[] = [];
  const appLike: number[] = [];
  const barePainted: number[] = [];
  for (const query of WARM_QUERIES) bare.push(await call(page, 'bareSearch', query, false));
  for (const query of WARM_QUERIES) appLike.push((await call(page, 'bareSearch', query, true)).ms);
  for (const query of WARM_QUERIES) {
    barePainted.push((await call(page, 'barePainted', query)).paintedMs);
  }
  const bareMs = bare.map((r) => r.ms);
  const bareColdMs = setup.readMs + setup.buildMs + bareCold.ms;
  const painted = warm.map((t) => t.afterDebounceMs);
  const inDom = warm.map((t) => t.domAfterDebounceMs);
  console.log(`history search over ${total} messages, typed into the sidebar's search box:`);
  console.log(
    `  timed from the box's ${SEARCH_DEBOUNCE_MS} ms debounce timer firing (so the debounce and ` +
      'its timer lateness are NOT counted) to the first result in the DOM / painted (2 frames)',
  );
  console.log(
    `  app cold "${COLD_QUERY}" (index built from IndexedDB): in the DOM ` +
      `${cold.domAfterDebounceMs.toFixed(1)} ms, painted ${cold.afterDebounceMs.toFixed(1)} ms ` +
      `(from the keystroke, debounce included: ${cold.totalMs.toFixed(1)} ms)`,
  );
  console.log(
    `  bare cold: raw getAll ${setup.readMs.toFixed(1)} ms + MiniSearch addAll ` +
      `${setup.buildMs.toFixed(1)} ms + search ${bareCold.ms.toFixed(1)} ms = ${bareColdMs.toFixed(1)} ms`,
  );
  console.log(`  app warm, ${warm.length} different queries, in the DOM   ${ms(inDom)}`);
  console.log(`  app warm, painted                             ${ms(painted)}`);
  console.log(`  app warm, from the keystroke (debounce incl.) ${ms(warm.map((t) => t.totalMs))}`);
  console.log(`  bare MiniSearch, default options, same queries ${ms(bareMs)}`);
  console.log(`  bare MiniSearch, the app's options (AND, prefix, fuzzy) ${ms(appLike)}`);
  console.log(`  bare MiniSearch (app's options) + 50 plain <li>, painted ${ms(barePainted)}`);
  console.log(
    `  hits per query: app shows ${warm.map((t) => t.results).join('/')} (it keeps 50); ` +
      `bare finds ${bare.map((r) => r.hits).join('/')}`,
  );
  const r = (a: number[], b: number[]): number => median(a) / median(b);
  console.log(
    `  ratio app ÷ bare, cold: ${(cold.afterDebounceMs / bareColdMs).toFixed(2)}; ` +
      `warm: in the DOM ${r(inDom, bareMs).toFixed(1)}, painted ${r(painted, bareMs).toFixed(1)} ` +
      `(÷ bare painted as plain list items: ${r(painted, barePainted).toFixed(2)})`,
  );
  return {
    coldPaintedMs: round(cold.afterDebounceMs),
    bareColdMs: round(bareColdMs),
    warmInDomMs: round(median(inDom)),
    warmPaintedMs: round(median(painted)),
    bareSearchMs: round(median(bareMs)),
    bareAppOptionsMs: round(median(appLike)),
    barePaintedMs: round(median(barePainted)),
    ratioColdToBare: round((cold.afterDebounceMs / bareColdMs) * 100) / 100,
    ratioWarmInDomToBare: round(r(inDom, bareMs) * 100) / 100,
    ratioWarmPaintedToBare: round(r(painted, bareMs) * 100) / 100,
    ratioWarmPaintedToBarePainted: round(r(painted, barePainted) * 100) / 100,
  };
}

async function writeResults(results: Record<string, unknown>): Promise<void> {
  const beforeFile = process.env['OMNIA_BENCH_BEFORE_JSON'];
  const before: unknown = beforeFile ? JSON.parse(await readFile(beforeFile, 'utf8')) : undefined;
  const summary = { measured: new Date().toISOString(), ...results, ...(before ? { before } : {}) };
  await mkdir('bench/results', { recursive: true });
  await writeFile(OUT, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`  wrote ${OUT}`);
}

export async function chatHistoryBench(): Promise<void> {
  const module = await buildAppWithBench();
  const relay = await startFixtureRelay(APP_DIST);
  const browser = await launchBrowser({ webgpu: false });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, errors } = await openRecordingPage(context);
  const results: Record<string, unknown> = {
    app: BUILT_APP ?? 'this checkout',
    rounds: ROUNDS,
    open: {},
  };
  try {
    await page.goto(`${relay.url}#/chat`);
    await page.waitForSelector('[data-testid="chat-sidebar"]');
    const now = Date.now();
    const seeds = SIZES.map((size) => seedRows(size, now));
    await seedDatabase(page, {
      conversations: seeds.map((s) => s.conversation),
      messages: seeds.flatMap((s) => s.messages),
    });
    const fresh = async (): Promise<void> => {
      // Reloaded at #/chat: reloading #/chat/<id> would read that conversation at start-up.
      await page.evaluate(() => (location.hash = '#/chat'));
      await page.reload({ waitUntil: 'networkidle' });
      await page.waitForSelector('[data-testid="chat-sidebar"]');
      await page.addScriptTag({ url: `${relay.url}${module}`, type: 'module' });
      await page.waitForFunction(() => 'chatHistoryBench' in window);
    };
    const open = results['open'] as Record<string, unknown>;
    for (const seed of PARTS.includes('open') ? seeds : []) {
      const size = seed.messages.length;
      open[size] = await benchOpen(page, fresh, size, seed.conversation.leafId!);
    }
    if (PROFILE_DIR && PARTS.includes('open')) {
      const [big] = seeds;
      await fresh();
      await profiled(page, 'chat-open-10k', () =>
        call(page, 'openConversation', big!.conversation.id, big!.conversation.leafId!),
      );
    }
    if (PARTS.includes('search')) {
      await fresh();
      const total = seeds.reduce((sum, s) => sum + s.messages.length, 0);
      results['search'] = await benchSearch(page, total);
    }
    await writeResults(results);
  } catch (error) {
    throw withPageErrors('chat history', error, errors);
  } finally {
    await context.close();
    await browser.close();
    await relay.close();
  }
}
