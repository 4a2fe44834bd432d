/**
 * What the Models view reads and can do, as an interface: the view and its components are
 * written against this, and `modelsState` (models.svelte.ts) implements it with the download
 * worker, IndexedDB records and the device probe. Everything here is reactive ($state).
 */
import type { CatalogEntry, ModelTask } from '../../models/catalog';
import type { DeviceReport } from '../../models/device-probe';
import type { ModelVerdict, StorageFacts } from '../../models/device-verdict';
import type { Tier } from '../../models/tiers';
import type {
  DownloadErrorInfo,
  DownloadProgress,
  InstallRecord,
  InstallStatus,
} from '../../models/download/types';
import type { ModelSourceSetting } from '../../storage';

export interface RepairSummary {
  orphansRemoved: number;
  corruptRemoved: number;
  /** Model ids whose record changed (now 'failed', to reinstall). */
  recordsFixed: string[];
}

/** Outcome of a source change: null when saved, else why not (an English sentence). */
export type SourceProblem =
  | { kind: 'invalid-url'; detail: string }
  /** The page's Content-Security-Policy forbids that origin; the UI suggests opening the app from the relay. */
  | { kind: 'blocked-by-policy'; origin: string };

export interface ModelsViewModel {
  /** Tasks in display order. */
  readonly tasks: readonly ModelTask[];
  /** null until the probe finished. */
  readonly device: DeviceReport | null;
  readonly tier: Tier | null;
  readonly storage: StorageFacts;
  /** Catalog entries for `task` (fixtures only when the developer flag is on). */
  entries(task: ModelTask): readonly CatalogEntry[];
  /** The recommended model id for `task` on this device, or null. */
  recommended(task: ModelTask): string | null;
  verdict(entry: CatalogEntry): ModelVerdict;
  status(modelId: string): InstallStatus;
  record(modelId: string): InstallRecord | undefined;
  /** Live figures while this tab downloads it (speed, ETA, current file); else undefined. */
  progress(modelId: string): DownloadProgress | undefined;
  /** Last error for the model (from the record or the last action). */
  error(modelId: string): DownloadErrorInfo | undefined;
  /** Bytes this model occupies on disk now (partial downloads included). */
  diskUse(modelId: string): number;
  readonly totalDiskUse: number;
  /** Where downloads come from. */
  readonly source: ModelSourceSetting;
  /** Busy flags, to disable buttons. */
  readonly repairing: boolean;
  readonly lastRepair: RepairSummary | null;

  /** Starts the probe, the record watch and interrupted-download recovery (idempotent). */
  start(): void;
  install(modelId: string): Promise<void>;
  pause(modelId: string): Promise<void>;
  /** Asks nothing: the view confirms with ConfirmDialog before calling. */
  remove(modelId: string): Promise<void>;
  repair(deep: boolean): Promise<void>;
  /** Air-gapped install from files the person picked (a folder or several files). */
  importFiles(modelId: string, files: readonly File[]): Promise<void>;
  setSource(source: ModelSourceSetting): Promise<SourceProblem | null>;
}
