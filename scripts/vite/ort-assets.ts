/**
 * onnxruntime-web loads its WebAssembly at run time, from a CDN unless told otherwise, and
 * Omnia may not touch any host but its own and the model source. This plugin ships the files
 * transformers.js's WebGPU bundle asks for (the asyncify build serves both WebGPU and WASM)
 * under `ort/` in the build, and serves them from node_modules in dev. The engine worker
 * points `env.backends.onnx.wasm.wasmPaths` at that folder.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

export const ORT_ASSET_DIR = 'ort';
export const ORT_FILES = [
  'ort-wasm-simd-threaded.asyncify.wasm',
  'ort-wasm-simd-threaded.asyncify.mjs',
] as const;

function ortDist(): string {
  const require = createRequire(import.meta.url);
  // The package's exports hide package.json's folder, so resolve a public entry instead.
  return dirname(require.resolve('onnxruntime-web/webgpu'));
}

export function ortAssets(): Plugin {
  return {
    name: 'omnia-ort-assets',
    async generateBundle() {
      const dist = ortDist();
      for (const name of ORT_FILES) {
        this.emitFile({
          type: 'asset',
          fileName: `${ORT_ASSET_DIR}/${name}`,
          source: await readFile(join(dist, name)),
        });
      }
    },
    configureServer(server) {
      const dist = ortDist();
      server.middlewares.use((req, res, next) => {
        const name = (req.url ?? '').split('?')[0]?.split(`/${ORT_ASSET_DIR}/`)[1];
        if (!name || !(ORT_FILES as readonly string[]).includes(name)) return next();
        res.setHeader(
          'Content-Type',
          name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript',
        );
        createReadStream(join(dist, name)).pipe(res);
      });
    },
  };
}
