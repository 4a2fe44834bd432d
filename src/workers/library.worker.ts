// Why this file exists: the library worker's entry. It gives the API (library-api.ts) the
// browser's ways to load an embedder (the verified model cache, WebGPU when present), voy's
// wasm (bundled by Vite as an asset of this worker) and the installed embedding models.
import { expose } from 'comlink';
import voyWasmUrl from 'voy-search/voy_search_bg.wasm?url';
import './rpc';
import { installedModelsFromStorage } from '../core/library/media-models';
import { loadVoy } from '../core/rag/voy-module';
import { getModel } from '../models/catalog';
import { configureTransformers } from '../models/engines/transformers/transformers-env';
import { loadTransformersEmbedder } from '../models/engines/transformers/transformers-embedder';
import { createLibraryApi } from './library-api';
import { verifiedFilesOf } from './model-store';

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
    loadEmbedder: (modelId, signal) => {
      configureOnce();
      return loadTransformersEmbedder({
        entry: getModel(modelId),
        files: verifiedFilesOf(modelId),
        device: 'auto',
        signal,
      });
    },
    loadVoy: fetchVoy,
    installedEmbeddingModels: () => installedModelsFromStorage('embedding'),
    now: () => Date.now(),
  }),
);
