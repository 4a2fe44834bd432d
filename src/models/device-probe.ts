/**
 * What this device offers for running models: the WebGPU adapter and its features, CPU cores,
 * the browser's memory hint and whether the page is cross-origin isolated (threaded WASM).
 * The models issue builds tier recommendations on top of this report.
 */
export interface DeviceReport {
  webgpu: {
    vendor: string;
    architecture: string;
    shaderF16: boolean;
    maxBufferSize: number;
    /** The largest storage buffer one shader may bind; big weight tensors must fit in it. */
    maxStorageBufferBindingSize: number;
    /** A software adapter (SwiftShader and the like): WebGPU works, but far too slowly for LLMs. */
    isFallbackAdapter: boolean;
  } | null;
  cores: number | null;
  /** navigator.deviceMemory: a coarse hint in GiB (Chromium caps it at 8), or null. */
  memoryGiB: number | null;
  crossOriginIsolated: boolean;
}

interface NavigatorWithHints {
  deviceMemory?: number;
  hardwareConcurrency?: number;
}

export async function probeDevice(): Promise<DeviceReport> {
  // `typeof navigator`, not `Navigator`: this file is also type-checked for workers (WorkerNavigator).
  const nav = navigator as typeof navigator & NavigatorWithHints;
  return {
    webgpu: await probeWebGpu(),
    cores: nav.hardwareConcurrency ?? null,
    memoryGiB: nav.deviceMemory ?? null,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
  };
}

/**
 * A software adapter (SwiftShader and the like). Older Chromium lacks info.isFallbackAdapter;
 * SwiftShader still names itself in info.architecture.
 */
export function isSoftwareAdapter(adapter: GPUAdapter): boolean {
  return (
    (adapter.info as Partial<GPUAdapterInfo>).isFallbackAdapter === true ||
    /swiftshader/i.test(adapter.info.architecture || '')
  );
}

async function probeWebGpu(): Promise<DeviceReport['webgpu']> {
  if (!('gpu' in navigator) || !navigator.gpu) return null;
  try {
    const adapter = await navigator.gpu.requestAdapter();
    if (!adapter) return null;
    const architecture = adapter.info.architecture || 'unknown';
    return {
      vendor: adapter.info.vendor || 'unknown',
      architecture,
      shaderF16: adapter.features.has('shader-f16'),
      maxBufferSize: adapter.limits.maxBufferSize,
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      isFallbackAdapter: isSoftwareAdapter(adapter),
    };
  } catch {
    // A blocklisted or crashed GPU process rejects; that is "no WebGPU" for our purposes.
    return null;
  }
}
