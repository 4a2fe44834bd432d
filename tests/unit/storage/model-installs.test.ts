// Model install records are device state: they persist like everything else, but exports,
// imports and "delete my data" must not carry or erase them (the bytes stay on this device).
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { InstallRecord } from '../../../src/models/download/types';
import { getDatabase } from '../../../src/storage/db';
import { createInstallStore } from '../../../src/storage/model-installs-repo';
import { deleteAllData, exportAllData, importAllData } from '../../../src/storage/portability';

function record(modelId: string, updatedAt: number): InstallRecord {
  return {
    modelId,
    status: 'installed',
    source: 'relay',
    sourceUrl: 'http://127.0.0.1:4173/models',
    revision: 'main',
    files: [
      { path: 'config.json', size: 10, sha256: 'ab'.repeat(32), bytesDone: 10, state: 'verified' },
    ],
    bytesDone: 10,
    bytesTotal: 10,
    startedAt: 1,
    updatedAt,
    installedAt: updatedAt,
  };
}

beforeEach(async () => {
  await deleteAllData();
  await getDatabase().modelInstalls.clear();
});

describe('install store (IndexedDB)', () => {
  it('puts, gets, lists by last update and deletes records', async () => {
    const store = createInstallStore();
    await store.put(record('b', 20));
    await store.put(record('a', 10));
    expect((await store.get('a'))?.files[0]?.state).toBe('verified');
    expect((await store.list()).map((r) => r.modelId)).toEqual(['a', 'b']);
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
  });

  it('is left out of exports and survives delete-all and import', async () => {
    const store = createInstallStore();
    await store.put(record('kept', 1));
    const exported = await exportAllData();
    expect(await exported.text()).not.toContain('modelInstalls');
    await deleteAllData();
    expect(await store.get('kept')).toBeDefined();
    await importAllData(exported);
    expect(await store.get('kept')).toBeDefined();
  });
});
