// Why this file exists: the download worker and the inference worker must see the same
// verified cache, so both build their download manager here, on the same stores: model
// bytes in OPFS (web-llm models' verified files in web-llm's own Cache API store, one copy),
// install records in IndexedDB, Web Locks shared with every tab.
import { CATALOG, getModel, hasModel } from '../models/catalog';
import { createOpfsByteStore } from '../models/cache/opfs-byte-store';
import { createWebLlmCacheStore } from '../models/cache/webllm-cache-store';
import { createDownloadManager, type DownloadManager } from '../models/download/download-manager';
import { createInstallStore } from '../storage';
import type { ModelFileSource } from '../models/engines/types';

let manager: DownloadManager | undefined;

/** The worker's one download manager (created on first use). */
export function modelManager(): DownloadManager {
  manager ??= createDownloadManager({
    bytes: createWebLlmCacheStore({
      inner: createOpfsByteStore(),
      caches: self.caches,
      entryOf: (id) => (hasModel(id) ? getModel(id) : undefined),
      webLlmEntries: CATALOG.filter((entry) => entry.engine === 'web-llm'),
    }),
    installs: createInstallStore(),
    fetch: (input, init) => fetch(input, init),
    locks: navigator.locks,
    quota: async () => {
      const estimate = await navigator.storage.estimate();
      return estimate.quota === undefined
        ? null
        : { usage: estimate.usage ?? 0, quota: estimate.quota };
    },
  });
  return manager;
}

/** The verified files of an installed catalog model; engines read nothing else. */
export function verifiedFilesOf(modelId: string): ModelFileSource {
  return modelManager().verifiedFiles(getModel(modelId));
}
