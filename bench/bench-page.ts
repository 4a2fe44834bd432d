/**
 * What the browser benches share: the relay serving a build with the fixture models, and a
 * page that records its console errors so a failed bench says what the page saw.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { startRelay, type RunningRelay } from '../src/relay/start.ts';
import { launchBrowser } from '../tests/e2e/browser.ts';
import { BENCH_DIST, buildBenchPages } from './build-pages.ts';

/**
 * The relay on 127.0.0.1 serving `dist` and the fixture models under `models/`; node_modules
 * is a second models folder, as in the browser suite, for the OCR data npm ships.
 */
export function startFixtureRelay(dist: string): Promise<RunningRelay> {
  return startRelay({
    dist,
    port: 0,
    models: { dir: ['tests/fixtures/models', 'node_modules'], upstreams: [] },
  });
}

/**
 * Builds the bench pages, serves them with the fixture models, opens `html` in Chromium on the
 * WASM path, waits until the page says it is ready, runs `use` and closes everything. A
 * failure is labelled and carries what the page logged.
 */
export async function runBenchPage<T>(
  label: string,
  html: string,
  use: (page: Page) => Promise<T>,
): Promise<T> {
  await buildBenchPages();
  const relay = await startFixtureRelay(BENCH_DIST);
  const browser = await launchBrowser({ webgpu: false });
  const context = await browser.newContext();
  const { page, errors } = await openRecordingPage(context);
  try {
    await page.goto(`${relay.url}${html}`);
    await page.waitForSelector('html[data-ready="true"]');
    return await use(page);
  } catch (error) {
    throw withPageErrors(label, error, errors);
  } finally {
    await context.close();
    await browser.close();
    await relay.close();
  }
}

/** A new page whose console errors and uncaught exceptions land in `errors`. */
export async function openRecordingPage(
  context: BrowserContext,
): Promise<{ page: Page; errors: string[] }> {
  const errors: string[] = [];
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

/** `error`, labelled, with what the page logged before it. */
export function withPageErrors(label: string, error: unknown, errors: readonly string[]): Error {
  const logged = errors.length > 0 ? `\n  page errors: ${errors.join('\n  ')}` : '';
  return new Error(`${label}: ${String(error)}${logged}`, { cause: error });
}
