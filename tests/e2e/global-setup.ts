/**
 * Serves the built app once for the whole browser suite, under a sub-path, to prove the
 * build works from any path of a static host. The same relay serves the fixture models at
 * `<app>/models/...` from tests/fixtures/models, as a relay set up for air-gapped use would,
 * and, from node_modules, the data npm ships (repo '@tesseract.js-data/eng', the OCR fixture).
 * A second relay, rate-limited, lets tests stop a download part-way (a killed tab).
 * Tests read the URLs with inject('appUrl') and inject('slowAppUrl').
 */
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startRelay } from '../../src/relay/start.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    slowAppUrl: string;
  }
}

export const APP_SUB_PATH = '/omnia/';
export const FIXTURE_MODELS_DIR = 'tests/fixtures/models';
/** Searched in order: the built fixtures, then npm packages served as repos. */
export const MODELS_DIRS = [FIXTURE_MODELS_DIR, 'node_modules'];
/** Slow enough that the largest fixture file (212 kB) takes a few seconds. */
export const SLOW_RELAY_BYTES_PER_SECOND = 48 * 1024;
/** The build to serve; OMNIA_E2E_DIST lets a build in another folder be tested. */
const DIST = process.env['OMNIA_E2E_DIST'] ?? 'dist';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(`${DIST}/index.html`)) {
    throw new Error(
      `No build in ${DIST}/: run \`npm run build\` first (npm run test:e2e does it).`,
    );
  }
  const relay = await startRelay({
    dist: DIST,
    port: 0,
    base: APP_SUB_PATH,
    models: { dir: MODELS_DIRS, upstreams: [] },
  });
  const slow = await startRelay({
    dist: DIST,
    port: 0,
    base: APP_SUB_PATH,
    models: {
      dir: MODELS_DIRS,
      upstreams: [],
      rateLimitBytesPerSecond: SLOW_RELAY_BYTES_PER_SECOND,
    },
  });
  project.provide('appUrl', relay.url);
  project.provide('slowAppUrl', slow.url);
  return async () => {
    await Promise.all([relay.close(), slow.close()]);
  };
}
