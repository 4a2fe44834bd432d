/**
 * Loads a web-llm chat model from the one verified copy of its files. Before web-llm runs, the
 * loader checks through the verified-files gate (install record + stored size) that every file
 * web-llm will read is there — the config, tokenizer, tensor-cache manifest, each shard it
 * names, and the compiled library — and asks web-llm's own hasModelInCache the same question.
 * A file found missing is an EngineError 'missing-file' naming it, so the caller can mark the
 * model for repair; web-llm is never left to fetch it from the network. Progress carries the
 * stages: checking, reading from the cache, compiling (web-llm builds its WebGPU pipelines
 * after the last shard), so a long load is never a silent wait.
 */
import type { AppConfig, InitProgressReport, MLCEngineConfig } from '@mlc-ai/web-llm';
import { probeWebGpuAdapter, type WebGpuProbe } from '../device-choice';
import { abortedError, classifyDeviceFailure, EngineError, errorText } from '../errors';
import type { ChatEngine, EngineLoadProgress, EngineLoadRequest, ModelFileSource } from '../types';
import { createWebLlmChat, type WebLlmChatBackend } from './webllm-chat';
import { needsShaderF16, webLlmAppConfigFor, webLlmBuild } from './webllm-config';
import { loadWebLlmTokenCounter } from './webllm-tokens';

/** Creates and loads an engine; the default imports web-llm and runs MLCEngine.reload(). */
export type CreateWebLlmEngine = (
  modelId: string,
  config: MLCEngineConfig,
  signal?: AbortSignal,
) => Promise<WebLlmChatBackend>;

/** web-llm's own view of its store; the default is web-llm's hasModelInCache. */
export type WebLlmCacheCheck = (modelId: string, appConfig: AppConfig) => Promise<boolean>;

const createMlcEngine: CreateWebLlmEngine = async (modelId, config, signal) => {
  const { MLCEngine } = await import('@mlc-ai/web-llm');
  const engine = new MLCEngine(config);
  // unload() aborts a reload in flight (web-llm's own reload controller).
  const cancel = (): void => void engine.unload().catch(() => undefined);
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    await engine.reload(modelId);
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
  return engine;
};

const webLlmHasModel: WebLlmCacheCheck = async (modelId, appConfig) => {
  const { hasModelInCache } = await import('@mlc-ai/web-llm');
  return hasModelInCache(modelId, appConfig);
};

export interface WebLlmLoadOptions {
  createEngine?: CreateWebLlmEngine;
  hasModelInCache?: WebLlmCacheCheck;
  probe?: WebGpuProbe;
  /** Counts tokens with the model's tokenizer; default webllm-tokens.ts (null: none). */
  tokenCounter?: ((request: EngineLoadRequest) => Promise<ChatEngine['tokens']>) | null;
}

interface ShardListing {
  records?: { dataPath?: unknown }[];
}

/** Opens every file web-llm will read; a missing one becomes EngineError 'missing-file'. */
async function checkFiles(request: EngineLoadRequest): Promise<void> {
  const { entry, files } = request;
  const build = webLlmBuild(entry);
  const open = async (path: string): Promise<Blob> => {
    let blob: Blob | null;
    try {
      blob = await files.open(path);
    } catch (error) {
      throw missingFile(request, path, error);
    }
    if (blob === null) throw missingFile(request, path, null);
    return blob;
  };
  const manifest = await open('tensor-cache.json');
  let listing: ShardListing;
  try {
    listing = JSON.parse(await manifest.text()) as ShardListing;
  } catch (error) {
    throw missingFile(request, 'tensor-cache.json', error);
  }
  const shards = (listing.records ?? [])
    .map((r) => r.dataPath)
    .filter((p): p is string => typeof p === 'string');
  for (const path of ['mlc-chat-config.json', 'tokenizer.json', build.libPath, ...shards]) {
    if (request.signal?.aborted) throw abortedError(entry.id, 'Loading');
    await open(path);
  }
}

function missingFile(request: EngineLoadRequest, path: string, cause: unknown): EngineError {
  const { id } = request.entry;
  const why = cause === null ? '' : ` (${errorText(cause)})`;
  return new EngineError(
    'missing-file',
    `Model "${id}" is missing "${path}" in the verified model cache${why}. Repair or install the model again; only what is missing is fetched.`,
    { modelId: id, path, ...(cause === null ? {} : { cause }) },
  );
}

/** web-llm's init reports as our stages: reading shards from the cache, then compiling. */
function progressFor(
  onProgress: ((progress: EngineLoadProgress) => void) | undefined,
  total: number,
): (report: InitProgressReport) => void {
  let readingDone = false;
  return (report) => {
    if (!onProgress) return;
    const fromCache = /^Loading model from cache/i.test(report.text);
    if (fromCache || /^Fetching param cache/i.test(report.text)) {
      onProgress({ loaded: Math.round(report.progress * total), total, stage: 'reading' });
      if (report.progress >= 1 && !readingDone) {
        readingDone = true;
        onProgress({ loaded: total, total, stage: 'compiling' });
      }
    }
  };
}

/**
 * Loads `request.entry` (engine 'web-llm') from the verified store on WebGPU.
 * @example const chat = await loadWebLlmChat({ entry, files, device: 'auto' });
 */
export async function loadWebLlmChat(
  request: EngineLoadRequest,
  options: WebLlmLoadOptions = {},
): Promise<ChatEngine> {
  const { entry, signal, onProgress } = request;
  const build = webLlmBuild(entry);
  if (request.device === 'wasm' || request.device === 'cpu') {
    throw new EngineError('unsupported', `Model "${entry.id}" runs on WebGPU only.`, {
      modelId: entry.id,
    });
  }
  if (signal?.aborted) throw abortedError(entry.id, 'Loading');
  const adapter = await (options.probe ?? probeWebGpuAdapter)();
  if (!adapter) {
    throw new EngineError(
      'no-webgpu',
      `Model "${entry.id}" needs WebGPU, and this browser or device offers no adapter. Choose a model that runs without WebGPU.`,
      { modelId: entry.id },
    );
  }
  if (needsShaderF16(entry) && !adapter.shaderF16) {
    throw new EngineError(
      'no-webgpu',
      `Model "${entry.id}" needs the WebGPU feature shader-f16, which this GPU lacks. Choose its f32 build or a model that runs without WebGPU.`,
      { modelId: entry.id },
    );
  }
  const total = entry.totalBytes;
  onProgress?.({ loaded: 0, total, stage: 'checking' });
  await checkFiles(request);
  const appConfig = webLlmAppConfigFor(entry);
  if (!(await (options.hasModelInCache ?? webLlmHasModel)(build.modelId, appConfig))) {
    throw missingFile(request, 'tensor-cache.json', new Error('web-llm does not find the weights'));
  }
  const tokens =
    options.tokenCounter === null ? null : await (options.tokenCounter ?? defaultCounter)(request);
  const config: MLCEngineConfig = {
    appConfig,
    initProgressCallback: progressFor(onProgress, total),
  };
  let engine: WebLlmChatBackend;
  try {
    engine = await (options.createEngine ?? createMlcEngine)(build.modelId, config, signal);
  } catch (error) {
    if (signal?.aborted) throw abortedError(entry.id, 'Loading');
    throw new EngineError(
      classifyDeviceFailure(error),
      `Could not load model "${entry.id}" on webgpu: ${errorText(error)}`,
      { modelId: entry.id, cause: error },
    );
  }
  if (signal?.aborted) {
    await engine.unload();
    throw abortedError(entry.id, 'Loading');
  }
  return createWebLlmChat(engine, entry, tokens);
}

const defaultCounter = (request: EngineLoadRequest): Promise<ChatEngine['tokens']> =>
  loadWebLlmTokenCounter(request.entry, request.files satisfies ModelFileSource);
