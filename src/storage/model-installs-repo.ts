// Model install records (which files are downloaded and verified) kept in IndexedDB, so a
// download survives a reload or a killed tab. This is the browser's InstallStore for the
// download manager; the bytes themselves live in the Origin Private File System. They are
// this device's, so they live in the person's own database in every space (a demo tab sees
// the models installed here): getDeviceDatabase().
import { liveQuery } from 'dexie';
import type { InstallRecord, InstallStore } from '../models/download/types';
import { getDeviceDatabase, type OmniaDatabase } from './db';
import { toStorageWriteError } from './errors';

export function createInstallStore(db: OmniaDatabase = getDeviceDatabase()): InstallStore {
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

/**
 * Calls `onChange` with every install record now and after each change, from this tab or
 * another (Dexie's liveQuery follows IndexedDB writes across tabs). Returns a stop function.
 */
export function watchInstalls(
  onChange: (records: InstallRecord[]) => void,
  db: OmniaDatabase = getDeviceDatabase(),
): () => void {
  const subscription = liveQuery(() => db.modelInstalls.toArray()).subscribe({
    next: onChange,
    error: (error: unknown) => console.warn('Omnia: could not read model install records', error),
  });
  return () => subscription.unsubscribe();
}
