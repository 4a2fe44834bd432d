// Why this file exists: the library worker's entry. It gives the API (library-api.ts) the
// browser's ways to load an embedder (the verified model cache; WebGPU only where the Models
// view says models run on the GPU), voy's wasm (bundled by Vite as an asset of this worker),
// the installed embedding models, and the download manager's way to mark a missing file.
import { expose } from 'comlink';
import voyWasmUrl from 'voy-search/voy_search_bg.wasm?url';
import './rpc';
import { installedModelsFromStorage } from '../core/library/media-models';
import { loadVoy } from '../core/rag/voy-module';
import { getModel } from '../models/catalog';
import { createLibraryApi } from './library-api';
import type * as TransformersEmbedder from '../models/engines/transformers/transformers-embedder';
import { modelManager, verifiedFilesOf } from './model-store';

let transformers: Promise<typeof TransformersEmbedder> | undefined;

/**
 * transformers.js, imported on the first embedder load: a keyword-only library never parses
 * it, and with a model it loads beside the indexes instead of before the worker can start.
 */
function transformersOnce(): Promise<typeof TransformersEmbedder> {
  transformers ??= import('../models/engines/transformers/transformers-env').then(
    async ({ configureTransformers }) => {
      // As in inference-api.ts: onnxruntime-web's files sit in `ort/`, one folder above assets/.
      configureTransformers({ wasmPaths: new URL('../ort/', self.location.href).href });
      return import('../models/engines/transformers/transformers-embedder');
    },
  );
  return transformers;
}

async function fetchVoy(): ReturnType<typeof loadVoy> {
  const response = await fetch(voyWasmUrl);
  if (!response.ok) throw new Error(`voy-search's wasm answered ${response.status}`);
  return loadVoy(await response.arrayBuffer());
}

expose(
  createLibraryApi({
    loadEmbedder: async (modelId, signal, onProgress) => {
      const { loadTransformersEmbedder } = await transformersOnce();
      return loadTransformersEmbedder({
        entry: getModel(modelId),
        files: verifiedFilesOf(modelId),
        // 'auto' is the Models view's verdict: WASM on a software adapter (SwiftShader), where
        // the GPU process spent 1.3–1.5 CPU-s per document (device-choice.ts).
        device: 'auto',
        signal,
        ...(onProgress ? { onProgress } : {}),
      });
    },
    reportMissingFile: (modelId, path) => modelManager().reportMissing(getModel(modelId), [path]),
    loadVoy: fetchVoy,
    installedEmbeddingModels: () => installedModelsFromStorage('embedding'),
    now: () => Date.now(),
  }),
);
// When the worker's code had run, for bench/reopen.bench.ts's "worker start".
performance.mark('omnia-library:ready');
