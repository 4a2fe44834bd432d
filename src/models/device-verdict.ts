/**
 * Whether a catalog model fits this device, where it would run, and why. Reasons are data
 * (a kind plus numbers), never sentences: the UI turns each kind into pt-BR or en.
 *
 * Memory is guessed, not measured. WebGPU does not expose VRAM, and navigator.deviceMemory is
 * a coarse hint that Chromium rounds and caps at 8 GiB. The heuristics, in one place:
 * - GPU budget: half of the reported RAM (integrated GPUs share it with the OS and the page),
 *   assuming 4 GiB where the browser reports nothing.
 * - An adapter that offers no more than WebGPU's default limits (maxBufferSize 256 MiB or
 *   maxStorageBufferBindingSize 128 MiB) is a low-end or software one: budget capped at 1 GiB.
 * - A software (fallback) adapter such as SwiftShader counts as no WebGPU for models: it runs,
 *   but at a speed no one would wait for.
 * - System memory only blocks a WASM model when the hint is below Chromium's cap of 8, since
 *   8 means "8 or more".
 */
import type { CatalogEntry } from './catalog-types';
import type { DeviceReport } from './device-probe';

/** Why the WebGPU path is out for a model. */
export type WebGpuShortfall = 'no-webgpu' | 'fallback-adapter' | 'needs-shader-f16' | 'gpu-memory';

export type VerdictReason =
  | { kind: 'no-webgpu' }
  | { kind: 'fallback-adapter' }
  | { kind: 'needs-shader-f16' }
  | { kind: 'gpu-memory'; neededMB: number; availableMB: number }
  /** It will run on WASM instead: slower, but it works. `cause` says why not on the GPU. */
  | { kind: 'wasm-fallback'; cause: WebGpuShortfall }
  | { kind: 'memory'; neededMB: number; availableMB: number }
  | { kind: 'quota'; neededBytes: number; freeBytes: number }
  /** The browser did not say how much storage is left; the download may still fail. */
  | { kind: 'quota-unknown' };

export type VerdictReasonKind = VerdictReason['kind'];

export interface ModelVerdict {
  fits: boolean;
  /** Where it would run here; null when it cannot run on this device at all. */
  runsOn: 'webgpu' | 'wasm' | null;
  reasons: VerdictReason[];
}

export interface StorageFacts {
  quotaBytes: number | null;
  usageBytes: number | null;
}

export interface VerdictOptions {
  /** Already in the cache: storage is no longer a question. */
  installed?: boolean;
}

/** Free quota must cover the download plus this share, for the cache's own overhead. */
export const QUOTA_SAFETY_MARGIN = 0.1;
export const ASSUMED_MEMORY_GIB = 4;
export const GPU_SHARE_OF_MEMORY = 0.5;
export const DEFAULT_LIMITS_GPU_CAP_MB = 1024;
/** Chromium reports at most this many GiB, whatever the machine has. */
export const DEVICE_MEMORY_HINT_CAP_GIB = 8;

const MIB = 1_048_576;
const DEFAULT_MAX_BUFFER_SIZE = 256 * MIB;
const DEFAULT_MAX_STORAGE_BINDING = 128 * MIB;

/** A guess at the GPU memory models may use, in MB; null without a usable adapter. */
export function gpuBudgetMB(device: DeviceReport): number | null {
  const gpu = device.webgpu;
  if (!gpu || gpu.isFallbackAdapter) return null;
  const budget = (device.memoryGiB ?? ASSUMED_MEMORY_GIB) * 1024 * GPU_SHARE_OF_MEMORY;
  const defaultLimitsOnly =
    gpu.maxBufferSize <= DEFAULT_MAX_BUFFER_SIZE ||
    gpu.maxStorageBufferBindingSize <= DEFAULT_MAX_STORAGE_BINDING;
  return Math.floor(defaultLimitsOnly ? Math.min(budget, DEFAULT_LIMITS_GPU_CAP_MB) : budget);
}

type WebGpuBlock = Extract<VerdictReason, { kind: WebGpuShortfall }>;

function webGpuBlock(entry: CatalogEntry, device: DeviceReport): WebGpuBlock | null {
  const gpu = device.webgpu;
  if (!gpu) return { kind: 'no-webgpu' };
  if (gpu.isFallbackAdapter) return { kind: 'fallback-adapter' };
  if (entry.needs.shaderF16 && !gpu.shaderF16) return { kind: 'needs-shader-f16' };
  const neededMB = entry.needs.gpuMemoryMB;
  const availableMB = gpuBudgetMB(device);
  if (neededMB !== undefined && availableMB !== null && neededMB > availableMB) {
    return { kind: 'gpu-memory', neededMB, availableMB };
  }
  return null;
}

function memoryBlock(entry: CatalogEntry, device: DeviceReport): VerdictReason | null {
  const neededMB = entry.needs.memoryMB;
  const hint = device.memoryGiB;
  if (neededMB === undefined || hint === null || hint >= DEVICE_MEMORY_HINT_CAP_GIB) return null;
  const availableMB = hint * 1024;
  return neededMB > availableMB ? { kind: 'memory', neededMB, availableMB } : null;
}

/** Bytes of free quota a download of `totalBytes` asks for, margin included. */
export function quotaNeededBytes(totalBytes: number): number {
  return Math.ceil(totalBytes * (1 + QUOTA_SAFETY_MARGIN));
}

function storageReason(entry: CatalogEntry, storage: StorageFacts): VerdictReason | null {
  if (storage.quotaBytes === null || storage.usageBytes === null) return { kind: 'quota-unknown' };
  const freeBytes = Math.max(0, storage.quotaBytes - storage.usageBytes);
  const neededBytes = quotaNeededBytes(entry.totalBytes);
  return freeBytes < neededBytes ? { kind: 'quota', neededBytes, freeBytes } : null;
}

interface Runtime {
  runsOn: ModelVerdict['runsOn'];
  reasons: VerdictReason[];
}

function runtimeFor(entry: CatalogEntry, device: DeviceReport): Runtime {
  if (entry.needs.webgpu !== 'no') {
    const block = webGpuBlock(entry, device);
    if (!block) return { runsOn: 'webgpu', reasons: [] };
    if (entry.needs.webgpu === 'required') return { runsOn: null, reasons: [block] };
    const fallback: VerdictReason = { kind: 'wasm-fallback', cause: block.kind };
    const memory = memoryBlock(entry, device);
    return memory
      ? { runsOn: null, reasons: [fallback, memory] }
      : { runsOn: 'wasm', reasons: [fallback] };
  }
  const memory = memoryBlock(entry, device);
  return memory ? { runsOn: null, reasons: [memory] } : { runsOn: 'wasm', reasons: [] };
}

/**
 * Whether `entry` can be installed and run here.
 * @example
 * const v = verdictFor(getModel(id), await probeDevice(), { quotaBytes, usageBytes });
 * if (!v.fits) showReasons(v.reasons);
 */
export function verdictFor(
  entry: CatalogEntry,
  device: DeviceReport,
  storage: StorageFacts,
  options: VerdictOptions = {},
): ModelVerdict {
  const runtime = runtimeFor(entry, device);
  const storageProblem = options.installed ? null : storageReason(entry, storage);
  const reasons = storageProblem ? [...runtime.reasons, storageProblem] : runtime.reasons;
  const fits = runtime.runsOn !== null && storageProblem?.kind !== 'quota';
  return { fits, runsOn: runtime.runsOn, reasons };
}
