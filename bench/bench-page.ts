/**
 * What the browser benches share: the relay serving a build with the fixture models, and a
 * page that records its console errors so a failed bench says what the page saw.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { startRelay, type RunningRelay } from '../src/relay/start.ts';

/** The relay on 127.0.0.1 serving `dist` and the fixture models under `models/`. */
export function startFixtureRelay(dist: string): Promise<RunningRelay> {
  return startRelay({ dist, port: 0, models: { dir: 'tests/fixtures/models', upstreams: [] } });
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
