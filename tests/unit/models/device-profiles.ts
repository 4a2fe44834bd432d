// Device reports for model tests: a builder with plausible defaults, so each test states only
// what makes its device different.
import type { DeviceReport } from '../../../src/models/device-probe';

export const MiB = 1_048_576;
export const GiB = 1024 * MiB;

type Gpu = NonNullable<DeviceReport['webgpu']>;

/** A device with the given adapter (null: no WebGPU) and navigator.deviceMemory hint. */
export function device(webgpu: Partial<Gpu> | null, memoryGiB: number | null = 8): DeviceReport {
  return {
    webgpu: webgpu && {
      vendor: 'test',
      architecture: 'test',
      shaderF16: false,
      maxBufferSize: 2 * GiB,
      maxStorageBufferBindingSize: GiB,
      isFallbackAdapter: false,
      ...webgpu,
    },
    cores: 8,
    memoryGiB,
    crossOriginIsolated: true,
  };
}

/**
 * Named devices for matrix tests (recommendations, the GPU summary). Memory is the
 * navigator.deviceMemory hint: Chromium caps it at 8, so the 16 GB machine is kept for a
 * browser that reports more (and to show that more never makes things worse).
 */
export interface DeviceProfile {
  name: string;
  device: DeviceReport;
  /** A hardware adapter with shader-f16: every tier must find a chat model here. */
  discreteF16: boolean;
}

/** No adapter at all (Chromium without --enable-unsafe-webgpu, or a blocklisted GPU). */
export const NO_WEBGPU = device(null, 8);

/** Chromium's SwiftShader, as TESTING.md describes it: default limits, no f16, fallback. */
export const SWIFTSHADER = device({
  vendor: 'google',
  architecture: 'swiftshader',
  maxBufferSize: 256 * MiB,
  maxStorageBufferBindingSize: 128 * MiB,
  isFallbackAdapter: true,
});

/** A laptop's integrated GPU without shader-f16. */
export const INTEGRATED_NO_F16 = device({
  vendor: 'intel',
  architecture: 'gen-12lp',
  maxBufferSize: 2 * GiB,
  maxStorageBufferBindingSize: GiB,
});

/** A discrete GPU with shader-f16 on a machine whose memory hint is `memoryGiB`. */
export function discreteF16(memoryGiB: number): DeviceReport {
  return device(
    {
      vendor: 'nvidia',
      architecture: 'ampere',
      shaderF16: true,
      maxBufferSize: 4 * GiB,
      maxStorageBufferBindingSize: 4 * GiB - 4,
    },
    memoryGiB,
  );
}

export const PROFILES: readonly DeviceProfile[] = [
  { name: 'no WebGPU', device: NO_WEBGPU, discreteF16: false },
  { name: 'SwiftShader (software adapter)', device: SWIFTSHADER, discreteF16: false },
  { name: 'integrated GPU without shader-f16', device: INTEGRATED_NO_F16, discreteF16: false },
  { name: 'discrete GPU, shader-f16, 4 GB', device: discreteF16(4), discreteF16: true },
  { name: 'discrete GPU, shader-f16, 8 GB', device: discreteF16(8), discreteF16: true },
  { name: 'discrete GPU, shader-f16, 16 GB', device: discreteF16(16), discreteF16: true },
];
