// The Library's document watch reads only the rows a write changed: unchanged documents are
// handed over as the very same objects (no re-read of thousands of rows per added file), the
// order stays newest first, and adds, updates and deletes all show.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  addDocument,
  deleteAllData,
  deleteDocumentCascade,
  listDocuments,
  updateDocument,
  watchDocuments,
  type DocumentRecord,
} from '../../../src/storage';

function doc(id: string, addedAt: number): DocumentRecord {
  const record: DocumentRecord = {
    id,
    name: `${id}.txt`,
    mimeType: 'text/plain',
    size: 10,
    addedAt,
    status: 'ready',
    collectionIds: [],
  };
  return record;
}

describe('watchDocuments', () => {
  beforeEach(() => deleteAllData());

  it('re-reads only what changed, keeping the other rows as the same objects', async () => {
    for (let i = 0; i < 20; i++) await addDocument(doc(`d${String(i).padStart(2, '0')}`, i % 5));
    const seen: DocumentRecord[][] = [];
    const stop = watchDocuments((docs) => seen.push(docs));
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]!.map((d) => d.id)).toEqual((await listDocuments()).map((d) => d.id));

    await updateDocument('d07', { status: 'processing' });
    await expect.poll(() => seen.length).toBe(2);
    const [before, after] = [seen[0]!, seen[1]!];
    expect(after.map((d) => d.id)).toEqual(before.map((d) => d.id));
    for (const [i, d] of after.entries()) {
      if (d.id === 'd07') expect(d).toMatchObject({ status: 'processing' });
      else expect(d).toBe(before[i]);
    }

    await addDocument(doc('new', 99));
    await deleteDocumentCascade('d03');
    await expect.poll(() => seen.at(-1)?.map((d) => d.id)).toEqual(
      (await listDocuments()).map((d) => d.id),
    );
    expect(seen.at(-1)?.[0]?.id).toBe('new');
    expect(seen.at(-1)?.some((d) => d.id === 'd03')).toBe(false);
    stop();
  });
});
