/**
 * What the inference worker holds in memory, for the Models panel, the header indicator and the
 * chat's loading line; and the idle-unload setting (Settings) that bounds how long it stays.
 *
 * The worker starts lazily and costs memory, so this never starts it: `start()` only follows
 * the worker's life. When the worker starts we send it the idle setting and watch its status;
 * when it stops (a crash) the status is cleared, and the next worker is watched afresh.
 */
import { getSetting, setSetting } from '../../storage';
import type {
  InferenceStatus,
  LoadingStatus,
  ResidentStatus,
} from '../../workers/inference-client';
import type { WorkerState } from '../../workers/managed-worker';
import { chatInference } from './chat-inference';

export const DEFAULT_IDLE_UNLOAD_MINUTES = 10;
/** What Settings offers (0: never). */
export const IDLE_UNLOAD_CHOICES: readonly number[] = [5, 10, 30, 60, 0];
/** Developers only: short enough for a browser test to see an idle unload happen. */
export const DEVELOPER_IDLE_UNLOAD_MINUTES = 0.25;

const minutesToMs = (minutes: number): number => Math.round(minutes * 60_000);

class LoadedModel {
  #status = $state.raw<InferenceStatus | null>(null);
  #idleMinutes = $state(DEFAULT_IDLE_UNLOAD_MINUTES);
  #started = false;
  /** Whether the running worker already has our watcher; reset when it stops. */
  #watching = false;
  #restored: Promise<void> | null = null;

  /** The resident model, or null (also while the worker is not running). */
  get loaded(): ResidentStatus | null {
    return this.#status?.loaded ?? null;
  }

  /** The load in progress, or null. */
  get loading(): LoadingStatus | null {
    return this.#status?.loading ?? null;
  }

  /** Minutes of no use before the worker unloads its model; 0 means never. */
  get idleMinutes(): number {
    return this.#idleMinutes;
  }

  /** Follows the inference worker from now on (idempotent; starts no worker). */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#restored = this.#restore();
    const worker = chatInference().worker;
    worker.onStateChange((state) => this.#follow(state));
    this.#follow(worker.state);
  }

  async unload(): Promise<void> {
    const loaded = this.loaded;
    if (loaded) await chatInference().unload(loaded.modelId);
  }

  async pin(pinned: boolean): Promise<void> {
    const loaded = this.loaded;
    if (loaded) await chatInference().pin(loaded.modelId, pinned);
  }

  /** Remembers the setting and applies it to a running worker (a stopped one gets it on start). */
  async setIdleMinutes(minutes: number): Promise<void> {
    this.#idleMinutes = minutes;
    if (this.#watching) await chatInference().setIdleUnloadMs(minutesToMs(minutes));
    await setSetting('idleUnloadMinutes', minutes);
  }

  async #restore(): Promise<void> {
    const saved = await getSetting('idleUnloadMinutes').catch(() => undefined);
    if (saved !== undefined) this.#idleMinutes = saved;
  }

  #follow(state: WorkerState): void {
    if (state === 'stopped') {
      // A stopped worker holds nothing; a restarted one is watched again.
      this.#watching = false;
      this.#status = null;
      return;
    }
    if (this.#watching) {
      // A load is a call in flight, so an idle worker is loading nothing. A failed load is not
      // always published to watchers: ask once rather than show "loading" for ever.
      if (state === 'idle' && this.#status?.loading) void this.#resync();
      return;
    }
    this.#watching = true;
    // Out of the worker's state callback: calling it from inside its own notification would
    // re-enter its bookkeeping.
    queueMicrotask(() => void this.#attach());
  }

  async #attach(): Promise<void> {
    const client = chatInference();
    try {
      await this.#restored;
      await client.setIdleUnloadMs(minutesToMs(this.#idleMinutes));
      await client.watch((status) => {
        this.#status = status;
      });
    } catch {
      // Only a worker that died fails here; its 'stopped' state already reset the watch.
    }
  }

  async #resync(): Promise<void> {
    try {
      this.#status = await chatInference().status();
    } catch {
      // The worker died: its 'stopped' state cleared the status already.
    }
  }
}

export const loadedModel = new LoadedModel();
