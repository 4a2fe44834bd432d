/**
 * Model load in Chromium (WASM): the app's path (verified cache in OPFS → transformers.js
 * adapters) vs bare transformers.js loading the same files from the relay into its own Cache
 * API cache, for both fixture models, in the same page, interleaved. Each model gets ROUNDS
 * fresh contexts (empty OPFS, Cache API and HTTP cache, as on a first visit). Prints load +
 * first-inference medians and the ratio app ÷ bare, and the one-off install time.
 */
import { type Browser } from 'playwright-core';
import { openRecordingPage, startFixtureRelay, withPageErrors } from './bench-page.ts';
import { launchBrowser } from '../tests/e2e/browser.ts';
import { BENCH_DIST, buildBenchPages } from './build-pages.ts';
import type { ModelLoadResult } from './pages/model-load-bench.ts';
import { describeMs, mbPerSecond, median } from './stats.ts';

/** Timed runs per path per page (loads of these tiny models take ~0.1 s each). */
const REPEATS = Number(process.env['OMNIA_BENCH_LOAD_REPEATS'] ?? 10);
const ROUNDS = Number(process.env['OMNIA_BENCH_LOAD_ROUNDS'] ?? 2);
const MODELS = ['omnia-fixture-embedder', 'omnia-fixture-causal-lm'] as const;

async function runPage(browser: Browser, url: string, modelId: string): Promise<ModelLoadResult> {
  const context = await browser.newContext();
  const { page, errors } = await openRecordingPage(context);
  try {
    await page.goto(`${url}model-load.html`);
    await page.waitForSelector('html[data-ready="true"]');
    if (!(await page.evaluate(() => crossOriginIsolated))) {
      throw new Error('the bench page is not cross-origin isolated');
    }
    return await page.evaluate(
      ({ modelId, repeats }) =>
        (
          window as unknown as {
            runModelLoadBench: (id: string, r: number) => Promise<ModelLoadResult>;
          }
        ).runModelLoadBench(modelId, repeats),
      { modelId, repeats: REPEATS },
    );
  } catch (error) {
    throw withPageErrors(modelId, error, errors);
  } finally {
    await context.close();
  }
}

function report(modelId: string, results: ModelLoadResult[]): void {
  const all = (pick: (r: ModelLoadResult) => number[]): number[] => results.flatMap(pick);
  const appMs = all((r) => r.appMs);
  const bareMs = all((r) => r.bareMs);
  const installMs = results.map((r) => r.installMs);
  const bytes = results[0]?.installBytes ?? 0;
  const outputs = new Set(results.flatMap((r) => [r.appOutput, r.bareOutput]));
  const loadOnly = (ms: number[]): string => median(ms).toFixed(1);
  console.log(
    `${modelId}: load + first inference, ${appMs.length} runs per path ` +
      `(${results.length} pages × ${REPEATS}, after a warm-up each; median)`,
  );
  console.log(`  app (OPFS verified cache → adapter):  ${describeMs(appMs)}`);
  console.log(`  bare transformers.js (Cache API):     ${describeMs(bareMs)}`);
  console.log(
    `  of which load alone: app ${loadOnly(all((r) => r.appLoadOnlyMs))} ms, ` +
      `bare ${loadOnly(all((r) => r.bareLoadOnlyMs))} ms`,
  );
  console.log(
    `  one-off install from the relay into OPFS: ${describeMs(installMs)}, ` +
      `${(bytes / 1024).toFixed(0)} KiB (${mbPerSecond(bytes, median(installMs)).toFixed(2)} MB/s)`,
  );
  console.log(
    `  bare first load, downloading into its Cache API: ${describeMs(results.map((r) => r.bareFirstMs))}`,
  );
  const shown = [...outputs].map((o) => JSON.stringify(o)).join(' vs ');
  console.log(`  outputs ${outputs.size === 1 ? 'agree' : 'DIFFER'}: ${shown}`);
  console.log(`  ratio app ÷ bare: ${(median(appMs) / median(bareMs)).toFixed(3)}`);
}

export async function modelLoadBench(): Promise<void> {
  await buildBenchPages();
  const relay = await startFixtureRelay(BENCH_DIST);
  const browser = await launchBrowser({ webgpu: false });
  try {
    for (const modelId of MODELS) {
      const results: ModelLoadResult[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        results.push(await runPage(browser, relay.url, modelId));
      }
      report(modelId, results);
    }
  } finally {
    await browser.close();
    await relay.close();
  }
}
