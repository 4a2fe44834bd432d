/**
 * Engine failures as one named error class (STYLE.md: named Error subclasses in one errors
 * file). `reason` is what a worker boundary turns into a typed error kind, and what the UI maps
 * to its own words; `message` is English a person can act on. The load-time reasons are the
 * same ones an EngineFallback carries, so a failure and a fallback read alike.
 */
import type { EngineFallback } from './types';

export type EngineErrorReason =
  | EngineFallback['reason']
  /** A file the engine needs is not in the verified cache (download or repair it). */
  | 'missing-file'
  | 'aborted'
  /** The conversation does not fit in the model's context window. */
  | 'prompt-too-long'
  /** The model or this device cannot do what was asked (no chat template, no shader-f16…). */
  | 'unsupported'
  /** The engine was disposed before the call. */
  | 'disposed'
  /** Anything else that broke while generating or embedding. */
  | 'generate-failed';

export interface EngineErrorOptions {
  modelId?: string;
  /** The repo path the failure is about, when it is about one file. */
  path?: string;
  cause?: unknown;
}

export class EngineError extends Error {
  override readonly name = 'EngineError';
  readonly modelId: string | undefined;
  readonly path: string | undefined;

  constructor(
    readonly reason: EngineErrorReason,
    message: string,
    options: EngineErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.modelId = options.modelId;
    this.path = options.path;
  }
}

/** The message of anything thrown, for details and classification. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

const NO_WEBGPU =
  /WebGPUNotAvailable|WebGPUNotFound|no (supported )?(webgpu )?adapter|failed to get a webgpu adapter|requestAdapter|navigator\.gpu|webgpu is not (available|supported)|unsupported device: "webgpu"/i;
const DEVICE_LOST = /DeviceLost|device (was |is |has been )?lost|GPUDevice.*(lost|destroyed)/i;
const OUT_OF_MEMORY =
  /out of memory|\boom\b|bad_alloc|(failed to|cannot|could not|unable to) allocate|allocation failed|array buffer allocation|maxBufferSize|maxStorageBufferBindingSize/i;

/**
 * Why a device failed, read from what the library threw. Libraries signal these only through
 * their messages (onnxruntime, Dawn) or error names (web-llm), so this is a best reading;
 * 'load-failed' is the honest answer for anything else.
 */
export function classifyDeviceFailure(error: unknown): EngineFallback['reason'] {
  if (error instanceof EngineError) {
    if (error.reason === 'no-webgpu' || error.reason === 'device-lost') return error.reason;
    if (error.reason === 'out-of-memory') return error.reason;
    return 'load-failed';
  }
  const text = errorText(error);
  if (DEVICE_LOST.test(text)) return 'device-lost';
  if (OUT_OF_MEMORY.test(text)) return 'out-of-memory';
  if (NO_WEBGPU.test(text)) return 'no-webgpu';
  return 'load-failed';
}

/** The engine error for an aborted load or call. */
export function abortedError(modelId: string, what: string): EngineError {
  return new EngineError('aborted', `${what} of model "${modelId}" was cancelled.`, { modelId });
}

/** The engine error for a failure while generating or embedding. */
export function runError(error: unknown, modelId: string, what: string): EngineError {
  if (error instanceof EngineError) return error;
  const reason = classifyDeviceFailure(error);
  return new EngineError(
    reason === 'device-lost' || reason === 'out-of-memory' ? reason : 'generate-failed',
    `${what} with model "${modelId}" failed: ${errorText(error)}`,
    { modelId, cause: error },
  );
}

/**
 * The engine error for a lost WebGPU device; `when` says at which point ("after 3 generated
 * tokens", "before loading"). Tokens streamed before it are the caller's to keep; the device
 * is gone for good, so the model has to load again elsewhere.
 */
export function deviceLostError(
  modelId: string,
  loss: { reason: string; message: string },
  when: string,
  cause?: unknown,
): EngineError {
  const how = loss.message ? `${loss.reason}: ${loss.message}` : loss.reason;
  return new EngineError(
    'device-lost',
    `The WebGPU device was lost (${how}) ${when} with model "${modelId}".`,
    { modelId, ...(cause === undefined ? {} : { cause }) },
  );
}

/** The engine error for a call on an engine that was disposed. */
export function disposedError(modelId: string): EngineError {
  return new EngineError('disposed', `Model "${modelId}" was unloaded; load it again.`, {
    modelId,
  });
}
