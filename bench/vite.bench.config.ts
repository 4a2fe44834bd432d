import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Benchmark pages: built apart from the app so the app's bundle carries no bench code.
export default defineConfig({
  root: fileURLToPath(new URL('./pages', import.meta.url)),
  base: './',
  logLevel: 'warn',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('../.omnia-test/bench-dist', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: {
      input: { index: fileURLToPath(new URL('./pages/index.html', import.meta.url)) },
    },
  },
});
