import { defineConfig } from 'vitest/config';

// Unit tests run in Node: core logic, storage (on fake-indexeddb), worker RPC over real
// MessageChannels, and the relay on 127.0.0.1.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    reporters: ['default', ['json', { outputFile: '.omnia-test/unit.json' }]],
  },
});
