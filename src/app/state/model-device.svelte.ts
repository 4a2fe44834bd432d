/**
 * Where models run in this tab: 'auto' (the Models view's verdict: WebGPU on a hardware adapter,
 * WASM otherwise), or what a developer forced in the chat header's "Run on". One choice for the
 * chat, the speech worker and the vision worker, so a page never runs one model on the GPU and
 * the next on the CPU without saying so. After a GPU loss it turns to WASM for the rest of the
 * page's life (a reload tries the GPU again).
 */
import type { ModelDevice } from '../../workers/media-types';

class ModelDeviceState {
  #value = $state<ModelDevice>('auto');

  get value(): ModelDevice {
    return this.#value;
  }

  set(device: ModelDevice): void {
    this.#value = device;
  }
}

export const modelDevice = new ModelDeviceState();
