/**
 * Does an add cost more as the Library grows? The app's real path in Chromium (WASM): a small
 * text file (2–4 KB) added through the Library's file input, timed from the input until its row
 * says "ready", with the Library already holding N documents (seeded straight into IndexedDB,
 * two passages each, then loaded once by the library worker). Keyword only, and with the
 * fixture embedder installed (its vectors seeded too). The figure that matters is the ratio
 * of the per-add time at the largest size to the smallest: 1.0 means adds do not grow.
 * Knobs: OMNIA_BENCH_GROWTH_SIZES (default 10,100,500,1000), OMNIA_BENCH_GROWTH_ADDS (default
 * 12), OMNIA_BENCH_GROWTH_MODES (default keyword,embedder), OMNIA_BENCH_DIST (the build, default
 * dist), OMNIA_BENCH_BEFORE_DIST (a build of the code before a change: measured the same way and
 * compared), OMNIA_BENCH_PROFILE (a folder: CPU profiles of the page over the timed adds).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startRelay } from '../src/relay/start.ts';
import { launchBrowser } from '../tests/e2e/browser.ts';
import { card, openModelsWithRelay, waitForStatus } from '../tests/e2e/models-helpers.ts';
import { profiled } from './cpu-profile.ts';
import { growthFiles, seedLibrary } from './ingest-growth-data.ts';
import { median } from './stats.ts';

const SIZES = (process.env['OMNIA_BENCH_GROWTH_SIZES'] ?? '10,100,500,1000').split(',').map(Number);
const ADDS = Number(process.env['OMNIA_BENCH_GROWTH_ADDS'] ?? 12);
const EMBEDDER = 'omnia-fixture-embedder';
const ALL_MODES = ['keyword', 'embedder'] as const;
type Mode = (typeof ALL_MODES)[number];
const MODES = ALL_MODES.filter((m) =>
  (process.env['OMNIA_BENCH_GROWTH_MODES'] ?? ALL_MODES.join(',')).split(',').includes(m),
);

/** Per-add milliseconds (median of ADDS adds) by mode and library size. */
type BuildResult = Record<Mode, Record<string, number>>;

async function waitReady(page: Page, name: string): Promise<void> {
  await page.waitForFunction(
    (n) =>
      [...document.querySelectorAll('[data-testid="library-doc"]')].some(
        (row) =>
          row.querySelector('[data-testid="library-doc-name"]')?.textContent === n &&
          ['ready', 'failed'].includes(row.getAttribute('data-status') ?? ''),
      ),
    name,
    { polling: 'raf', timeout: 120_000 },
  );
}

/** One library size: a fresh profile, seeded, warmed by one add, then ADDS timed adds. */
async function measure(
  browser: Browser,
  appUrl: string,
  mode: Mode,
  size: number,
  files: string[],
): Promise<number[]> {
  const context = await browser.newContext();
  // tsx compiles this file with esbuild's keepNames, which wraps functions in __name(); the
  // functions handed to page.evaluate run in the page, where __name does not exist.
  await context.addInitScript('globalThis.__name = (f) => f;');
  const page = await context.newPage();
  try {
    await page.goto(`${appUrl}#/library`);
    await page.waitForSelector('html[data-ready="true"]');
    if (mode === 'embedder') {
      await openModelsWithRelay(page, appUrl);
      await card(page, EMBEDDER).getByTestId('model-install').click();
      await waitForStatus(page, EMBEDDER, 'installed');
      await page.goto(`${appUrl}#/library`);
    }
    await page.getByTestId('library-view').waitFor();
    await seedLibrary(page, size, mode === 'embedder' ? EMBEDDER : null);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    const [warm, ...timed] = files.slice(0, ADDS + 1);
    const input = page.getByTestId('library-file-input');
    await input.setInputFiles(warm!);
    await waitReady(page, warm!.split('/').pop()!);
    const times: number[] = [];
    // With OMNIA_BENCH_PROFILE, the page's main thread is profiled over the timed adds.
    await profiled(page, `ingest-growth-${mode}-${size}`, async () => {
      for (const file of timed) {
        const started = performance.now();
        await input.setInputFiles(file);
        await waitReady(page, file.split('/').pop()!);
        times.push(performance.now() - started);
      }
    });
    return times;
  } finally {
    await context.close();
  }
}

async function measureBuild(dist: string, files: string[]): Promise<BuildResult> {
  const relay = await startRelay({
    dist,
    port: 0,
    models: { dir: ['tests/fixtures/models', 'node_modules'], upstreams: [] },
  });
  const browser = await launchBrowser({ webgpu: false });
  const result: BuildResult = { keyword: {}, embedder: {} };
  try {
    for (const mode of MODES) {
      for (const size of SIZES) {
        const times = await measure(browser, relay.url, mode, size, files);
        result[mode][String(size)] = median(times);
        console.log(
          `  ${dist.padEnd(18)} ${mode.padEnd(8)} ${String(size).padStart(5)} documents: ` +
            `${median(times).toFixed(0)} ms per add (${times.map((t) => t.toFixed(0)).join(', ')})`,
        );
      }
    }
  } finally {
    await browser.close();
    await relay.close();
  }
  return result;
}

function growth(result: BuildResult, mode: Mode): number {
  const first = result[mode][String(SIZES[0])] ?? NaN;
  const last = result[mode][String(SIZES.at(-1))] ?? NaN;
  return last / first;
}

export async function ingestGrowthBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'omnia-growth-'));
  try {
    const files = growthFiles(dir, ADDS + 1);
    const dist = process.env['OMNIA_BENCH_DIST'] ?? 'dist';
    const beforeDist = process.env['OMNIA_BENCH_BEFORE_DIST'];
    console.log(
      `Per-add time (file input → row ready), median of ${ADDS} adds after one warm-up, ` +
        `at ${SIZES.join(' / ')} documents already in the Library; Chromium, WASM`,
    );
    const before = beforeDist ? await measureBuild(beforeDist, files) : null;
    const after = await measureBuild(dist, files);
    const summary: Record<string, unknown> = {
      measured: new Date().toISOString(),
      builds: { after: dist, before: beforeDist ?? null },
      sizes: SIZES,
      adds: ADDS,
      after,
      before,
    };
    for (const mode of MODES) {
      const line = [
        `${mode}: ${SIZES.at(-1)}÷${SIZES[0]} documents = ${growth(after, mode).toFixed(2)}×`,
      ];
      if (before) line.push(`(before: ${growth(before, mode).toFixed(2)}×)`);
      if (before) {
        const at = String(SIZES.at(-1));
        line.push(
          `; at ${at}: ${after[mode][at]?.toFixed(0)} ms vs ${before[mode][at]?.toFixed(0)} ms before`,
        );
      }
      console.log(`  ${line.join(' ')}`);
      summary[`growth-${mode}`] = growth(after, mode);
      if (before) summary[`growth-${mode}-before`] = growth(before, mode);
    }
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/ingest-growth.json', `${JSON.stringify(summary, null, 2)}\n`);
    console.log('  wrote bench/results/ingest-growth.json');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await ingestGrowthBench();
