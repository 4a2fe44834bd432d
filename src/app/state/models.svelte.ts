/**
 * The Models view's state: catalog and device verdicts (pure, from src/models), install
 * records (IndexedDB, live across tabs), live download figures from this tab's download
 * worker, disk use, and the model source setting. Implements ModelsViewModel.
 */
import { getModel, listModels, type CatalogEntry, type ModelTask } from '../../models/catalog';
import { probeDevice, type DeviceReport } from '../../models/device-probe';
import { verdictFor, type ModelVerdict, type StorageFacts } from '../../models/device-verdict';
import { defaultModelFor, recommendTier, type Tier } from '../../models/tiers';
import type {
  DownloadErrorInfo,
  DownloadProgress,
  InstallRecord,
  InstallStatus,
} from '../../models/download/types';
import { getSetting, setSetting, watchInstalls, type ModelSourceSetting } from '../../storage';
import { createModelsClient, type InstallOutcome } from '../../workers/models-client';
import { developer } from './developer.svelte';
import { i18n } from '../i18n/i18n.svelte';
import type { ModelsViewModel, RepairSummary, SourceProblem } from './models-types';
import { checkRelaySource } from './model-source-policy';
import { storageStatus } from './storage-status.svelte';

const TASKS: readonly ModelTask[] = ['chat', 'embedding', 'speech-to-text', 'image-to-text', 'ocr'];

const NO_DEVICE: DeviceReport = {
  webgpu: null,
  cores: null,
  memoryGiB: null,
  crossOriginIsolated: false,
};

class ModelsState implements ModelsViewModel {
  readonly tasks = TASKS;
  #client = createModelsClient();
  #device = $state.raw<DeviceReport | null>(null);
  #storage = $state.raw<StorageFacts>({ quotaBytes: null, usageBytes: null });
  #source = $state.raw<ModelSourceSetting>({ kind: 'hub' });
  #records = $state.raw<Record<string, InstallRecord>>({});
  #live = $state.raw<Record<string, DownloadProgress>>({});
  #errors = $state.raw<Record<string, DownloadErrorInfo>>({});
  #disk = $state.raw<Record<string, number>>({});
  #repairing = $state(false);
  #lastRepair = $state.raw<RepairSummary | null>(null);
  #loaded = $state(false);
  #started = false;

  /** Starts probing and watching; called by the view (not at import: most visits never need it). */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    void probeDevice().then((d) => (this.#device = d));
    void this.#refreshStorage();
    void getSetting('modelSource').then((s) => {
      if (s) this.#source = s;
    });
    watchInstalls((records) => {
      this.#records = Object.fromEntries(records.map((r) => [r.modelId, r]));
      this.#loaded = true;
    });
    // A tab closed mid-download left its record 'downloading': make it resumable.
    void this.#client
      .recoverInterrupted()
      .then(() => this.#refreshDisk())
      .catch((error: unknown) =>
        console.warn('Omnia: could not check interrupted downloads', error),
      );
  }

  /** True once the install records have been read (before that, nothing is "installed"). */
  get loaded(): boolean {
    return this.#loaded;
  }
  get device(): DeviceReport | null {
    return this.#device;
  }
  get tier(): Tier | null {
    return this.#device ? recommendTier(this.#device) : null;
  }
  get storage(): StorageFacts {
    return this.#storage;
  }
  get source(): ModelSourceSetting {
    return this.#source;
  }
  get repairing(): boolean {
    return this.#repairing;
  }
  get lastRepair(): RepairSummary | null {
    return this.#lastRepair;
  }
  get totalDiskUse(): number {
    return Object.values(this.#disk).reduce((sum, n) => sum + n, 0);
  }

  entries(task: ModelTask): readonly CatalogEntry[] {
    return listModels({ task, includeFixtures: developer.enabled });
  }
  recommended(task: ModelTask): string | null {
    const device = this.#device;
    if (!device) return null;
    return defaultModelFor(task, recommendTier(device), device, {
      language: i18n.locale,
      storage: this.#storage,
    });
  }
  verdict(entry: CatalogEntry): ModelVerdict {
    return verdictFor(entry, this.#device ?? NO_DEVICE, this.#storage, {
      installed: this.status(entry.id) === 'installed',
    });
  }
  status(modelId: string): InstallStatus {
    if (this.#live[modelId]) return 'downloading';
    // A failure that left no record (an import of the wrong files) still has to be shown.
    return this.#records[modelId]?.status ?? (this.#errors[modelId] ? 'failed' : 'available');
  }
  record(modelId: string): InstallRecord | undefined {
    return this.#records[modelId];
  }
  progress(modelId: string): DownloadProgress | undefined {
    return this.#live[modelId];
  }
  error(modelId: string): DownloadErrorInfo | undefined {
    return this.#errors[modelId] ?? this.#records[modelId]?.error;
  }
  diskUse(modelId: string): number {
    return this.#disk[modelId] ?? 0;
  }

  async install(modelId: string): Promise<void> {
    this.#clearError(modelId);
    this.#setLive(modelId, this.#placeholderProgress(modelId));
    // Progress crosses on its own channel and can arrive after the result: drop late reports.
    let running = true;
    try {
      this.#settle(
        modelId,
        await this.#client.install(modelId, this.#source, (p) => {
          if (running) this.#setLive(modelId, p);
        }),
      );
    } finally {
      running = false;
      this.#setLive(modelId, undefined);
      await this.#afterDiskChange();
    }
  }

  async pause(modelId: string): Promise<void> {
    await this.#client.pause(modelId);
  }

  async remove(modelId: string): Promise<void> {
    this.#clearError(modelId);
    await this.#client.remove(modelId);
    await this.#afterDiskChange();
  }

  async repair(deep: boolean): Promise<void> {
    this.#repairing = true;
    try {
      this.#lastRepair = await this.#client.repair(deep);
    } finally {
      this.#repairing = false;
      await this.#afterDiskChange();
    }
  }

  async importFiles(modelId: string, files: readonly File[]): Promise<void> {
    this.#clearError(modelId);
    const picked = files.map((file) => ({
      path: file.webkitRelativePath || file.name,
      blob: file,
    }));
    this.#setLive(modelId, this.#placeholderProgress(modelId));
    let running = true;
    try {
      const outcome = await this.#client.importFiles(modelId, picked, (p) => {
        if (running) this.#setLive(modelId, p);
      });
      this.#settle(modelId, outcome);
      if (!outcome.ok) throw new Error(outcome.error.message);
    } finally {
      running = false;
      this.#setLive(modelId, undefined);
      await this.#afterDiskChange();
    }
  }

  async setSource(source: ModelSourceSetting): Promise<SourceProblem | null> {
    let next: ModelSourceSetting = source;
    if (source.kind === 'relay') {
      const checked = checkRelaySource(source.url, location.href);
      if (!checked.ok) return checked.problem;
      next = { kind: 'relay', url: checked.baseUrl };
    }
    await setSetting('modelSource', next);
    this.#source = next;
    return null;
  }

  #settle(modelId: string, outcome: InstallOutcome): void {
    if (!outcome.ok && outcome.error.kind !== 'aborted') {
      this.#errors = { ...this.#errors, [modelId]: outcome.error };
    }
  }

  #clearError(modelId: string): void {
    if (!(modelId in this.#errors)) return;
    const { [modelId]: _gone, ...rest } = this.#errors;
    this.#errors = rest;
  }

  #setLive(modelId: string, progress: DownloadProgress | undefined): void {
    const { [modelId]: _old, ...rest } = this.#live;
    this.#live = progress ? { ...rest, [modelId]: progress } : rest;
  }

  /** Shown between the click and the worker's first report. */
  #placeholderProgress(modelId: string): DownloadProgress {
    const record = this.#records[modelId];
    return {
      modelId,
      status: 'downloading',
      bytesDone: record?.bytesDone ?? 0,
      bytesTotal: record?.bytesTotal ?? getModel(modelId).totalBytes,
      bytesPerSecond: 0,
      secondsLeft: null,
      files: record?.files ?? [],
    };
  }

  async #afterDiskChange(): Promise<void> {
    await Promise.all([this.#refreshDisk(), this.#refreshStorage(), storageStatus.refresh()]);
  }

  async #refreshDisk(): Promise<void> {
    try {
      this.#disk = await this.#client.diskUse();
    } catch (error) {
      console.warn('Omnia: could not measure model disk use', error);
    }
  }

  async #refreshStorage(): Promise<void> {
    const estimate = await navigator.storage?.estimate?.();
    if (estimate) {
      this.#storage = { quotaBytes: estimate.quota ?? null, usageBytes: estimate.usage ?? null };
    }
  }
}

export const modelsState = new ModelsState();
