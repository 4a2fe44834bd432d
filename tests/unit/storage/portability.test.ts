// Export, import, delete-all and counts against a real IndexedDB (fake-indexeddb in Node):
// the person's backup must come back byte for byte.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDatabase } from '../../../src/storage/db';
import {
  countRows,
  deleteAllData,
  exportAllData,
  exportFileName,
  importAllData,
} from '../../../src/storage/portability';
import { CURRENT_SCHEMA_VERSION, TABLE_NAMES } from '../../../src/storage/schema';
import { sampleRows } from './sample-rows';
import { seedAll, storedText, withoutTimestamp } from './storage-helpers';

function zeroCounts(): Record<string, number> {
  return Object.fromEntries(TABLE_NAMES.map((name) => [name, 0]));
}

function sampleCounts(): Record<string, number> {
  const rows = sampleRows();
  return Object.fromEntries(TABLE_NAMES.map((name) => [name, rows[name].length]));
}

beforeEach(async () => {
  await deleteAllData();
});

describe('exportAllData', () => {
  it('writes the envelope and every table, empty ones included, in TABLES order', async () => {
    await getDatabase().collections.add({ id: 'k', name: 'Só uma', createdAt: 1 });
    const blob = await exportAllData();
    expect(blob.type).toBe('application/json');
    const doc = JSON.parse(await blob.text()) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual([
      'format',
      'formatVersion',
      'schemaVersion',
      'exportedAt',
      'tables',
    ]);
    expect(doc).toMatchObject({
      format: 'omnia-export',
      formatVersion: 1,
      schemaVersion: CURRENT_SCHEMA_VERSION,
    });
    expect(new Date(doc.exportedAt as string).toISOString()).toBe(doc.exportedAt);
    const tables = doc.tables as Record<string, unknown[]>;
    expect(Object.keys(tables)).toEqual([...TABLE_NAMES]);
    expect(tables.collections).toEqual([{ id: 'k', name: 'Só uma', createdAt: 1 }]);
    expect(tables.messages).toEqual([]);
  });

  it('writes rows in primary-key order with their keys in stored order', async () => {
    const db = getDatabase();
    await db.collections.bulkAdd([
      { id: 'b', name: 'B', createdAt: 2 },
      { id: 'a', name: 'A', createdAt: 1 },
    ]);
    await db.settings.add({ value: 1, key: 'zeta' });
    const tables = (
      JSON.parse(await (await exportAllData()).text()) as { tables: Record<string, object[]> }
    ).tables;
    expect(tables.collections!.map((r) => (r as { id: string }).id)).toEqual(['a', 'b']);
    expect(Object.keys(tables.settings![0]!)).toEqual(['value', 'key']);
  });

  it('encodes Blobs, bytes and Dates as tagged values', async () => {
    await seedAll(sampleRows());
    const doc = JSON.parse(await (await exportAllData()).text()) as {
      tables: {
        messages: { attachments?: { data: unknown }[] }[];
        jobs: { input: Record<string, unknown> }[];
      };
    };
    expect(doc.tables.messages[0]!.attachments![0]!.data).toEqual({
      $omnia: 'blob',
      type: 'text/plain',
      base64: Buffer.from('ação 🚀').toString('base64'),
    });
    expect(doc.tables.jobs[0]!.input.since).toEqual({
      $omnia: 'date',
      iso: '2024-02-29T12:00:00.000Z',
    });
    expect(doc.tables.jobs[0]!.input.buffer).toEqual({
      $omnia: 'bytes',
      kind: 'ArrayBuffer',
      base64: 'CQgH',
    });
    expect(doc.tables.jobs[0]!.input.quirk).toEqual({
      $omnia: 'object',
      value: { $omnia: 'blob', note: 'a stored object with this key must not pass for a tag' },
    });
  });

  it('gives the same text for the same data', async () => {
    await seedAll(sampleRows());
    expect(await storedText()).toBe(await storedText());
  });
});

describe('exportFileName', () => {
  it('names the file by local date', () => {
    expect(exportFileName(new Date(2025, 0, 5, 23, 59))).toBe('omnia-export-2025-01-05.json');
    expect(exportFileName(new Date(2024, 11, 31))).toBe('omnia-export-2024-12-31.json');
    expect(exportFileName()).toMatch(/^omnia-export-\d{4}-\d{2}-\d{2}\.json$/);
  });
});

describe('round trip', () => {
  it('export → delete all → import gives back exactly the same data', async () => {
    await seedAll(sampleRows());
    const first = await exportAllData();
    const firstText = withoutTimestamp(await first.text());
    const before = await countRows();
    expect(before).toEqual(sampleCounts());

    await deleteAllData();
    expect(await countRows()).toEqual(zeroCounts());

    const summary = await importAllData(first);
    expect(summary.tables).toEqual(sampleCounts());
    expect(summary.total).toBe(Object.values(sampleCounts()).reduce((a, b) => a + b, 0));
    expect(await countRows()).toEqual(before);
    expect(await storedText()).toBe(firstText);
  });

  it('stores real Blobs, Files, typed arrays and Dates after import', async () => {
    await seedAll(sampleRows());
    const file = await exportAllData();
    await deleteAllData();
    await importAllData(file);
    const db = getDatabase();
    const message = await db.messages.get('m1');
    const [note, bytes] = message!.attachments!;
    expect(note!.data).toBeInstanceOf(Blob);
    expect(await note!.data.text()).toBe('ação 🚀');
    // Node's structured clone (under fake-indexeddb) stores a File as a plain Blob; browsers
    // keep the File, and the codec test covers its name and date.
    expect(bytes!.data).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await bytes!.data.arrayBuffer())]).toEqual([0, 1, 2, 253, 254, 255]);
    const input = (await db.jobs.get('j1'))!.input as Record<string, unknown>;
    expect(input).toEqual(sampleRows().jobs[0]!.input);
    expect(input.vector).toBeInstanceOf(Float32Array);
    expect((await db.messages.get('m2'))!.timings!.tokensPerSecond).toBe(Infinity);
  });

  it('keeps indexes working and auto-increment ids counting on after import', async () => {
    await seedAll(sampleRows());
    const file = await exportAllData();
    await deleteAllData();
    await importAllData(file);
    const db = getDatabase();
    const inOrder = await db.chunks
      .where('[documentId+order]')
      .between(['d1', 0], ['d1', Infinity])
      .toArray();
    expect(inOrder.map((c) => c.id)).toEqual(['d1-0', 'd1-1']);
    expect(await db.documents.where('collectionIds').equals('k1').primaryKeys()).toEqual(['d1']);
    expect(await db.events.add({ at: 3, kind: 'after-import' })).toBe(3);
  });

  it('import replaces, rather than merges with, what was stored', async () => {
    await seedAll(sampleRows());
    const file = await exportAllData();
    await getDatabase().collections.add({ id: 'extra', name: 'added later', createdAt: 9 });
    await getDatabase().messages.delete('m2');
    await importAllData(file);
    expect(await getDatabase().collections.get('extra')).toBeUndefined();
    expect(await getDatabase().messages.get('m2')).toBeDefined();
    expect(await countRows()).toEqual(sampleCounts());
  });

  it('imports an export of an empty database, emptying the store', async () => {
    const empty = await exportAllData();
    await seedAll(sampleRows());
    expect(await importAllData(empty)).toEqual({ total: 0, tables: zeroCounts() });
    expect(await countRows()).toEqual(zeroCounts());
  });

  it('accepts a file that starts with a byte-order mark', async () => {
    await seedAll(sampleRows());
    const text = await (await exportAllData()).text();
    await deleteAllData();
    await importAllData(new Blob(['\uFEFF', text]));
    expect(await countRows()).toEqual(sampleCounts());
  });
});

describe('deleteAllData and countRows', () => {
  it('counts rows per table', async () => {
    expect(await countRows()).toEqual(zeroCounts());
    await seedAll(sampleRows());
    expect(await countRows()).toEqual(sampleCounts());
  });

  it('empties every table and leaves the database usable', async () => {
    await seedAll(sampleRows());
    await deleteAllData();
    expect(await countRows()).toEqual(zeroCounts());
    const db = getDatabase();
    await db.conversations.add(sampleRows().conversations[0]!);
    expect((await db.conversations.get('c1'))!.title).toBe('Café com açúcar ☕ — résumé 😀');
    expect(await countRows()).toEqual({ ...zeroCounts(), conversations: 1 });
  });
});
