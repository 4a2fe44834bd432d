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

// onnxruntime-web's bundle names its .wasm as `new URL('<name>', import.meta.url)`, its fallback
// when wasmPaths is unset, which makes Vite emit a second, hashed 27 MB copy. We always set
// wasmPaths, so the fallback is pointed at `ort/` without Vite's asset handling.
const ORT_URL_PATTERN =
  /new URL\((["'])(ort-wasm-simd-threaded[\w.]*\.(?:wasm|mjs))\1,\s*import\.meta\.url\)/g;

/** For `worker.plugins`: the inference worker is where onnxruntime-web is bundled. */
export function ortUrlRewrite(): Plugin {
  return {
    name: 'omnia-ort-url-rewrite',
    transform(code, id) {
      if (!id.includes('onnxruntime-web') || !ORT_URL_PATTERN.test(code)) return null;
      ORT_URL_PATTERN.lastIndex = 0;
      return {
        code: code.replace(
          ORT_URL_PATTERN,
          (_match, _quote: string, name: string) =>
            `new URL(${JSON.stringify(`../${ORT_ASSET_DIR}/${name}`)}, self.location.href)`,
        ),
        map: null,
      };
    },
  };
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
