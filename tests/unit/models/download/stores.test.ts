// The memory store is the reference ByteStore and the folder store the Node stand-in for
// OPFS; the manager relies on the same behaviour from both (and from the browser's store).
import { describe, expect, it } from 'vitest';
import { MemoryByteStore, MemoryInstallStore } from '../../../../src/models/download/memory-stores';
import type { ByteStore, InstallRecord } from '../../../../src/models/download/types';
import { FolderByteStore } from './fs-byte-store';
import { storedBytes, tempDir } from './helpers';

const A = { modelId: 'model-a', path: 'onnx/model.onnx' };
const B = { modelId: 'model-b', path: 'config.json' };

describe.each([
  ['MemoryByteStore', () => Promise.resolve(new MemoryByteStore())],
  ['FolderByteStore', async () => new FolderByteStore(await tempDir())],
])('%s', (_name, makeStore: () => Promise<ByteStore>) => {
  it('appends, truncates, reads, lists and removes', async () => {
    const store = await makeStore();
    expect(await store.size(A)).toBeNull();
    expect(await store.read(A)).toBeNull();
    const writer = await store.openWriter(A);
    expect(writer.position).toBe(0);
    await writer.write(new Uint8Array([1, 2, 3]));
    await writer.write(new Uint8Array([4, 5]));
    await writer.flush();
    await writer.close();
    expect(await store.size(A)).toBe(5);
    const again = await store.openWriter(A, { truncateTo: 2 });
    expect(again.position).toBe(2);
    await again.write(new Uint8Array([9]));
    await again.close();
    expect(await storedBytes(store, A)).toEqual(new Uint8Array([1, 2, 9]));
    const appending = await store.openWriter(A);
    expect(appending.position).toBe(3);
    await appending.close();
    await (await store.openWriter(B)).close();
    expect(await store.size(B)).toBe(0);
    expect((await store.list()).sort((x, y) => x.modelId.localeCompare(y.modelId))).toEqual([A, B]);
    await store.remove(A);
    expect(await store.size(A)).toBeNull();
    await store.removeModel('model-b');
    expect(await store.list()).toEqual([]);
  });
});

describe('MemoryByteStore', () => {
  it('throws QuotaExceededError past its capacity', async () => {
    const store = new MemoryByteStore({ capacityBytes: 4 });
    const writer = await store.openWriter(A);
    await writer.write(new Uint8Array(4));
    await expect(writer.write(new Uint8Array(1))).rejects.toMatchObject({
      name: 'QuotaExceededError',
    });
  });
});

describe('MemoryInstallStore', () => {
  it('keeps copies, so a caller cannot edit a stored record', async () => {
    const store = new MemoryInstallStore();
    const record: InstallRecord = {
      modelId: 'model-a',
      status: 'paused',
      source: 'hub',
      revision: 'main',
      files: [{ path: 'a', size: 1, bytesDone: 0, state: 'pending' }],
      bytesDone: 0,
      bytesTotal: 1,
      startedAt: 1,
      updatedAt: 1,
    };
    await store.put(record);
    record.status = 'installed';
    const stored = await store.get('model-a');
    expect(stored?.status).toBe('paused');
    if (stored) stored.files.length = 0;
    expect((await store.list())[0]?.files).toHaveLength(1);
    await store.delete('model-a');
    expect(await store.get('model-a')).toBeUndefined();
  });
});
