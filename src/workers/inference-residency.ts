// Why this file exists: what the inference worker holds in memory, and for how long. One model
// is resident at a time (DESIGN.md): loading another disposes the first, so switching chat
// models or trying a model on its card never stacks weights in GPU memory. An idle model is
// disposed after a set time unless pinned; every change is published to watchers, so the
// Models view and the header can show what is loaded, where, and roughly how big.
import type { CatalogEntry } from '../models/catalog';
import type {
  EngineDevice,
  EngineFallback,
  LoadedEngine,
  LoadStage,
} from '../models/engines/types';

/** Minutes of no use after which a model is unloaded, unless pinned (a setting). */
export const DEFAULT_IDLE_UNLOAD_MS = 10 * 60_000;

export interface ResidentStatus {
  modelId: string;
  task: CatalogEntry['task'];
  device: EngineDevice;
  fallback: EngineFallback | null;
  loadMs: number;
  loadedAt: number;
  lastUsedAt: number;
  pinned: boolean;
  /** A rough figure: the catalog's memory need on that device, else the files' size. */
  approxMemoryMB: number;
  /** When it will be unloaded if still unused; null when pinned, busy or never. */
  unloadsAt: number | null;
}

export interface LoadingStatus {
  modelId: string;
  stage: LoadStage;
  /** 0–1 within the stage, when known. */
  progress: number | null;
}

export interface InferenceStatus {
  loaded: ResidentStatus | null;
  loading: LoadingStatus | null;
  idleUnloadMs: number;
}

export type StatusWatcher = (status: InferenceStatus) => void;

interface Resident {
  entry: CatalogEntry;
  engine: LoadedEngine;
  requested: EngineDevice | 'auto';
  loadMs: number;
  loadedAt: number;
  lastUsedAt: number;
  pinned: boolean;
  busy: number;
}

const spendsOnnxGpu = (r: Resident): boolean =>
  r.entry.engine === 'transformers' && r.engine.device === 'webgpu';

function approxMemoryMB(entry: CatalogEntry, device: EngineDevice): number {
  const need = device === 'webgpu' ? entry.needs.gpuMemoryMB : entry.needs.memoryMB;
  return need ?? Math.ceil(entry.totalBytes / 1_000_000);
}

export interface ResidencyOptions {
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export class Residency {
  #resident: Resident | null = null;
  #loading: LoadingStatus | null = null;
  #idleUnloadMs = DEFAULT_IDLE_UNLOAD_MS;
  #timer: unknown = null;
  /** The newest load; an older one finishing late disposes what it loaded. */
  #generation = 0;
  /**
   * onnxruntime-web destroys its WebGPU device when its last WebGPU session is released, and
   * creates no new one in the same worker: after an ONNX model on WebGPU is disposed, this
   * worker cannot use WebGPU for ONNX models again (a new worker can).
   */
  #gpuRetired = false;
  readonly #watchers = new Set<StatusWatcher>();
  readonly #now: () => number;
  readonly #setTimer: (run: () => void, ms: number) => unknown;
  readonly #clearTimer: (timer: unknown) => void;

  constructor(options: ResidencyOptions = {}) {
    this.#now = options.now ?? (() => Date.now());
    this.#setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.#clearTimer =
      options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  status(): InferenceStatus {
    const r = this.#resident;
    const idle = this.#idleUnloadMs;
    return {
      loaded: r && {
        modelId: r.entry.id,
        task: r.entry.task,
        device: r.engine.device,
        fallback: r.engine.fallback,
        loadMs: r.loadMs,
        loadedAt: r.loadedAt,
        lastUsedAt: r.lastUsedAt,
        pinned: r.pinned,
        approxMemoryMB: approxMemoryMB(r.entry, r.engine.device),
        unloadsAt: r.pinned || r.busy > 0 || idle <= 0 ? null : r.lastUsedAt + idle,
      },
      loading: this.#loading,
      idleUnloadMs: idle,
    };
  }

  watch(watcher: StatusWatcher): () => void {
    this.#watchers.add(watcher);
    watcher(this.status());
    return () => this.#watchers.delete(watcher);
  }

  /** The resident engine for `modelId` when it was loaded for the same device request. */
  reusable(modelId: string, requested: EngineDevice | 'auto'): LoadedEngine | null {
    const r = this.#resident;
    return r && r.entry.id === modelId && r.requested === requested ? r.engine : null;
  }

  /**
   * Whether loading an ONNX model on WebGPU here would fail: the WebGPU device was spent by a
   * disposed ONNX model, or would be by disposing the resident one to make room.
   */
  onnxGpuSpent(): boolean {
    const r = this.#resident;
    return this.#gpuRetired || (r !== null && spendsOnnxGpu(r));
  }

  /** The resident engine for `modelId`, or null. */
  current(modelId: string): LoadedEngine | null {
    const r = this.#resident;
    return r && r.entry.id === modelId ? r.engine : null;
  }

  /**
   * Loads through `load` after disposing whatever is resident (one model at a time); the
   * pinned flag carries over when the same model is loaded again.
   */
  async load(
    entry: CatalogEntry,
    requested: EngineDevice | 'auto',
    load: (onStage: (stage: LoadStage, progress: number | null) => void) => Promise<LoadedEngine>,
  ): Promise<{ engine: LoadedEngine; loadMs: number }> {
    const generation = ++this.#generation;
    const pinned = this.#resident?.entry.id === entry.id && this.#resident.pinned;
    await this.unload();
    const started = this.#now();
    const onStage = (stage: LoadStage, progress: number | null): void => {
      if (generation !== this.#generation) return;
      this.#loading = { modelId: entry.id, stage, progress };
      this.#publish();
    };
    onStage('checking', null);
    let engine: LoadedEngine;
    try {
      engine = await load(onStage);
    } finally {
      if (generation === this.#generation) {
        this.#loading = null;
        // A failed load must say it stopped too, or watchers keep showing "loading".
        this.#publish();
      }
    }
    if (generation !== this.#generation) {
      // A newer load (or an unload) came first: this one must not stay in memory.
      await engine.dispose().catch(() => undefined);
      throw new DOMException(`Loading ${entry.id} was superseded.`, 'AbortError');
    }
    const now = this.#now();
    const loadMs = now - started;
    this.#resident = {
      entry,
      engine,
      requested,
      loadMs,
      loadedAt: now,
      lastUsedAt: now,
      pinned,
      busy: 0,
    };
    this.#schedule();
    return { engine, loadMs };
  }

  /** Runs `task` on the resident engine, keeping it from idling out meanwhile. */
  async use<T>(modelId: string, task: (engine: LoadedEngine) => Promise<T>): Promise<T> {
    const r = this.#resident;
    if (!r || r.entry.id !== modelId) throw new Error(`${modelId} is not loaded`);
    r.busy += 1;
    r.lastUsedAt = this.#now();
    this.#schedule();
    try {
      return await task(r.engine);
    } finally {
      r.busy -= 1;
      r.lastUsedAt = this.#now();
      if (this.#resident === r) this.#schedule();
    }
  }

  /** Disposes the resident model (any model when `modelId` is absent). */
  async unload(modelId?: string): Promise<void> {
    const r = this.#resident;
    if (!r || (modelId !== undefined && r.entry.id !== modelId)) return;
    this.#resident = null;
    if (spendsOnnxGpu(r)) this.#gpuRetired = true;
    this.#stopTimer();
    this.#publish();
    await r.engine.dispose();
  }

  /** Drops a model whose device is gone, without waiting on (or trusting) its dispose. */
  forget(modelId: string): void {
    const r = this.#resident;
    if (!r || r.entry.id !== modelId) return;
    this.#resident = null;
    if (spendsOnnxGpu(r)) this.#gpuRetired = true;
    this.#stopTimer();
    this.#publish();
    void r.engine.dispose().catch(() => undefined);
  }

  pin(modelId: string, pinned: boolean): boolean {
    const r = this.#resident;
    if (!r || r.entry.id !== modelId) return false;
    r.pinned = pinned;
    this.#schedule();
    return true;
  }

  /** 0 or less: never unload on idle. */
  setIdleUnloadMs(ms: number): void {
    this.#idleUnloadMs = ms;
    this.#schedule();
  }

  #schedule(): void {
    this.#stopTimer();
    const r = this.#resident;
    if (r && !r.pinned && r.busy === 0 && this.#idleUnloadMs > 0) {
      const due = r.lastUsedAt + this.#idleUnloadMs - this.#now();
      this.#timer = this.#setTimer(
        () => {
          this.#timer = null;
          if (this.#resident === r && !r.pinned && r.busy === 0) void this.unload(r.entry.id);
        },
        Math.max(0, due),
      );
    }
    this.#publish();
  }

  #stopTimer(): void {
    if (this.#timer !== null) this.#clearTimer(this.#timer);
    this.#timer = null;
  }

  #publish(): void {
    const status = this.status();
    for (const watcher of this.#watchers) {
      try {
        watcher(status);
      } catch {
        this.#watchers.delete(watcher); // a closed port: the view that watched is gone
      }
    }
  }
}
