/**
 * What the GPU means for models on this device, in one word, for every place that says it
 * (Home and the Models view's device summary). It is derived from the same GPU budget the
 * verdicts use, so no screen can say "runs on the GPU" while the verdicts run models on WASM
 * (a software adapter such as SwiftShader is WebGPU, but not a GPU worth running models on).
 */
import type { DeviceReport } from './device-probe';
import { gpuBudgetMB } from './device-verdict';

/**
 * - gpu: a hardware WebGPU adapter; models that can use it run on it.
 * - software: the only adapter is a software one; models run on the CPU (WASM).
 * - none: no WebGPU at all; models run on the CPU (WASM).
 */
export type GpuUse = 'gpu' | 'software' | 'none';

export interface GpuSummary {
  use: GpuUse;
  /** Where a model that can use either runs by default. */
  runsOn: 'webgpu' | 'wasm';
  /** The adapter's own words, null where it gave none (the probe reports 'unknown'). */
  vendor: string | null;
  architecture: string | null;
}

const named = (value: string | undefined): string | null =>
  value === undefined || value === '' || value === 'unknown' ? null : value;

/**
 * @example
 * gpuSummary(await probeDevice()).use // 'software' on SwiftShader
 */
export function gpuSummary(device: DeviceReport): GpuSummary {
  const gpu = device.webgpu;
  const use: GpuUse = !gpu ? 'none' : gpuBudgetMB(device) === null ? 'software' : 'gpu';
  return {
    use,
    runsOn: use === 'gpu' ? 'webgpu' : 'wasm',
    vendor: named(gpu?.vendor),
    architecture: named(gpu?.architecture),
  };
}
