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
