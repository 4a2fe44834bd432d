// Why this file exists: the inference worker's API. Engines load only from the verified
// cache (model-store.ts) and run here, off the main thread; the main thread sees plain
// results, token callbacks, progress and cancellation. One loaded engine per model id.
import { getModel } from '../models/catalog';
import { EngineError } from '../models/engines/errors';
import { configureTransformers } from '../models/engines/transformers/transformers-env';
import { loadTransformersChat } from '../models/engines/transformers/transformers-chat';
import { loadTransformersEmbedder } from '../models/engines/transformers/transformers-embedder';
import type {
  ChatEngine,
  ChatTurn,
  Embedder,
  EngineDevice,
  EngineFallback,
  EngineTokenCounter,
  GenerateResult,
  LoadedEngine,
} from '../models/engines/types';
import { toWorkerTaskError, WorkerTaskError } from './errors';
import { verifiedFilesOf } from './model-store';
import { createTokenBatcher, type StreamedToken } from './token-batcher';
import { releaseControl, signalFromPort, type CallControl } from './rpc';

const WORKER_NAME = 'inference';

/** What the UI shows about a loaded engine: where it runs, and why if not where asked. */
export interface EngineInfo {
  modelId: string;
  device: EngineDevice;
  fallback: EngineFallback | null;
  loadMs: number;
}

export interface GenerateRequest {
  turns: ChatTurn[];
  maxNewTokens?: number;
  temperature?: number;
  topP?: number;
}

/** What a chat needs to know about a loaded chat model before building a prompt. */
export interface ChatModelInfo extends EngineInfo {
  contextWindow: number | null;
  /** False when the engine has no tokenizer to count with (callers estimate). */
  countsTokens: boolean;
}

const engines = new Map<string, Promise<LoadedEngine>>();
/** The device each loaded engine was asked for, so `ensure` can reuse a matching one. */
const requested = new Map<string, { device: EngineDevice | 'auto'; info: EngineInfo }>();
let configured = false;

function configureOnce(): void {
  if (configured) return;
  // The build ships onnxruntime-web's files in `ort/` beside the app (scripts/vite/ort-assets.ts);
  // worker scripts sit one folder down, in `assets/`.
  configureTransformers({ wasmPaths: new URL('../ort/', self.location.href).href });
  configured = true;
}

function workerError(error: unknown): WorkerTaskError {
  if (error instanceof EngineError) {
    const kind =
      error.reason === 'aborted'
        ? 'aborted'
        : error.reason === 'out-of-memory'
          ? 'out-of-memory'
          : 'failed';
    return new WorkerTaskError(kind, error.message, { workerName: WORKER_NAME, cause: error });
  }
  return toWorkerTaskError(error, WORKER_NAME);
}

async function load(
  modelId: string,
  device: EngineDevice | 'auto',
  control: CallControl | undefined,
): Promise<EngineInfo> {
  configureOnce();
  const entry = getModel(modelId);
  const signal = signalFromPort(control?.abortPort, WORKER_NAME);
  const started = performance.now();
  const existing = engines.get(modelId);
  requested.delete(modelId);
  if (existing) await (await existing).dispose();
  const request = {
    entry,
    files: verifiedFilesOf(modelId),
    device,
    signal,
    onProgress: (p: { loaded: number; total: number; file?: string }) =>
      void control?.onProgress?.({
        progress: p.total > 0 ? p.loaded / p.total : 0,
        loaded: p.loaded,
        total: p.total,
        timeElapsed: performance.now() - started,
        ...(p.file ? { text: p.file } : {}),
      }),
  };
  const loading: Promise<LoadedEngine> =
    entry.task === 'chat' ? loadTransformersChat(request) : loadTransformersEmbedder(request);
  engines.set(modelId, loading);
  try {
    const engine = await loading;
    const info = {
      modelId,
      device: engine.device,
      fallback: engine.fallback,
      loadMs: performance.now() - started,
    };
    requested.set(modelId, { device, info });
    return info;
  } catch (error) {
    engines.delete(modelId);
    throw error;
  }
}

async function loaded<T extends LoadedEngine>(modelId: string): Promise<T> {
  const engine = engines.get(modelId);
  if (!engine) {
    throw new WorkerTaskError('invalid-input', `${modelId} is not loaded: load it first.`, {
      workerName: WORKER_NAME,
    });
  }
  return (await engine) as T;
}

async function tokenCounter(modelId: string): Promise<EngineTokenCounter> {
  const chat = await loaded<ChatEngine>(modelId);
  if (!chat.tokens) {
    throw new WorkerTaskError('invalid-input', `${modelId} does not expose its tokenizer.`, {
      workerName: WORKER_NAME,
    });
  }
  return chat.tokens;
}

export const inferenceApi = {
  /** Loads a chat or embedding model from the verified cache ('auto': WebGPU when present). */
  async load(
    modelId: string,
    device: EngineDevice | 'auto',
    control?: CallControl,
  ): Promise<EngineInfo> {
    try {
      if (!['chat', 'embedding'].includes(getModel(modelId).task)) {
        throw new WorkerTaskError('invalid-input', `${modelId} is not a chat or embedding model.`, {
          workerName: WORKER_NAME,
        });
      }
      return await load(modelId, device, control);
    } catch (error) {
      throw workerError(error);
    } finally {
      releaseControl(control);
    }
  },

  /**
   * The chat model ready to generate: reuses the engine already loaded for the same device
   * request (a chat sends many turns), loads it otherwise.
   */
  async ensureChat(
    modelId: string,
    device: EngineDevice | 'auto',
    control?: CallControl,
  ): Promise<ChatModelInfo> {
    try {
      if (getModel(modelId).task !== 'chat') {
        throw new WorkerTaskError('invalid-input', `${modelId} is not a chat model.`, {
          workerName: WORKER_NAME,
        });
      }
      const current = requested.get(modelId);
      const info =
        current && current.device === device && engines.has(modelId)
          ? current.info
          : await load(modelId, device, control);
      const chat = await loaded<ChatEngine>(modelId);
      return { ...info, contextWindow: chat.contextWindow, countsTokens: chat.tokens !== null };
    } catch (error) {
      throw workerError(error);
    } finally {
      releaseControl(control);
    }
  },

  /** Tokens of each text alone (no template); the model must be loaded and count tokens. */
  async countTokens(modelId: string, texts: string[]): Promise<number[]> {
    try {
      return await (await tokenCounter(modelId)).countEach(texts);
    } catch (error) {
      throw workerError(error);
    }
  },

  /** Prompt tokens of `turns` with the model's chat template applied. */
  async countPromptTokens(modelId: string, turns: ChatTurn[]): Promise<number> {
    try {
      return await (await tokenCounter(modelId)).countPrompt(turns);
    } catch (error) {
      throw workerError(error);
    }
  },

  /**
   * Generates a reply; `onTokens` (a comlink proxy) gets the tokens as they come, in small
   * batches (token-batcher.ts), every one delivered before the result.
   */
  async generate(
    modelId: string,
    request: GenerateRequest,
    onTokens?: (tokens: StreamedToken[]) => void,
    control?: CallControl,
  ): Promise<GenerateResult> {
    const signal = signalFromPort(control?.abortPort, WORKER_NAME);
    const batcher = onTokens ? createTokenBatcher(onTokens) : null;
    try {
      const chat = await loaded<ChatEngine>(modelId);
      const result = await chat.generate(request.turns, {
        signal,
        ...(request.maxNewTokens !== undefined ? { maxNewTokens: request.maxNewTokens } : {}),
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        ...(request.topP !== undefined ? { topP: request.topP } : {}),
        ...(batcher ? { onToken: (t) => batcher.push(t) } : {}),
      });
      await batcher?.flush();
      return result;
    } catch (error) {
      await batcher?.flush();
      throw workerError(error);
    } finally {
      releaseControl(control);
    }
  },

  /** One normalised vector per text. */
  async embed(modelId: string, texts: string[], control?: CallControl): Promise<Float32Array[]> {
    const signal = signalFromPort(control?.abortPort, WORKER_NAME);
    try {
      const embedder = await loaded<Embedder>(modelId);
      return await embedder.embed(texts, { signal });
    } catch (error) {
      throw workerError(error);
    } finally {
      releaseControl(control);
    }
  },

  async unload(modelId: string): Promise<void> {
    const engine = engines.get(modelId);
    engines.delete(modelId);
    requested.delete(modelId);
    if (engine) await (await engine).dispose();
  },
};

export type InferenceApi = typeof inferenceApi;
