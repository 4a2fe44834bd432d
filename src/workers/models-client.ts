// Why this file exists: the typed door to the download worker for the app. Only `import type`
// of the worker's API, so none of the download code lands in the main bundle.
import { proxy } from 'comlink';
import type { ImportedFile } from '../models/download/import-files';
import type { DownloadProgress } from '../models/download/types';
import type { ModelSourceSetting } from '../storage';
import { ManagedWorker } from './managed-worker';
import type { InstallOutcome, ModelsApi, RepairResult } from './models-api';
import './rpc';

export type { InstallOutcome, RepairResult } from './models-api';

export interface ModelsClient {
  install(
    modelId: string,
    source: ModelSourceSetting,
    onProgress?: (progress: DownloadProgress) => void,
  ): Promise<InstallOutcome>;
  pause(modelId: string): Promise<boolean>;
  importFiles(
    modelId: string,
    files: readonly ImportedFile[],
    onProgress?: (progress: DownloadProgress) => void,
  ): Promise<InstallOutcome>;
  remove(modelId: string): Promise<void>;
  recoverInterrupted(): Promise<string[]>;
  repair(deep: boolean): Promise<RepairResult>;
  diskUse(): Promise<Record<string, number>>;
}

function createDefaultWorker(): Worker {
  return new Worker(new URL('./models.worker.ts', import.meta.url), {
    type: 'module',
    name: 'omnia-download',
  });
}

export function createModelsClient(create: () => Worker = createDefaultWorker): ModelsClient {
  // Downloads run for minutes; an idle worker holds nothing worth keeping for long.
  const worker = new ManagedWorker<ModelsApi>({ name: 'download', create, idleTimeoutMs: 30_000 });
  const progressProxy = (fn?: (p: DownloadProgress) => void) => (fn ? proxy(fn) : undefined);
  return {
    install: (modelId, source, onProgress) =>
      worker.run<InstallOutcome>((api) => api.install(modelId, source, progressProxy(onProgress))),
    pause: (modelId) => worker.run((api) => api.pause(modelId)),
    importFiles: (modelId, files, onProgress) =>
      worker.run<InstallOutcome>((api) =>
        api.importFiles(modelId, [...files], progressProxy(onProgress)),
      ),
    remove: (modelId) => worker.run((api) => api.remove(modelId)),
    recoverInterrupted: () => worker.run((api) => api.recoverInterrupted()),
    repair: (deep) => worker.run((api) => api.repair(deep)),
    diskUse: () => worker.run((api) => api.diskUse()),
  };
}
