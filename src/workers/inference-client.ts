// Why this file exists: the typed door to the inference worker for the app. Only `import type`
// of the worker's API, so transformers.js and onnxruntime stay out of the main bundle.
import { proxy } from 'comlink';
import type {
  ChatTurn,
  EngineDevice,
  GeneratedToken,
  GenerateResult,
} from '../models/engines/types';
import type {
  ChatModelInfo,
  EngineInfo,
  GenerateRequest,
  InferenceApi,
  InferenceStatus,
} from './inference-api';
import { WorkerTaskError } from './errors';
import { GPU_RETIRED_MESSAGE } from './inference-api-constants';
import { ManagedWorker } from './managed-worker';
import { callControl, type TaskProgress } from './rpc';

export type {
  ChatModelInfo,
  EngineInfo,
  GenerateRequest,
  InferenceStatus,
  LoadingStatus,
  ResidentStatus,
} from './inference-api';

export interface InferenceClient {
  load(
    modelId: string,
    device: EngineDevice | 'auto',
    options?: { signal?: AbortSignal; onProgress?: (p: TaskProgress) => void },
  ): Promise<EngineInfo>;
  generate(
    modelId: string,
    request: GenerateRequest,
    options?: { signal?: AbortSignal; onToken?: (t: GeneratedToken) => void },
  ): Promise<GenerateResult>;
  /** Loads the chat model unless it is already loaded for the same device request. */
  ensureChat(
    modelId: string,
    device: EngineDevice | 'auto',
    options?: { signal?: AbortSignal; onProgress?: (p: TaskProgress) => void },
  ): Promise<ChatModelInfo>;
  countTokens(modelId: string, texts: readonly string[]): Promise<number[]>;
  countPromptTokens(modelId: string, turns: readonly ChatTurn[]): Promise<number>;
  embed(modelId: string, texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
  /** Unloads `modelId` if resident; with no id, whatever is resident. */
  unload(modelId?: string): Promise<void>;
  status(): Promise<InferenceStatus>;
  /** Calls `onStatus` now and on every change (load, stage, use, idle unload, pin). */
  watch(onStatus: (status: InferenceStatus) => void): Promise<void>;
  pin(modelId: string, pinned: boolean): Promise<boolean>;
  setIdleUnloadMs(ms: number): Promise<void>;
  /** Developer tool: destroys onnxruntime-web's WebGPU device (a real device loss). */
  loseGpuDevice(): Promise<boolean>;
  readonly worker: ManagedWorker<InferenceApi>;
}

function createDefaultWorker(): Worker {
  return new Worker(new URL('./inference.worker.ts', import.meta.url), {
    type: 'module',
    name: 'omnia-inference',
  });
}

/** The worker sends tokens in batches; callers still get one call per token, in order. */
function tokenReceiver(onToken: (t: GeneratedToken) => void): (batch: GeneratedToken[]) => void {
  return (batch) => {
    for (const token of batch) onToken(token);
  };
}

/** A load refused because the worker's WebGPU device is spent (inference-api.ts). */
const isGpuRetired = (error: unknown): boolean =>
  error instanceof WorkerTaskError && error.message.startsWith(GPU_RETIRED_MESSAGE);

export function createInferenceClient(create: () => Worker = createDefaultWorker): InferenceClient {
  // Loaded models are expensive to load again: keep the worker while the tab lives.
  const worker = new ManagedWorker<InferenceApi>({ name: 'inference', create, idleTimeoutMs: 0 });
  /**
   * A lost GPU leaves onnxruntime unusable in that worker (WASM runs too): after any call is
   * refused with 'device-lost', the next call starts a fresh worker.
   */
  const guarded = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (error instanceof WorkerTaskError && error.kind === 'device-lost') worker.terminate();
      throw error;
    }
  };
  /** Runs a load; when the worker can no longer give ONNX models the GPU, once more in a new one. */
  const loading = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await guarded(call);
    } catch (error) {
      if (!isGpuRetired(error)) throw error;
      worker.terminate();
      return guarded(call);
    }
  };
  return {
    worker,
    load: (modelId, device, options = {}) =>
      loading(() =>
        worker.run(
          (api, abortPort) => api.load(modelId, device, callControl(options.onProgress, abortPort)),
          options.signal ? { signal: options.signal } : {},
        ),
      ),
    generate: (modelId, request, options = {}) =>
      guarded(async () => {
        const { trailing, ...result } = await worker.run(
          (api, abortPort) =>
            api.generate(
              modelId,
              request,
              options.onToken ? proxy(tokenReceiver(options.onToken)) : undefined,
              callControl(undefined, abortPort),
            ),
          options.signal ? { signal: options.signal } : {},
        );
        // The last tokens ride with the result: handed out before it, in order.
        if (options.onToken) tokenReceiver(options.onToken)(trailing ?? []);
        return result;
      }),
    ensureChat: (modelId, device, options = {}) =>
      loading(() =>
        worker.run(
          (api, abortPort) =>
            api.ensureChat(modelId, device, callControl(options.onProgress, abortPort)),
          options.signal ? { signal: options.signal } : {},
        ),
      ),
    countTokens: (modelId, texts) => worker.run((api) => api.countTokens(modelId, [...texts])),
    countPromptTokens: (modelId, turns) =>
      worker.run((api) =>
        api.countPromptTokens(
          modelId,
          turns.map((t) => ({ ...t })),
        ),
      ),
    embed: (modelId, texts, signal) =>
      guarded(() =>
        worker.run(
          (api, abortPort) => api.embed(modelId, [...texts], callControl(undefined, abortPort)),
          signal ? { signal } : {},
        ),
      ),
    unload: (modelId) => worker.run((api) => api.unload(modelId)),
    status: () => worker.run((api) => api.status()),
    watch: (onStatus) => worker.run((api) => api.watch(proxy(onStatus))),
    pin: (modelId, pinned) => worker.run((api) => api.pin(modelId, pinned)),
    setIdleUnloadMs: (ms) => worker.run((api) => api.setIdleUnloadMs(ms)),
    loseGpuDevice: () => worker.run((api) => api.loseGpuDevice()),
  };
}
