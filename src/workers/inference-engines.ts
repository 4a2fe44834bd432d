// Why this file exists: the inference worker picks the adapter from the catalog entry's engine
// (DESIGN.md): web-llm entries load through web-llm from its store, ONNX entries through
// transformers.js. Around every load it reports the stages, warms a WebGPU chat model up (its
// shaders compile on the first run, which would otherwise stall the first answer), and when an
// engine finds a verified file missing it marks the model as needing repair, so the Models view
// says so instead of the model looking installed.
import type { CatalogEntry } from '../models/catalog';
import { EngineError } from '../models/engines/errors';
import { loadTransformersChat } from '../models/engines/transformers/transformers-chat';
import { loadTransformersEmbedder } from '../models/engines/transformers/transformers-embedder';
import type {
  ChatEngine,
  EngineDevice,
  EngineLoadProgress,
  EngineLoadRequest,
  LoadedEngine,
  LoadStage,
  ModelFileSource,
} from '../models/engines/types';
import { loadWebLlmChat, type WebLlmLoadOptions } from '../models/engines/webllm/webllm-load';
import { modelManager, verifiedFilesOf } from './model-store';

export interface EngineLoadOptions {
  device: EngineDevice | 'auto';
  signal?: AbortSignal;
  onProgress?: (progress: EngineLoadProgress) => void;
  onStage: (stage: LoadStage, progress: number | null) => void;
}

/** Where engines read verified files, and where a missing one is reported. */
export interface VerifiedStore {
  filesOf(entry: CatalogEntry): ModelFileSource;
  reportMissing(entry: CatalogEntry, paths: readonly string[]): Promise<boolean>;
}

/** The browser's store: OPFS and web-llm's cache behind the download manager. */
const browserStore: VerifiedStore = {
  filesOf: (entry) => verifiedFilesOf(entry.id),
  reportMissing: (entry, paths) => modelManager().reportMissing(entry, paths),
};

/**
 * What the worker's loader can be given instead of the browser's store and real web-llm —
 * for Node tests only, where there is no OPFS and web-llm cannot run (a stand-in engine).
 */
export interface EngineOverrides {
  webLlm?: WebLlmLoadOptions;
  store?: VerifiedStore;
}

/** A one-token run so WebGPU compiles its shaders now, not during the first answer. */
async function warmUp(chat: ChatEngine, signal: AbortSignal | undefined): Promise<void> {
  await chat.generate([{ role: 'user', content: 'Hi' }], {
    maxNewTokens: 1,
    ...(signal ? { signal } : {}),
  });
}

function routed(entry: CatalogEntry, request: EngineLoadRequest, overrides: EngineOverrides) {
  if (entry.engine === 'web-llm') return loadWebLlmChat(request, overrides.webLlm);
  if (entry.engine !== 'transformers') {
    throw new EngineError('unsupported', `${entry.id} does not run in the inference worker.`, {
      modelId: entry.id,
    });
  }
  return entry.task === 'chat' ? loadTransformersChat(request) : loadTransformersEmbedder(request);
}

/** Loads `entry` with the adapter its engine names, from the verified cache only. */
export async function loadEngine(
  entry: CatalogEntry,
  options: EngineLoadOptions,
  overrides: EngineOverrides = {},
): Promise<LoadedEngine> {
  const { onStage, signal } = options;
  const store = overrides.store ?? browserStore;
  // transformers.js reports bytes read, then builds its sessions in silence (compiling WebGPU
  // shaders or WASM kernels): once every byte is read, that is the stage to show.
  let compiling = false;
  const request: EngineLoadRequest = {
    entry,
    files: store.filesOf(entry),
    device: options.device,
    ...(signal ? { signal } : {}),
    onProgress: (p) => {
      const stage = p.stage ?? 'reading';
      const fraction = p.total > 0 ? Math.min(1, p.loaded / p.total) : null;
      options.onProgress?.(p);
      // More files may still be announced after a batch completes: reading again, then.
      if (compiling && fraction === 1) return;
      compiling = entry.engine === 'transformers' && fraction === 1;
      onStage(compiling ? 'compiling' : stage, compiling ? null : fraction);
    },
  };
  let engine: LoadedEngine;
  try {
    engine = await routed(entry, request, overrides);
  } catch (error) {
    if (error instanceof EngineError && error.reason === 'missing-file') {
      await store.reportMissing(entry, [error.path ?? '']).catch(() => false);
    }
    throw error;
  }
  if (entry.task === 'chat' && engine.device === 'webgpu' && entry.engine === 'transformers') {
    onStage('warm-up', null);
    try {
      await warmUp(engine as ChatEngine, signal);
    } catch (error) {
      await engine.dispose().catch(() => undefined);
      throw error;
    }
  }
  return engine;
}
