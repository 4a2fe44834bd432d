// Model install records (which files are downloaded and verified) kept in IndexedDB, so a
// download survives a reload or a killed tab. This is the browser's InstallStore for the
// download manager; the bytes themselves live in the Origin Private File System.
import type { InstallRecord, InstallStore } from '../models/download/types';
import { getDatabase, type OmniaDatabase } from './db';
import { toStorageWriteError } from './errors';

export function createInstallStore(db: OmniaDatabase = getDatabase()): InstallStore {
  return {
    get: (modelId) => db.modelInstalls.get(modelId),
    async put(record: InstallRecord) {
      try {
        await db.modelInstalls.put(record);
      } catch (error) {
        throw toStorageWriteError(error, `saving the download state of ${record.modelId}`);
      }
    },
    delete: (modelId) => db.modelInstalls.delete(modelId),
    list: () => db.modelInstalls.orderBy('updatedAt').toArray(),
  };
}
