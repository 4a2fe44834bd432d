// Why this file exists: the download worker's API. Downloads stream into OPFS through a sync
// access handle (dedicated workers only) and hash gigabytes, so they run here, off the main
// thread. Expected failures (quota, bad source, verification, another tab) come back as data
// with the record, not as exceptions: the UI shows them, and the record already keeps them.
import { getModel } from '../models/catalog';
import { DownloadError } from '../models/download/errors';
import type { ImportedFile } from '../models/download/import-files';
import { HUB_SOURCE, parseRelayUrl, type ModelSource } from '../models/download/source-urls';
import type { DownloadErrorInfo, DownloadProgress, InstallRecord } from '../models/download/types';
import type { ModelSourceSetting } from '../storage';
import { WorkerTaskError } from './errors';
import { modelManager } from './model-store';

const WORKER_NAME = 'download';

export type InstallOutcome =
  | { ok: true; record: InstallRecord }
  | { ok: false; error: DownloadErrorInfo; record: InstallRecord | undefined };

export interface RepairResult {
  orphansRemoved: number;
  corruptRemoved: number;
  recordsFixed: string[];
}

function sourceOf(setting: ModelSourceSetting): ModelSource {
  return setting.kind === 'hub' ? HUB_SOURCE : parseRelayUrl(setting.url);
}

async function outcome(
  modelId: string,
  run: () => Promise<InstallRecord>,
): Promise<InstallOutcome> {
  try {
    return { ok: true, record: await run() };
  } catch (error) {
    if (!(error instanceof DownloadError)) {
      throw new WorkerTaskError(
        'failed',
        `Downloading ${modelId} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
        { workerName: WORKER_NAME, cause: error },
      );
    }
    return { ok: false, error: error.toInfo(), record: await modelManager().status(modelId) };
  }
}

export const modelsApi = {
  /**
   * Downloads what is missing of `modelId` from `source` and verifies it. Progress goes to
   * `onProgress` (a comlink proxy). Resolves when installed, paused, or failed.
   */
  install(
    modelId: string,
    source: ModelSourceSetting,
    onProgress?: (progress: DownloadProgress) => void,
  ): Promise<InstallOutcome> {
    const entry = getModel(modelId);
    return outcome(modelId, () =>
      modelManager().install(entry, sourceOf(source), onProgress ? { onProgress } : {}),
    );
  },

  /** Stops this worker's running download of the model; its bytes are kept. */
  pause(modelId: string): boolean {
    return modelManager().pause(modelId);
  },

  importFiles(
    modelId: string,
    files: ImportedFile[],
    onProgress?: (progress: DownloadProgress) => void,
  ): Promise<InstallOutcome> {
    const entry = getModel(modelId);
    return outcome(modelId, () =>
      modelManager().importFiles(entry, files, onProgress ? { onProgress } : {}),
    );
  },

  remove(modelId: string): Promise<void> {
    return modelManager().remove(modelId);
  },

  /** Downloads left running by a closed or killed tab become 'paused'. */
  recoverInterrupted(): Promise<string[]> {
    return modelManager().recoverInterrupted();
  },

  async repair(deep: boolean): Promise<RepairResult> {
    const report = await modelManager().repair({ deep });
    return {
      orphansRemoved: report.orphansRemoved.length,
      corruptRemoved: report.corruptRemoved.length,
      recordsFixed: report.recordsFixed,
    };
  },

  /** Bytes on disk per model id (partial downloads included). */
  async diskUse(): Promise<Record<string, number>> {
    return Object.fromEntries(await modelManager().diskUse());
  },
};

export type ModelsApi = typeof modelsApi;
