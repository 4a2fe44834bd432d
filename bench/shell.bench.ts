/**
 * The light shell: how much JavaScript index.html loads (gzipped: the entry and the chunks it
 * preloads), what the service worker precaches, and how long a cached start takes in headless
 * Chromium, from navigation to interactive (the app mounted: `html[data-ready]`, with the first
 * view on screen), offline so every byte comes from the service worker. Each run is a new tab
 * in a profile where the app is installed; runs alternate the home page and the chat (the view
 * with the most code), and alternate builds when a before-build is given, so a busy moment of
 * the machine falls on each alike. Compared with a bare page (one tiny module script, from the HTTP cache,
 * in the same browser): the ratio is what the app's start costs over the browser's own.
 * Each start is timed on the plain CPU and with Chromium's CPU throttled 4× (a mid-range phone,
 * where parsing and compiling JavaScript weighs more). Prints the figures and writes
 * bench/results/shell.json.
 * Knobs: OMNIA_BENCH_SHELL_RUNS (default 7), OMNIA_BENCH_SHELL_CPU (slowdowns, default '1,4'), OMNIA_BENCH_DIST (a build to measure; default:
 * this script builds the app into its own folder), OMNIA_BENCH_BEFORE_DIST (a build of the code
 * before a change: measured the same way and compared).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from 'playwright-core';
import { format, resolveConfig } from 'prettier';
import { build } from 'vite';
import { startRelay } from '../src/relay/start.ts';
import { launchBrowser } from '../tests/e2e/browser.ts';
import { ENTRY_BUDGET_GZIP_BYTES } from '../scripts/vite/entry-budget.ts';
import { describeMs, median } from './stats.ts';

const RUNS = Number(process.env['OMNIA_BENCH_SHELL_RUNS'] ?? 7);
const APP_DIST = '.omnia-test/bench-shell-dist';
/** The goal for a cached start (issue 15). */
const START_GOAL_MS = 1000;
const ROUTES = { home: '', chat: '#/chat' } as const;
type RouteName = keyof typeof ROUTES;
/** CPU slowdowns (CDP Emulation.setCPUThrottlingRate); 1 is the machine as it is. */
const SLOWDOWNS = (process.env['OMNIA_BENCH_SHELL_CPU'] ?? '1,4').split(',').map(Number);
/** Per slowdown, per view. */
type Starts = Map<number, Record<RouteName, StartRun[]>>;

interface StartRun {
  /** Navigation start → `html[data-ready="true"]`. */
  readyMs: number;
  /** Navigation start → first contentful paint, when the browser reported one by then. */
  fcpMs: number | null;
  /** JavaScript the tab had fetched by then, uncompressed (module scripts and preloads). */
  scriptBytes: number;
}

interface BuildSizes {
  entryGzipBytes: number;
  entryChunks: { file: string; gzipBytes: number }[];
  precache: { entries: number; bytes: number };
  largestChunks: { file: string; gzipBytes: number }[];
}

interface BuildResult extends BuildSizes {
  dist: string;
  start: Starts;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const gzipBytes = (path: string): number => gzipSync(readFileSync(path)).length;

/** index.html's module script and modulepreloads: what loads before the first view. */
function sizesOf(dist: string): BuildSizes {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [
    // Module and classic scripts alike (the route preload script is a classic one).
    ...html.matchAll(/<script\b[^>]*\bsrc="\.?\/?([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\.?\/?([^"]+\.js)"/g),
  ].map((m) => m[1]!);
  const entryChunks = [...new Set(files)].map((file) => ({
    file,
    gzipBytes: gzipBytes(join(dist, file)),
  }));
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  const urls = [...new Set([...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]!))];
  const precacheBytes = urls.reduce((sum, url) => sum + readFileSync(join(dist, url)).length, 0);
  const largestChunks = readdirSync(join(dist, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ file: `assets/${name}`, gzipBytes: gzipBytes(join(dist, 'assets', name)) }))
    .sort((a, b) => b.gzipBytes - a.gzipBytes)
    .slice(0, 8);
  return {
    entryGzipBytes: entryChunks.reduce((sum, c) => sum + c.gzipBytes, 0),
    entryChunks,
    precache: { entries: urls.length, bytes: precacheBytes },
    largestChunks,
  };
}

/** Records when the app says it is ready, before any of its scripts run. */
const READY_PROBE = `
  new MutationObserver((_, observer) => {
    if (document.documentElement.dataset.ready === 'true') {
      window.__benchReadyMs = performance.now();
      observer.disconnect();
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
`;

async function timedStart(
  context: BrowserContext,
  url: string,
  slowdown: number,
): Promise<StartRun> {
  const page = await context.newPage();
  try {
    if (slowdown !== 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    }
    await page.goto(url);
    await page.waitForFunction(() => '__benchReadyMs' in window);
    return await page.evaluate(() => {
      const readyMs = (window as unknown as { __benchReadyMs: number }).__benchReadyMs;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const scriptBytes = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => e.startTime <= readyMs && /\.m?js(\?|$)/.test(e.name))
        .reduce((sum, e) => sum + e.decodedBodySize, 0);
      return {
        readyMs,
        fcpMs: fcp && fcp.startTime <= readyMs ? fcp.startTime : null,
        scriptBytes,
      };
    });
  } finally {
    await page.close();
  }
}

/** Installs the app (service worker active and controlling), then goes offline. */
async function installed(browser: Browser, url: string): Promise<BrowserContext> {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  await context.addInitScript(READY_PROBE);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The precache is complete once the worker is active; a reload puts the page under it.
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.close();
  await context.setOffline(true);
  return context;
}

interface Target {
  label: string;
  url: string;
  context: BrowserContext;
  close(): Promise<void>;
}

/** A build served by its own relay (its own origin), installed and offline. */
async function appTarget(browser: Browser, label: string, dist: string): Promise<Target> {
  const relay = await startRelay({ dist, port: 0 });
  const context = await installed(browser, relay.url);
  return {
    label,
    url: relay.url,
    context,
    close: async () => {
      await context.close();
      await relay.close();
    },
  };
}

/** The floor: a page whose only script marks it ready, served from the HTTP cache. */
async function bareTarget(browser: Browser): Promise<Target> {
  const root = mkdtempSync(join(tmpdir(), 'omnia-bare-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare</title>' +
      '<script type="module" src="./assets/bare-0000.js"></script></head>' +
      '<body><h1>Bare</h1></body></html>',
  );
  writeFileSync(
    join(root, 'assets', 'bare-0000.js'),
    "document.documentElement.dataset.ready = 'true';\n",
  );
  const relay = await startRelay({ dist: root, port: 0 });
  const context = await browser.newContext();
  await context.addInitScript(READY_PROBE);
  return {
    label: 'bare',
    url: relay.url,
    context,
    close: async () => {
      await context.close();
      await relay.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

const readyOf = (runs: readonly StartRun[]): number[] => runs.map((r) => r.readyMs);
const medianReady = (runs: readonly StartRun[]): number => median(readyOf(runs));

function printBuild(label: string, result: BuildResult): void {
  console.log(`${label} (${result.dist}):`);
  console.log(
    `  entry JavaScript: ${kb(result.entryGzipBytes)} gzipped in ${result.entryChunks.length} ` +
      `chunk(s) (budget ${kb(ENTRY_BUDGET_GZIP_BYTES)})`,
  );
  for (const c of result.entryChunks) console.log(`    ${c.file}: ${kb(c.gzipBytes)}`);
  console.log(
    `  precache: ${result.precache.entries} entries, ${kb(result.precache.bytes)} uncompressed`,
  );
  console.log('  largest chunks (gzipped):');
  for (const c of result.largestChunks) console.log(`    ${c.file}: ${kb(c.gzipBytes)}`);
  for (const [slowdown, byRoute] of result.start) {
    for (const name of Object.keys(ROUTES) as RouteName[]) {
      const runs = byRoute[name];
      console.log(
        `  cached start → interactive, ${name}, CPU ${slowdown}× slower: ` +
          `${describeMs(readyOf(runs))}; JavaScript fetched ` +
          `${kb(median(runs.map((r) => r.scriptBytes)))} uncompressed`,
      );
    }
  }
}

function routeSummary(runs: readonly StartRun[]): Record<string, unknown> {
  const fcps = runs.map((r) => r.fcpMs).filter((v): v is number => v !== null);
  return {
    medianReadyMs: medianReady(runs),
    readyMs: readyOf(runs),
    medianFirstContentfulPaintMs: fcps.length > 0 ? median(fcps) : null,
    medianScriptBytes: median(runs.map((r) => r.scriptBytes)),
  };
}

function summary(result: BuildResult): Record<string, unknown> {
  return {
    dist: result.dist,
    entryGzipBytes: result.entryGzipBytes,
    entryChunks: result.entryChunks,
    precache: result.precache,
    largestChunks: result.largestChunks,
    cachedStart: Object.fromEntries(
      [...result.start].map(([slowdown, byRoute]) => [
        `cpu${slowdown}x`,
        { home: routeSummary(byRoute.home), chat: routeSummary(byRoute.chat) },
      ]),
    ),
  };
}

export async function shellBench(): Promise<void> {
  let dist = process.env['OMNIA_BENCH_DIST'];
  if (!dist) {
    await build({ logLevel: 'error', build: { outDir: APP_DIST, emptyOutDir: true } });
    dist = APP_DIST;
  }
  const beforeDist = process.env['OMNIA_BENCH_BEFORE_DIST'];
  const browser = await launchBrowser({ webgpu: false });
  const targets: Target[] = [];
  try {
    const app = await appTarget(browser, 'app', dist);
    targets.push(app);
    const beforeTarget = beforeDist ? await appTarget(browser, 'before', beforeDist) : undefined;
    if (beforeTarget) targets.push(beforeTarget);
    const bareSite = await bareTarget(browser);
    targets.push(bareSite);
    const starts = new Map<Target, Starts>(
      targets.map((t) => [t, new Map(SLOWDOWNS.map((x) => [x, { home: [], chat: [] }]))]),
    );
    const routesOf = (t: Target): [RouteName, string][] =>
      t === bareSite ? [['home', '']] : (Object.entries(ROUTES) as [RouteName, string][]);
    // One untimed start of each: the first tab after install compiles what later ones reuse.
    for (const t of targets) {
      for (const [, route] of routesOf(t)) await timedStart(t.context, t.url + route, 1);
    }
    // Interleaved, so a busy moment of the machine falls on every build alike.
    for (let i = 0; i < RUNS; i++) {
      for (const slowdown of SLOWDOWNS) {
        for (const t of targets) {
          for (const [name, route] of routesOf(t)) {
            const run = await timedStart(t.context, t.url + route, slowdown);
            starts.get(t)!.get(slowdown)![name].push(run);
          }
        }
      }
    }
    const after: BuildResult = { dist, ...sizesOf(dist), start: starts.get(app)! };
    const before: BuildResult | undefined =
      beforeTarget && beforeDist
        ? { dist: beforeDist, ...sizesOf(beforeDist), start: starts.get(beforeTarget)! }
        : undefined;
    const bare = starts.get(bareSite)!;
    console.log(`shell: ${RUNS} cached starts per view (medians), offline from the precache`);
    printBuild('app', after);
    if (before) printBuild('before', before);
    for (const slowdown of SLOWDOWNS) {
      const bareRuns = bare.get(slowdown)!.home;
      const bareMs = medianReady(bareRuns);
      const appRuns = after.start.get(slowdown)!;
      console.log(`CPU ${slowdown}× slower:`);
      console.log(`  bare page (one module script, HTTP cache): ${describeMs(readyOf(bareRuns))}`);
      console.log(
        `  ratio app ÷ bare page: home ${(medianReady(appRuns.home) / bareMs).toFixed(2)}, ` +
          `chat ${(medianReady(appRuns.chat) / bareMs).toFixed(2)}`,
      );
      if (before) {
        const beforeRuns = before.start.get(slowdown)!;
        const ratio = (name: RouteName): string =>
          (medianReady(appRuns[name]) / medianReady(beforeRuns[name])).toFixed(2);
        console.log(
          `  ratio app ÷ before, cached start: home ${ratio('home')}, chat ${ratio('chat')}`,
        );
      }
    }
    if (before) {
      console.log(
        `ratio app ÷ before, entry gzip: ${(after.entryGzipBytes / before.entryGzipBytes).toFixed(2)}`,
      );
    }
    const plain = after.start.get(1) ?? after.start.get(SLOWDOWNS[0]!)!;
    const worst = Math.max(medianReady(plain.home), medianReady(plain.chat));
    const met = after.entryGzipBytes <= ENTRY_BUDGET_GZIP_BYTES && worst <= START_GOAL_MS;
    console.log(
      `goal (entry ≤ ${kb(ENTRY_BUDGET_GZIP_BYTES)}, cached start ≤ ${START_GOAL_MS} ms on this ` +
        `machine's CPU): ${met ? 'met' : 'NOT met'}`,
    );
    mkdirSync('bench/results', { recursive: true });
    const result = {
      measured: new Date().toISOString(),
      runs: RUNS,
      goal: { entryGzipBytes: ENTRY_BUDGET_GZIP_BYTES, cachedStartMs: START_GOAL_MS, met },
      app: summary(after),
      ...(before ? { before: summary(before) } : {}),
      bare: Object.fromEntries(SLOWDOWNS.map((x) => [`cpu${x}x`, routeSummary(bare.get(x)!.home)])),
    };
    // Milliseconds to a tenth; written as the repository's formatter would write it.
    const json = JSON.stringify(result, (_key, value: unknown) =>
      typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 10) / 10 : value,
    );
    const path = 'bench/results/shell.json';
    const options = (await resolveConfig(path)) ?? {};
    writeFileSync(path, await format(json, { ...options, filepath: path }));
    console.log(`wrote ${path}`);
  } finally {
    for (const t of targets) await t.close();
    await browser.close();
  }
}
