// The kept originals of media documents on a real IndexedDB (fake-indexeddb): they round-trip
// byte for byte, go with their document, travel in exports as Blobs, come back on import
// (an older export without the table imports with none), and go with "delete all".
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  addDocument,
  deleteAllData,
  deleteDocumentCascade,
  deleteDocumentSource,
  exportAllData,
  getDocumentSource,
  hasDocumentSource,
  importAllData,
  putDocumentSource,
  type DocumentRecord,
  type DocumentSource,
} from '../../../src/storage';
import { fileOf } from './storage-helpers';

const BYTES = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0, 1, 2, 250, 255]);

function doc(id: string): DocumentRecord {
  return {
    id,
    name: `${id}.webm`,
    mimeType: 'video/webm',
    size: BYTES.length,
    addedAt: 1,
    status: 'waiting',
    waitingFor: 'video',
    collectionIds: [],
  };
}

function source(documentId: string): DocumentSource {
  return {
    documentId,
    blob: new File([BYTES], `${documentId}.webm`, { type: 'video/webm', lastModified: 5 }),
    name: `${documentId}.webm`,
    mimeType: 'video/webm',
  };
}

async function bytesOf(blob: Blob | undefined): Promise<number[]> {
  return blob ? [...new Uint8Array(await blob.arrayBuffer())] : [];
}

beforeEach(() => deleteAllData());

describe('document sources', () => {
  it('keeps the original bytes, replaces them, and deletes them', async () => {
    await putDocumentSource(source('a'));
    expect(await hasDocumentSource('a')).toBe(true);
    expect(await hasDocumentSource('b')).toBe(false);
    const kept = await getDocumentSource('a');
    expect(kept).toMatchObject({ documentId: 'a', name: 'a.webm', mimeType: 'video/webm' });
    expect(await bytesOf(kept?.blob)).toEqual([...BYTES]);

    await putDocumentSource({ ...source('a'), blob: new Blob([new Uint8Array([7])]) });
    expect(await bytesOf((await getDocumentSource('a'))?.blob)).toEqual([7]);

    await deleteDocumentSource('a');
    expect(await getDocumentSource('a')).toBeUndefined();
  });

  it('goes when its document is removed, and only that one', async () => {
    await addDocument(doc('a'));
    await addDocument(doc('b'));
    await putDocumentSource(source('a'));
    await putDocumentSource(source('b'));
    await deleteDocumentCascade('a');
    expect(await hasDocumentSource('a')).toBe(false);
    expect(await hasDocumentSource('b')).toBe(true);
  });

  it('is exported with its bytes and imported back', async () => {
    await addDocument(doc('a'));
    await putDocumentSource(source('a'));
    const file = await exportAllData();
    const tables = (JSON.parse(await file.text()) as { tables: Record<string, unknown[]> }).tables;
    expect(tables['documentSources']).toHaveLength(1);

    await deleteAllData();
    expect(await getDocumentSource('a')).toBeUndefined();
    const summary = await importAllData(file);
    expect(summary.tables.documentSources).toBe(1);
    const back = await getDocumentSource('a');
    expect(back?.blob).toBeInstanceOf(Blob);
    expect(back?.blob.type).toBe('video/webm');
    expect(await bytesOf(back?.blob)).toEqual([...BYTES]);
  });

  it('an export from before the table existed imports with no sources', async () => {
    await putDocumentSource(source('a'));
    const old = {
      format: 'omnia-export',
      formatVersion: 1,
      schemaVersion: 3,
      exportedAt: '2024-01-01T00:00:00.000Z',
      tables: {
        conversations: [],
        messages: [],
        documents: [doc('x')],
        chunks: [],
        collections: [],
        settings: [],
        jobs: [],
        events: [],
        researchSessions: [],
      },
    };
    const summary = await importAllData(fileOf(old));
    expect(summary.tables.documentSources).toBe(0);
    expect(summary.tables.documents).toBe(1);
    expect(await getDocumentSource('a')).toBeUndefined();
  });

  it('an export of this version without the table is refused, so nothing is erased', async () => {
    await putDocumentSource(source('a'));
    const broken = {
      format: 'omnia-export',
      formatVersion: 1,
      schemaVersion: 4,
      tables: {
        conversations: [],
        messages: [],
        documents: [],
        chunks: [],
        collections: [],
        settings: [],
        jobs: [],
        events: [],
        researchSessions: [],
      },
    };
    await expect(importAllData(fileOf(broken))).rejects.toThrow(/no 'documentSources' table/);
    expect(await hasDocumentSource('a')).toBe(true);
  });

  it('delete-all removes them', async () => {
    await putDocumentSource(source('a'));
    await deleteAllData();
    expect(await hasDocumentSource('a')).toBe(false);
  });
});
