/**
 * Serves the built app once for the whole browser suite, under a sub-path, to prove the
 * build works from any path of a static host. Tests read the URL with inject('appUrl').
 */
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startRelay } from '../../src/relay/start.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}

export const APP_SUB_PATH = '/omnia/';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync('dist/index.html')) {
    throw new Error('No build in dist/: run `npm run build` first (npm run test:e2e does it).');
  }
  const relay = await startRelay({ dist: 'dist', port: 0, base: APP_SUB_PATH });
  project.provide('appUrl', relay.url);
  return () => relay.close();
}
