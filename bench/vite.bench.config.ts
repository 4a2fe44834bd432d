import { defineConfig } from 'vite';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ortAssets, ortUrlRewrite } from '../scripts/vite/ort-assets.ts';
import { pdfjsAssets } from '../scripts/vite/pdfjs-assets.ts';
import { tesseractAssets } from '../scripts/vite/tesseract-assets.ts';

const page = (name: string): string => fileURLToPath(new URL(`./pages/${name}`, import.meta.url));

// Benchmark pages: built apart from the app so the app's bundle carries no bench code.
// onnxruntime-web's files go to `ort/` as in the app build; the model-load page runs
// transformers.js on its main thread, so the URL rewrite applies to the page bundle too.
export default defineConfig({
  root: fileURLToPath(new URL('./pages', import.meta.url)),
  base: './',
  logLevel: 'warn',
  // The ingest page runs the app's ingest worker, which loads pdf.js's fonts from `pdfjs/`.
  // The OCR page runs the app's vision worker and bare tesseract.js: both load from `tesseract/`.
  plugins: [ortAssets(), ortUrlRewrite(), pdfjsAssets(), tesseractAssets()],
  // The chat-stream page starts the app's inference worker: rewrite its ort URLs too.
  worker: { format: 'es', plugins: () => [ortUrlRewrite()] },
  build: {
    target: 'es2022',
    // OMNIA_BENCH_PAGES_DIST as in build-pages.ts (relative to the working directory).
    outDir: resolve(process.env['OMNIA_BENCH_PAGES_DIST'] ?? '.omnia-test/bench-dist'),
    emptyOutDir: true,
    // transformers.js and onnxruntime-web make one large chunk; that is expected here.
    chunkSizeWarningLimit: 4096,
    // Source maps when profiling (bench/cpu-profile.ts), so a profile's frames can be traced.
    sourcemap: Boolean(process.env['OMNIA_BENCH_PROFILE']),
    rollupOptions: {
      input: {
        index: page('index.html'),
        'model-load': page('model-load.html'),
        'chat-stream': page('chat-stream.html'),
        'chat-history': page('chat-history.html'),
        ingest: page('ingest.html'),
        transcription: page('transcription.html'),
        ocr: page('ocr.html'),
        'webllm-gpu': page('webllm-gpu.html'),
      },
    },
  },
});
