// Why this file exists: the inference worker's API. Engines load only from the verified cache
// (model-store.ts) and run here, off the main thread; the main thread sees plain results, token
// callbacks, progress and cancellation. One model is resident (inference-residency.ts); the
// adapter is picked by the catalog entry's engine (inference-engines.ts). A lost GPU drops the
// model it held and says so with the kind 'device-lost', so the chat can go on elsewhere.
import { getModel } from '../models/catalog';
import { EngineError } from '../models/engines/errors';
import { configureTransformers } from '../models/engines/transformers/transformers-env';
import {
  brokenByDeviceLoss,
  destroyWebGpuDevice,
} from '../models/engines/transformers/transformers-gpu-loss';
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
import { GPU_RETIRED_MESSAGE } from './inference-api-constants';
import { loadEngine, type EngineOverrides } from './inference-engines';
import { Residency, type InferenceStatus, type StatusWatcher } from './inference-residency';
import { createTokenBatcher, type StreamedToken } from './token-batcher';
import { releaseControl, signalFromPort, type CallControl } from './rpc';

export type { InferenceStatus, LoadingStatus, ResidentStatus } from './inference-residency';

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
  /** Seeds sampling where the engine can (see GenerateOptions.seed). */
  seed?: number;
}

/** What a chat needs to know about a loaded chat model before building a prompt. */
export interface ChatModelInfo extends EngineInfo {
  contextWindow: number | null;
  /** False when the engine has no tokenizer to count with (callers estimate). */
  countsTokens: boolean;
}

function workerError(error: unknown): WorkerTaskError {
  if (error instanceof EngineError) {
    const kind =
      error.reason === 'aborted'
        ? 'aborted'
        : error.reason === 'out-of-memory'
          ? 'out-of-memory'
          : error.reason === 'device-lost'
            ? 'device-lost'
            : 'failed';
    return new WorkerTaskError(kind, error.message, { workerName: WORKER_NAME, cause: error });
  }
  return toWorkerTaskError(error, WORKER_NAME);
}

const isGpuLoss = (error: unknown): boolean =>
  error instanceof EngineError &&
  (error.reason === 'device-lost' || error.reason === 'out-of-memory');

/**
 * The API over one Residency. `overrides` exist for tests only (a stand-in web-llm engine in
 * Node, where web-llm cannot run); the worker entry passes none.
 */
export function createInferenceApi(overrides: EngineOverrides = {}) {
  const residency = new Residency();
  let configured = false;

  function configureOnce(): void {
    if (configured || typeof self === 'undefined' || !('location' in self)) return;
    // The build ships onnxruntime-web's files in `ort/` beside the app; workers sit in `assets/`.
    configureTransformers({ wasmPaths: new URL('../ort/', self.location.href).href });
    configured = true;
  }

  async function load(
    modelId: string,
    device: EngineDevice | 'auto',
    control: CallControl | undefined,
  ): Promise<EngineInfo> {
    configureOnce();
    const entry = getModel(modelId);
    if (entry.engine === 'transformers' && device !== 'wasm' && device !== 'cpu') {
      if (residency.onnxGpuSpent()) {
        throw new WorkerTaskError('crashed', `${GPU_RETIRED_MESSAGE} (${modelId}).`, {
          workerName: WORKER_NAME,
        });
      }
    }
    const signal = signalFromPort(control?.abortPort, WORKER_NAME);
    const started = performance.now();
    const { engine, loadMs } = await residency.load(entry, device, (onStage) =>
      loadEngine(
        entry,
        {
          device,
          signal,
          onStage: (stage, progress) => {
            onStage(stage, progress);
            // 'reading' comes with its bytes through onProgress below: report it once, there.
            if (stage === 'reading') return;
            void control?.onProgress?.({
              progress: progress ?? 0,
              loaded: 0,
              total: 0,
              timeElapsed: performance.now() - started,
              text: stage,
            });
          },
          onProgress: (p) =>
            void control?.onProgress?.({
              progress: p.total > 0 ? p.loaded / p.total : 0,
              loaded: p.loaded,
              total: p.total,
              timeElapsed: performance.now() - started,
              text: p.stage ?? 'reading',
            }),
        },
        overrides,
      ),
    );
    return { modelId, device: engine.device, fallback: engine.fallback, loadMs };
  }

  function loaded<T extends LoadedEngine>(modelId: string): T {
    const engine = residency.current(modelId);
    if (!engine) {
      throw new WorkerTaskError('invalid-input', `${modelId} is not loaded: load it first.`, {
        workerName: WORKER_NAME,
      });
    }
    return engine as T;
  }

  function tokenCounter(modelId: string): EngineTokenCounter {
    const chat = loaded<ChatEngine>(modelId);
    if (!chat.tokens) {
      throw new WorkerTaskError('invalid-input', `${modelId} does not expose its tokenizer.`, {
        workerName: WORKER_NAME,
      });
    }
    return chat.tokens;
  }

  function checkTask(modelId: string, tasks: readonly string[]): void {
    if (!tasks.includes(getModel(modelId).task)) {
      throw new WorkerTaskError(
        'invalid-input',
        `${modelId} is not a ${tasks.join(' or ')} model.`,
        { workerName: WORKER_NAME },
      );
    }
  }

  return {
    /** Loads a chat or embedding model ('auto': WebGPU when present), unloading the resident one. */
    async load(
      modelId: string,
      device: EngineDevice | 'auto',
      control?: CallControl,
    ): Promise<EngineInfo> {
      try {
        checkTask(modelId, ['chat', 'embedding']);
        return await load(modelId, device, control);
      } catch (error) {
        throw workerError(error);
      } finally {
        releaseControl(control);
      }
    },

    /**
     * The chat model ready to generate: reuses the resident engine loaded for the same device
     * request (a chat sends many turns), loads it otherwise.
     */
    async ensureChat(
      modelId: string,
      device: EngineDevice | 'auto',
      control?: CallControl,
    ): Promise<ChatModelInfo> {
      try {
        checkTask(modelId, ['chat']);
        const loss = brokenByDeviceLoss();
        if (loss !== null && residency.current(modelId)?.device === 'webgpu') {
          // Lost while idle: the resident model is gone with its device; say so, as a load would.
          residency.forget(modelId);
          throw new EngineError(
            'device-lost',
            `The WebGPU device was lost (${loss.reason}: ${loss.message}) while model "${modelId}" waited.`,
            { modelId },
          );
        }
        const resident = residency.reusable(modelId, device);
        const loadedNow = resident ? null : await load(modelId, device, control);
        const chat = loaded<ChatEngine>(modelId);
        const status = residency.status().loaded;
        return {
          modelId,
          device: chat.device,
          fallback: chat.fallback,
          loadMs: loadedNow?.loadMs ?? status?.loadMs ?? 0,
          contextWindow: chat.contextWindow,
          countsTokens: chat.tokens !== null,
        };
      } catch (error) {
        throw workerError(error);
      } finally {
        releaseControl(control);
      }
    },

    /** Tokens of each text alone (no template); the model must be loaded and count tokens. */
    async countTokens(modelId: string, texts: string[]): Promise<number[]> {
      try {
        return await tokenCounter(modelId).countEach(texts);
      } catch (error) {
        throw workerError(error);
      }
    },

    /** Prompt tokens of `turns` with the model's chat template applied. */
    async countPromptTokens(modelId: string, turns: ChatTurn[]): Promise<number> {
      try {
        return await tokenCounter(modelId).countPrompt(turns);
      } catch (error) {
        throw workerError(error);
      }
    },

    /**
     * Generates a reply; `onTokens` (a comlink proxy) gets the tokens as they come, in small
     * batches (token-batcher.ts), every batch delivered before the result, which carries the
     * tokens not sent yet as `trailing` (the client hands them out before it resolves). A lost
     * GPU drops the model (kind 'device-lost'); what was streamed before it is the caller's.
     */
    async generate(
      modelId: string,
      request: GenerateRequest,
      onTokens?: (tokens: StreamedToken[]) => void,
      control?: CallControl,
    ): Promise<GenerateResult & { trailing?: StreamedToken[] }> {
      const signal = signalFromPort(control?.abortPort, WORKER_NAME);
      const batcher = onTokens ? createTokenBatcher(onTokens) : null;
      try {
        loaded<ChatEngine>(modelId);
        const result = await residency.use(modelId, (engine) =>
          (engine as ChatEngine).generate(request.turns, {
            signal,
            ...(request.maxNewTokens !== undefined ? { maxNewTokens: request.maxNewTokens } : {}),
            ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
            ...(request.topP !== undefined ? { topP: request.topP } : {}),
            ...(request.seed !== undefined ? { seed: request.seed } : {}),
            ...(batcher ? { onToken: (t) => batcher.push(t) } : {}),
          }),
        );
        const trailing = batcher ? await batcher.drain() : [];
        return trailing.length > 0 ? { ...result, trailing } : result;
      } catch (error) {
        await batcher?.flush();
        if (isGpuLoss(error)) residency.forget(modelId);
        throw workerError(error);
      } finally {
        releaseControl(control);
      }
    },

    /** One normalised vector per text. */
    async embed(modelId: string, texts: string[], control?: CallControl): Promise<Float32Array[]> {
      const signal = signalFromPort(control?.abortPort, WORKER_NAME);
      try {
        loaded<Embedder>(modelId);
        return await residency.use(modelId, (engine) =>
          (engine as Embedder).embed(texts, { signal }),
        );
      } catch (error) {
        if (isGpuLoss(error)) residency.forget(modelId);
        throw workerError(error);
      } finally {
        releaseControl(control);
      }
    },

    /** Unloads `modelId` if it is the resident model (any resident model when absent). */
    async unload(modelId?: string): Promise<void> {
      await residency.unload(modelId);
    },

    /** What is loaded now (and what is loading); `watch` gets every change. */
    status(): InferenceStatus {
      return residency.status();
    },

    /** Calls `watcher` (a comlink proxy) now and on every change, until the tab goes. */
    watch(watcher: StatusWatcher): void {
      residency.watch(watcher);
    },

    /** A pinned model is never unloaded for being idle. */
    pin(modelId: string, pinned: boolean): boolean {
      return residency.pin(modelId, pinned);
    },

    /** Idle time before an unpinned model is unloaded; 0 means never. */
    setIdleUnloadMs(ms: number): void {
      residency.setIdleUnloadMs(ms);
    },

    /**
     * Developer tool: destroys onnxruntime-web's WebGPU device, which makes a real device loss
     * happen (TESTING.md), to check that a lost GPU is survivable. False when there is none.
     */
    loseGpuDevice(): boolean {
      return destroyWebGpuDevice();
    },
  };
}

export const inferenceApi = createInferenceApi();

export type InferenceApi = ReturnType<typeof createInferenceApi>;
