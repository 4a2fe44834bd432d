/**
 * A lost GPU is survivable (DESIGN.md "Engines"): when the GPU goes away under the chat model
 * (device lost, or out of GPU memory), this remembers it for the rest of the page's life and
 * says where the chat goes on: the same model on the CPU (WASM) when it has a WASM path, else
 * the chat model recommended for this device without a GPU, installed in one click if needed.
 * A reload forgets it, so the GPU gets another chance. onnxruntime in the inference worker is
 * unusable after a loss (its next run fails, on WASM too), so the worker is started afresh.
 */
import type { GpuLoss } from '../../core/chat/answer';
import type { AnswerGpuLoss } from './chat-answer.svelte';
import { gpuLossFallback, type GpuLossFallback } from '../../models/engines/device-choice';
import { i18n } from '../i18n/i18n.svelte';
import { chatInference } from './chat-inference';
import { modelsState } from './models.svelte';

export interface GpuLossEvent {
  kind: GpuLoss;
  /** 'answer': cut short mid-answer (the partial answer is kept); 'load': while loading. */
  during: 'answer' | 'load';
  /** The chat model that was on the GPU. */
  modelId: string;
  detail: string;
}

function planFor(modelId: string): GpuLossFallback {
  return gpuLossFallback(modelId, modelsState.device, {
    language: i18n.locale,
    storage: modelsState.storage,
  });
}

class GpuFallback {
  #loss = $state.raw<GpuLossEvent | null>(null);
  #plan = $state.raw<GpuLossFallback>({ kind: 'none' });
  #noticeOpen = $state(false);
  #simulated = $state<'lost' | 'no-device' | null>(null);

  /** The last GPU loss of this page's life; null while the GPU has never failed. */
  get loss(): GpuLossEvent | null {
    return this.#loss;
  }
  get plan(): GpuLossFallback {
    return this.#plan;
  }
  get noticeOpen(): boolean {
    return this.#noticeOpen && this.#loss !== null;
  }
  /** The fallback model is installed (or the same model goes on): the next send can run. */
  get ready(): boolean {
    const plan = this.#plan;
    return (
      plan.kind === 'same-model' ||
      (plan.kind === 'other-model' && modelsState.status(plan.modelId) === 'installed')
    );
  }
  /** What the developer tool did last: destroyed the device, or found none to destroy. */
  get simulated(): 'lost' | 'no-device' | null {
    return this.#simulated;
  }

  /**
   * The model a new answer goes to instead of `chosen`: unchanged until the GPU is lost;
   * afterwards the fallback model when `chosen` was the one on the GPU, or null when that
   * fallback still has to be installed.
   */
  modelFor(chosen: string | null): string | null {
    const loss = this.#loss;
    const plan = this.#plan;
    if (!loss || chosen !== loss.modelId || plan.kind !== 'other-model') return chosen;
    return this.ready ? plan.modelId : null;
  }

  /**
   * Records a loss of the GPU under `modelId`: picks the fallback, opens the notice and starts
   * the inference worker afresh — unless the load moved to the CPU by itself and the device
   * itself is fine (out of memory), so the answer went on in a sound worker.
   */
  note(loss: AnswerGpuLoss, modelId: string): void {
    const { kind, during, detail, recovered } = loss;
    const same = this.#loss?.modelId === modelId;
    this.#loss = { kind, during, modelId, detail };
    // A second loss (e.g. of the fallback itself) keeps the plan made for the first model.
    if (!same || this.#plan.kind === 'none') this.#plan = planFor(modelId);
    this.#noticeOpen = true;
    if (!recovered || kind === 'device-lost') chatInference().worker.terminate();
  }

  dismiss(): void {
    this.#noticeOpen = false;
  }

  /** Installs the fallback model (the one-click button in the notice). */
  async installFallback(): Promise<void> {
    const plan = this.#plan;
    if (plan.kind !== 'other-model') return;
    await modelsState.install(plan.modelId);
  }

  /**
   * Developer tool: destroys onnxruntime-web's WebGPU device in the inference worker — a real
   * device loss, which the chat then meets on its next (or current) run.
   */
  async simulate(): Promise<boolean> {
    const destroyed = await chatInference().loseGpuDevice();
    this.#simulated = destroyed ? 'lost' : 'no-device';
    return destroyed;
  }
}

export const gpuFallback = new GpuFallback();
