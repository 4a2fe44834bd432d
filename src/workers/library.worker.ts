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
import { configureTransformers } from '../models/engines/transformers/transformers-env';
import { loadTransformersEmbedder } from '../models/engines/transformers/transformers-embedder';
import { createLibraryApi } from './library-api';
import { modelManager, verifiedFilesOf } from './model-store';

let configured = false;

function configureOnce(): void {
  if (configured) return;
  // As in inference-api.ts: onnxruntime-web's files sit in `ort/`, one folder above assets/.
  configureTransformers({ wasmPaths: new URL('../ort/', self.location.href).href });
  configured = true;
}

async function fetchVoy(): ReturnType<typeof loadVoy> {
  const response = await fetch(voyWasmUrl);
  if (!response.ok) throw new Error(`voy-search's wasm answered ${response.status}`);
  return loadVoy(await response.arrayBuffer());
}

expose(
  createLibraryApi({
    loadEmbedder: async (modelId, signal) => {
      configureOnce();
      return loadTransformersEmbedder({
        entry: getModel(modelId),
        files: verifiedFilesOf(modelId),
        // 'auto' is the Models view's verdict: WASM on a software adapter (SwiftShader), where
        // the GPU process spent 1.3–1.5 CPU-s per document (device-choice.ts).
        device: 'auto',
        signal,
      });
    },
    reportMissingFile: (modelId, path) => modelManager().reportMissing(getModel(modelId), [path]),
    loadVoy: fetchVoy,
    installedEmbeddingModels: () => installedModelsFromStorage('embedding'),
    now: () => Date.now(),
  }),
);
