/**
 * onnxruntime-web's WebGPU device as transformers.js's engines see it: how to make it lost (a
 * developer tool), how to notice it was lost (its `lost` promise), and how a failed run tells
 * a lost device from an ordinary error, so a lost GPU keeps what was produced and falls back.
 */
import { env } from '@huggingface/transformers';

/**
 * Destroys onnxruntime-web's WebGPU device (`env.backends.onnx.webgpu.device`), which makes a
 * real device loss happen; a developer tool to prove a lost GPU is survivable. False when
 * onnxruntime has no WebGPU device (nothing ran on WebGPU, or Node).
 */
export function destroyWebGpuDevice(): boolean {
  const onnx = env.backends.onnx as { webgpu?: { device?: { destroy?: () => void } } };
  const device = onnx.webgpu?.device;
  if (device === undefined || typeof device.destroy !== 'function') return false;
  device.destroy();
  return true;
}

/** How onnxruntime-web's WebGPU device was lost, in GPUDeviceLostInfo's words. */
export interface WebGpuLoss {
  /** 'destroyed' (destroy() was called) or 'unknown' (driver reset, GPU process crash…). */
  reason: string;
  message: string;
}

interface LosableDevice {
  lost?: Promise<{ reason?: string; message?: string } | undefined>;
}

/** One mapped `lost` promise per device, and the losses already seen (read synchronously). */
const lossWatches = new WeakMap<object, Promise<WebGpuLoss>>();
const seenLosses = new WeakMap<object, WebGpuLoss>();

function ortWebGpuDevice(): LosableDevice | null {
  const onnx = env.backends.onnx as { webgpu?: { device?: unknown } };
  const device = onnx.webgpu?.device;
  // Before the first WebGPU session there is none; typed as a Promise in ORT's d.ts, but the
  // WebGPU EP we load stores the GPUDevice itself here (an object with `lost`).
  if (typeof device !== 'object' || device === null || !('lost' in device)) return null;
  return device as LosableDevice;
}

/**
 * Resolves when onnxruntime-web's current WebGPU device is lost; null when there is no device
 * (nothing ran on WebGPU yet, or Node). A lost device never comes back: onnxruntime keeps
 * using it, so whatever still runs on it fails or stalls, and the caller has to stop first.
 */
export function webGpuDeviceLoss(): Promise<WebGpuLoss> | null {
  const device = ortWebGpuDevice();
  if (!device?.lost) return null;
  let watch = lossWatches.get(device);
  if (!watch) {
    watch = device.lost.then((info) => {
      const loss = { reason: info?.reason ?? 'unknown', message: info?.message ?? '' };
      seenLosses.set(device, loss);
      return loss;
    });
    lossWatches.set(device, watch);
  }
  return watch;
}

/** The first device loss seen under a loaded model in this runtime; see markBrokenByDeviceLoss. */
let brokenBy: WebGpuLoss | null = null;

/**
 * Records that the WebGPU device was lost while a model was loaded on it. onnxruntime-web in
 * this runtime (a worker) is unusable from then on: a run in flight on the lost device leaves
 * every later run failing ("__next_prime overflow"), WASM ones too. (onnxruntime destroying
 * its device on releasing its last session is no such loss: nothing is loaded then.)
 */
function markBrokenByDeviceLoss(loss: WebGpuLoss): void {
  brokenBy ??= loss;
}

/**
 * Watches the WebGPU device for as long as a model is loaded on it (`loaded()`), so a loss
 * while idle is known before the next call, and marks onnxruntime here as broken by it.
 */
export function watchDeviceWhileLoaded(loaded: () => boolean): void {
  void webGpuDeviceLoss()?.then((loss) => {
    if (loaded()) markBrokenByDeviceLoss(loss);
  });
}

/** The loss that broke onnxruntime here, or null: a new worker is needed to run models. */
export function brokenByDeviceLoss(): WebGpuLoss | null {
  return brokenBy;
}

/** The loss of the current WebGPU device if it has already been reported, else null. */
export function webGpuDeviceLost(): WebGpuLoss | null {
  const device = ortWebGpuDevice();
  return device ? (seenLosses.get(device) ?? null) : null;
}

/**
 * After a failure on WebGPU: the device's loss, if it reports one within `waitMs`. The `lost`
 * promise settles a task or so after the loss, and onnxruntime's own error (which names no
 * loss) can come first; a real failure of another kind costs this short wait only.
 */
export async function lossAfterFailure(waitMs = 250): Promise<WebGpuLoss | null> {
  const loss = webGpuDeviceLoss();
  if (!loss) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), waitMs);
  });
  try {
    return await Promise.race([loss, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Waits for `work` (a run on the WebGPU device) unless the device is lost first: then calls
 * `onLost` and resolves with the loss at once, without waiting for `work`, which may stall or
 * fail on the dead device (its outcome is dropped). Null when `work` finished first or there
 * is no device to watch; `work`'s own error is thrown as it is.
 */
export async function raceDeviceLoss(
  work: Promise<unknown>,
  onLost: () => void,
): Promise<WebGpuLoss | null> {
  const loss = webGpuDeviceLoss();
  if (!loss) {
    await work;
    return null;
  }
  let settled = false;
  const finished = work.then(
    () => {
      settled = true;
      return null;
    },
    (error: unknown) => {
      settled = true;
      throw error;
    },
  );
  const lost = loss.then((info) => {
    if (!settled) onLost();
    return info;
  });
  // After a loss nobody awaits `work` any more: keep its failure from going unhandled.
  finished.catch(() => undefined);
  return Promise.race([finished, lost]);
}
