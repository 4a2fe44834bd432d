/**
 * Where an engine runs, and what happens when WebGPU is not there or breaks while loading:
 * the engine loads again on the CPU and says why (EngineFallback), so the UI can announce it
 * instead of failing. Shared by every adapter; the library-specific loading stays in each.
 * "The CPU" is onnxruntime-web's WASM backend in a browser and onnxruntime-node's CPU backend
 * in Node (transformers.js in Node knows 'cpu' and 'webgpu', not 'wasm'). A GPU lost after
 * loading leaves the chat a model to go on with on the CPU (gpuLossFallback).
 */
import { getModel, hasModel, type CatalogEntry } from '../catalog';
import { isSoftwareAdapter, type DeviceReport } from '../device-probe';
import { defaultModelFor, type DefaultModelOptions } from '../tiers';
import { classifyDeviceFailure, errorText } from './errors';
import type { EngineDevice, EngineFallback } from './types';

/** What the engines need to know about the WebGPU adapter. */
export interface WebGpuAdapterSummary {
  shaderF16: boolean;
  /** A software adapter (SwiftShader): WebGPU that works, far slower than WASM for models. */
  software?: boolean;
}

/** Finds the WebGPU adapter, or null. Injected in tests; the default asks navigator.gpu. */
export type WebGpuProbe = () => Promise<WebGpuAdapterSummary | null>;

interface RuntimeGlobals {
  process?: { versions?: { node?: string } };
  navigator?: { gpu?: GPU };
}

/** True in Node (tests, benchmarks), false in a browser window or worker. */
export function isNodeRuntime(): boolean {
  return typeof (globalThis as RuntimeGlobals).process?.versions?.node === 'string';
}

/** This runtime's name for "the CPU": 'wasm' in a browser, 'cpu' in Node. */
export function cpuDevice(): Exclude<EngineDevice, 'webgpu'> {
  return isNodeRuntime() ? 'cpu' : 'wasm';
}

/** Asks navigator.gpu for an adapter (works in workers too); null when there is none. */
export const probeWebGpuAdapter: WebGpuProbe = async () => {
  const gpu = (globalThis as RuntimeGlobals).navigator?.gpu;
  if (!gpu) return null;
  try {
    const adapter = await gpu.requestAdapter();
    return adapter
      ? { shaderF16: adapter.features.has('shader-f16'), software: isSoftwareAdapter(adapter) }
      : null;
  } catch {
    // A blocklisted or crashed GPU process rejects: no WebGPU, as far as we are concerned.
    return null;
  }
};

export interface DeviceChoice {
  device: EngineDevice;
  /** Set when WebGPU was asked for and there is no adapter. */
  fallback: EngineFallback | null;
}

/**
 * Resolves 'auto' and checks that WebGPU is really there before an engine tries it. 'auto' is
 * the Models view's verdict (gpu-summary.ts), the one device choice every worker makes: WebGPU
 * on a hardware adapter, the CPU on a software one (SwiftShader runs models, but far slower
 * than WASM). Asking for 'webgpu' by name still gets a software adapter (tests use it so).
 * @example await chooseDevice('auto') // { device: 'webgpu', fallback: null } with a GPU
 */
export async function chooseDevice(
  requested: EngineDevice | 'auto',
  probe: WebGpuProbe = probeWebGpuAdapter,
): Promise<DeviceChoice> {
  const cpu = cpuDevice();
  if (requested === 'wasm' || requested === 'cpu') return { device: cpu, fallback: null };
  const adapter = await probe();
  if (adapter && requested === 'auto' && adapter.software === true) {
    return { device: cpu, fallback: null };
  }
  if (adapter) return { device: 'webgpu', fallback: null };
  // Node has no WebGPU by design; in a browser its absence is worth telling the person.
  if (requested === 'auto' && isNodeRuntime()) return { device: cpu, fallback: null };
  return {
    device: cpu,
    fallback: {
      from: 'webgpu',
      to: cpu,
      reason: 'no-webgpu',
      detail: 'This browser or device offers no WebGPU adapter.',
    },
  };
}

export interface LoadedOn<T> {
  value: T;
  device: EngineDevice;
  fallback: EngineFallback | null;
}

export interface FallbackOptions {
  /** Failures that another device cannot fix (a missing file, a cancel): no second try. */
  isFinal?: (error: unknown) => boolean;
}

/**
 * Loads on the chosen device; when that is WebGPU and it throws, loads again on the CPU and
 * records why. A CPU failure is thrown as it is: there is nowhere else to go.
 */
export async function loadWithFallback<T>(
  choice: DeviceChoice,
  load: (device: EngineDevice) => Promise<T>,
  options: FallbackOptions = {},
): Promise<LoadedOn<T>> {
  if (choice.device !== 'webgpu') {
    return { value: await load(choice.device), device: choice.device, fallback: choice.fallback };
  }
  try {
    return { value: await load('webgpu'), device: 'webgpu', fallback: null };
  } catch (error) {
    if (options.isFinal?.(error)) throw error;
    const cpu = cpuDevice();
    const fallback: EngineFallback = {
      from: 'webgpu',
      to: cpu,
      reason: classifyDeviceFailure(error),
      detail: errorText(error),
    };
    return { value: await load(cpu), device: cpu, fallback };
  }
}

/** Where a chat goes on once its GPU is gone (device lost, or out of GPU memory). */
export type GpuLossFallback =
  | { kind: 'same-model'; modelId: string }
  | { kind: 'other-model'; modelId: string }
  | { kind: 'none' };

/** Whether transformers.js can run `entry` on the CPU (web-llm needs WebGPU, always). */
export function hasWasmPath(entry: CatalogEntry): boolean {
  return entry.engine === 'transformers' && entry.needs.webgpu !== 'required';
}

/**
 * The chat model to go on with after the GPU was lost under `modelId`: the same model on WASM
 * when it has a WASM path, else the chat model recommended for this device's fast tier as if
 * it had no GPU (so the pick runs on WASM), else none.
 * @example gpuLossFallback(webLlmModelId, device) // { kind: 'other-model', device: 'wasm' }
 */
export function gpuLossFallback(
  modelId: string,
  device: DeviceReport | null,
  options: DefaultModelOptions = {},
): GpuLossFallback {
  if (hasModel(modelId) && hasWasmPath(getModel(modelId))) return { kind: 'same-model', modelId };
  const noGpu: DeviceReport = device
    ? { ...device, webgpu: null }
    : { webgpu: null, cores: null, memoryGiB: null, crossOriginIsolated: false };
  const pick = defaultModelFor('chat', 'fast', noGpu, options);
  return pick && pick !== modelId ? { kind: 'other-model', modelId: pick } : { kind: 'none' };
}
