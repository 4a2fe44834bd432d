/**
 * Hashing throughput in Chromium: the app's worker path vs bare @noble/hashes on the page,
 * same bytes, same page, interleaved repeats. Prints medians and the ratio app ÷ bare.
 */
import { chromium } from 'playwright-core';
import { startRelay } from '../src/relay/start.ts';
import { CHROMIUM_PATH } from '../tests/e2e/browser.ts';
import type { HashBenchResult } from './pages/hash-bench.ts';
import { BENCH_DIST, buildBenchPages } from './build-pages.ts';
import { mbPerSecond, median } from './stats.ts';

const MIB = Number(process.env['OMNIA_BENCH_HASH_MIB'] ?? 64);
const REPEATS = Number(process.env['OMNIA_BENCH_REPEATS'] ?? 5);

export async function hashWorkerBench(): Promise<void> {
  await buildBenchPages();
  const relay = await startRelay({ dist: BENCH_DIST, port: 0 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    chromiumSandbox: false,
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(relay.url);
    await page.waitForSelector('html[data-ready="true"]');
    const result = await page.evaluate(
      ({ mib, repeats }) =>
        (
          window as unknown as { runHashBench: (m: number, r: number) => Promise<HashBenchResult> }
        ).runHashBench(mib, repeats),
      { mib: MIB, repeats: REPEATS },
    );
    if (result.digests.length !== 1)
      throw new Error(`paths disagree: ${result.digests.join(', ')}`);
    const app = mbPerSecond(result.bytes, median(result.appMs));
    const bare = mbPerSecond(result.bytes, median(result.bareMs));
    const subtle = mbPerSecond(result.bytes, median(result.subtleMs));
    console.log(
      `hash: ${MIB} MiB × ${REPEATS} (median), digest ${result.digests[0]!.slice(0, 16)}…`,
    );
    console.log(`  app (hash worker via ManagedWorker/comlink): ${app.toFixed(1)} MB/s`);
    console.log(`  bare @noble/hashes on the page:              ${bare.toFixed(1)} MB/s`);
    console.log(`  crypto.subtle (whole buffer, no progress):   ${subtle.toFixed(1)} MB/s`);
    console.log(`  ratio app ÷ bare: ${(app / bare).toFixed(3)}`);
  } finally {
    await browser.close();
    await relay.close();
  }
}
