import { defineConfig } from 'vitest/config';

// Browser tests: the built app served by the relay on 127.0.0.1, driven in Debian's Chromium
// through playwright-core. Files run one at a time: two cores, and each file has a browser.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
    reporters: ['default', ['json', { outputFile: '.omnia-test/e2e.json' }]],
  },
});
