/**
 * tesseract.js runs its engine in a worker of its own, started from a script URL, and that
 * worker loads tesseract.js-core with importScripts(); both default to a CDN, and Omnia may
 * not touch any host but its own and the model source. This plugin ships tesseract.js's
 * browser worker script and the LSTM-only core builds under `tesseract/` in the build, and
 * serves them from node_modules in dev. The vision worker passes
 * `new URL('../tesseract/worker.min.js', self.location.href)` as workerPath and
 * `new URL('../tesseract/', self.location.href)` as corePath; given a folder, tesseract.js
 * picks the relaxed-SIMD, SIMD or plain build by what the browser supports. Each `.wasm.js`
 * carries its WebAssembly inline, so no `.wasm` file is fetched. The service worker caches
 * them when first used (see vite.config.ts), not at install.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

export const TESSERACT_ASSET_DIR = 'tesseract';
export const TESSERACT_WORKER_FILE = 'worker.min.js';
/** The LSTM-only cores (our language data has no legacy model), best first. */
export const TESSERACT_CORE_FILES = [
  'tesseract-core-relaxedsimd-lstm.wasm.js',
  'tesseract-core-simd-lstm.wasm.js',
  'tesseract-core-lstm.wasm.js',
] as const;

/** Each shipped file name → its path in node_modules. */
function sources(): Map<string, string> {
  const require = createRequire(import.meta.url);
  // tesseract.js's main is src/index.js; its dist/ sits beside src/.
  const tesseractDist = join(dirname(dirname(require.resolve('tesseract.js'))), 'dist');
  const coreRoot = dirname(require.resolve('tesseract.js-core/package.json'));
  return new Map<string, string>([
    [TESSERACT_WORKER_FILE, join(tesseractDist, TESSERACT_WORKER_FILE)],
    ...TESSERACT_CORE_FILES.map((name) => [name, join(coreRoot, name)] as [string, string]),
  ]);
}

export function tesseractAssets(): Plugin {
  return {
    name: 'omnia-tesseract-assets',
    async generateBundle() {
      for (const [name, path] of sources()) {
        this.emitFile({
          type: 'asset',
          fileName: `${TESSERACT_ASSET_DIR}/${name}`,
          source: await readFile(path),
        });
      }
    },
    configureServer(server) {
      const files = sources();
      server.middlewares.use((req, res, next) => {
        // The dev worker lives at /src/workers/, so '../tesseract/' is /src/tesseract/.
        const name = (req.url ?? '').split('?')[0]?.split(`/${TESSERACT_ASSET_DIR}/`)[1];
        const file = name === undefined ? undefined : files.get(name);
        if (!file) return next();
        res.setHeader('Content-Type', 'text/javascript');
        createReadStream(file).pipe(res);
      });
    },
  };
}
