/**
 * What every transformers.js adapter does around its own `pipeline(...)` call: registers the
 * verified files for the length of the load (cancellable through the request's signal), maps
 * transformers.js progress to bytes, picks the device and falls back to the CPU when WebGPU
 * fails, and turns whatever the library threw into an EngineError a person can read.
 */
import type { DataType, ProgressInfo } from '@huggingface/transformers';
import {
  chooseDevice,
  isNodeRuntime,
  loadWithFallback,
  type LoadedOn,
  type WebGpuProbe,
} from '../device-choice';
import { abortedError, classifyDeviceFailure, EngineError, errorText } from '../errors';
import type {
  EngineDevice,
  EngineLoadProgress,
  EngineLoadRequest,
  ModelFileSource,
} from '../types';
import { ModelNotInstalledError } from '../../download/errors';
import {
  applyBaseSettings,
  registerModelFiles,
  takeReadFailure,
  VERIFIED_ORIGIN,
  wasmPathsConfigured,
} from './transformers-env';

/** Options the adapters take beside the request (tests inject the WebGPU probe). */
export interface TransformersLoadOptions {
  probe?: WebGpuProbe;
}

/** Device names transformers.js understands in this runtime. */
export type TransformersDevice = 'webgpu' | 'wasm' | 'cpu';

/** What an adapter's pipeline factory is given for one attempt. */
export interface PipelineAttempt {
  device: TransformersDevice;
  dtype: DataType | undefined;
  revision: string;
  progress_callback: (info: ProgressInfo) => void;
}

const DTYPES: readonly DataType[] = [
  'auto',
  'fp32',
  'fp16',
  'q8',
  'int8',
  'uint8',
  'q4',
  'bnb4',
  'q4f16',
  'q2',
  'q2f16',
  'q1',
  'q1f16',
];

function isDataType(value: string): value is DataType {
  return (DTYPES as readonly string[]).includes(value);
}

/** Our device as transformers.js names it: Node has 'cpu' where a browser has 'wasm'. */
export function toTransformersDevice(device: EngineDevice): TransformersDevice {
  if (device === 'webgpu') return 'webgpu';
  return isNodeRuntime() ? 'cpu' : 'wasm';
}

/**
 * Sums per-file byte progress into one figure. transformers.js announces the files it expects
 * (with sizes, read from our cache) in its first 'progress_total', so the total is known early.
 */
function progressMapper(
  onProgress: ((progress: EngineLoadProgress) => void) | undefined,
): (info: ProgressInfo) => void {
  const files: Record<string, { loaded: number; total: number }> = {};
  return (info) => {
    if (!onProgress) return;
    if (info.status === 'progress_total') {
      Object.assign(files, info.files);
      return;
    }
    if (info.status !== 'progress') return;
    files[info.file] = { loaded: info.loaded, total: info.total };
    let loaded = 0;
    let total = 0;
    for (const f of Object.values(files)) {
      loaded += f.loaded;
      total += f.total;
    }
    onProgress({ loaded, total, file: info.file });
  };
}

/** The repo path in a ModelFileNotFoundError's message, when it names one of our keys. */
function missingPath(error: unknown, repo: string): string | null {
  if (!(error instanceof Error) || error.name !== 'ModelFileNotFoundError') return null;
  const prefix = `${VERIFIED_ORIGIN}${repo}/`;
  const start = error.message.indexOf(prefix);
  if (start < 0) return '(unknown file)';
  const rest = error.message.slice(start + prefix.length);
  const end = rest.indexOf('"');
  return end < 0 ? rest : rest.slice(0, end);
}

function isFinal(error: unknown): boolean {
  return (
    (error instanceof EngineError && error.reason === 'aborted') ||
    (error instanceof Error && error.name === 'ModelFileNotFoundError')
  );
}

/**
 * transformers.js says "missing" for any read that failed; what our cache really threw tells a
 * file that is not there (missing-file: the caller marks the model for repair) from a read that
 * failed while the file is still recorded as verified (load-failed: nothing to repair).
 */
function missingFileError(id: string, repo: string, path: string, error: unknown): EngineError {
  const failure = takeReadFailure(repo, path);
  if (failure instanceof EngineError) return failure;
  if (failure instanceof ModelNotInstalledError) {
    return new EngineError(
      'missing-file',
      `Model "${id}" cannot read "${path}": ${failure.message}`,
      {
        modelId: id,
        path,
        cause: failure,
      },
    );
  }
  if (failure === undefined) {
    return new EngineError(
      'missing-file',
      `Model "${id}" is missing "${path}" in the verified model cache. Download or repair the model, then try again.`,
      { modelId: id, path, cause: error },
    );
  }
  return new EngineError(
    'load-failed',
    `Could not read "${path}" of model "${id}" from this device's storage (${errorText(failure)}). ` +
      'The file is still recorded as verified; try again, or repair the cache in Models if it keeps failing.',
    { modelId: id, path, cause: failure },
  );
}

function toLoadError(
  error: unknown,
  request: EngineLoadRequest,
  device: EngineDevice | null,
): EngineError {
  const { id, repo } = request.entry;
  if (request.signal?.aborted) return abortedError(id, 'Loading');
  if (error instanceof EngineError) return error;
  const path = missingPath(error, repo);
  if (path !== null) return missingFileError(id, repo, path, error);
  const where = device ? ` on ${device}` : '';
  return new EngineError(
    classifyDeviceFailure(error),
    `Could not load model "${id}"${where}: ${errorText(error)}`,
    { modelId: id, cause: error },
  );
}

/**
 * Loads a transformers.js pipeline for `request` with `create`, on the requested device or
 * the CPU after a WebGPU failure. Files come only from `request.files`.
 */
export async function loadTransformersPipeline<P extends { dispose(): Promise<unknown> }>(
  request: EngineLoadRequest,
  create: (attempt: PipelineAttempt) => Promise<P>,
  options: TransformersLoadOptions = {},
): Promise<LoadedOn<P>> {
  const { entry, signal } = request;
  if (entry.engine !== 'transformers') {
    throw new EngineError(
      'unsupported',
      `Model "${entry.id}" runs on ${entry.engine}, not transformers.js.`,
      { modelId: entry.id },
    );
  }
  if (signal?.aborted) throw abortedError(entry.id, 'Loading');
  applyBaseSettings();
  if (!wasmPathsConfigured()) {
    throw new EngineError(
      'load-failed',
      'onnxruntime-web has no local path for its files: call configureTransformers({ wasmPaths }) before loading a model.',
      { modelId: entry.id },
    );
  }
  const dtype = entry.dtype;
  if (dtype !== undefined && !isDataType(dtype)) {
    throw new EngineError(
      'unsupported',
      `Model "${entry.id}" asks for dtype "${dtype}", which transformers.js does not know.`,
      { modelId: entry.id },
    );
  }

  // A cancelled load stops at the next file it opens (transformers.js has no abort of its own).
  const files: ModelFileSource = {
    open: (path) => {
      if (signal?.aborted) return Promise.reject(abortedError(entry.id, 'Loading'));
      return request.files.open(path);
    },
  };
  const unregister = registerModelFiles(entry.repo, files);
  let lastDevice: EngineDevice | null = null;
  try {
    const choice = await chooseDevice(request.device, options.probe);
    const loaded = await loadWithFallback(
      choice,
      async (device) => {
        lastDevice = device;
        try {
          return await create({
            device: toTransformersDevice(device),
            dtype,
            revision: entry.revision,
            progress_callback: progressMapper(request.onProgress),
          });
        } catch (error) {
          throw signal?.aborted ? abortedError(entry.id, 'Loading') : error;
        }
      },
      { isFinal },
    );
    if (signal?.aborted) {
      await loaded.value.dispose();
      throw abortedError(entry.id, 'Loading');
    }
    return loaded;
  } catch (error) {
    throw toLoadError(error, request, lastDevice);
  } finally {
    unregister();
  }
}
