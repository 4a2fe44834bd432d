// Every way an import can fail must leave what was stored exactly as it was: each case
// compares a full export taken before the attempt with one taken after it.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '../../../src/storage/db';
import {
  DataImportError,
  StorageWriteError,
  type DataImportErrorKind,
} from '../../../src/storage/errors';
import { deleteAllData, exportAllData, importAllData } from '../../../src/storage/portability';
import { CURRENT_SCHEMA_VERSION } from '../../../src/storage/schema';
import { sampleRows } from './sample-rows';
import { fileOf, seedAll, storedText } from './storage-helpers';

type ExportDoc = {
  format: string;
  formatVersion: number;
  schemaVersion: number;
  tables: Record<string, unknown[]>;
};

/** A valid export of different data than what is stored, to be broken by each test. */
async function otherExport(): Promise<ExportDoc> {
  const text = await storedText();
  const doc = JSON.parse(text) as ExportDoc;
  doc.tables.collections = [{ id: 'from-file', name: 'Do arquivo', createdAt: 5 }];
  doc.tables.messages = [];
  return doc;
}

async function expectRefused(
  file: Blob,
  kind: DataImportErrorKind,
  message?: RegExp,
): Promise<DataImportError> {
  const before = await storedText();
  const error = await importAllData(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataImportError);
  const importError = error as DataImportError;
  expect(importError.name).toBe('DataImportError');
  expect(importError.kind).toBe(kind);
  if (message) expect(importError.message).toMatch(message);
  expect(await storedText(), 'stored data must be untouched').toBe(before);
  return importError;
}

beforeEach(async () => {
  vi.restoreAllMocks();
  await deleteAllData();
  await seedAll(sampleRows());
});

describe('importAllData refuses bad files and changes nothing', () => {
  it('not-json: a file that is not JSON', async () => {
    await expectRefused(new Blob(['hello, world']), 'not-json', /not valid JSON/);
    await expectRefused(new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])]), 'not-json');
  });

  it('not-omnia-export: JSON of another shape', async () => {
    const message =
      /not an Omnia export: it has no 'format': 'omnia-export' field\. Choose a file made by Settings › Export\./;
    await expectRefused(fileOf({ hello: 'world' }), 'not-omnia-export', message);
    await expectRefused(fileOf([1, 2, 3]), 'not-omnia-export', message);
    await expectRefused(fileOf(null), 'not-omnia-export', message);
    await expectRefused(fileOf({ format: 'other-app' }), 'not-omnia-export', message);
  });

  it('not-omnia-export: the envelope is incomplete', async () => {
    const doc = await otherExport();
    await expectRefused(
      fileOf({ ...doc, formatVersion: undefined }),
      'not-omnia-export',
      /formatVersion/,
    );
    await expectRefused(
      fileOf({ ...doc, schemaVersion: '1' }),
      'not-omnia-export',
      /schemaVersion/,
    );
    await expectRefused(fileOf({ ...doc, schemaVersion: 0 }), 'not-omnia-export', /schemaVersion/);
    await expectRefused(fileOf({ ...doc, tables: [] }), 'not-omnia-export', /'tables'/);
  });

  it('newer-schema: made by a newer Omnia', async () => {
    const doc = await otherExport();
    const error = await expectRefused(
      fileOf({ ...doc, schemaVersion: CURRENT_SCHEMA_VERSION + 1 }),
      'newer-schema',
      /newer version of Omnia.*Update Omnia/,
    );
    expect(error.message).toContain(`data version ${CURRENT_SCHEMA_VERSION + 1}`);
    await expectRefused(fileOf({ ...doc, formatVersion: 2 }), 'newer-schema', /newer file format/);
  });

  it('invalid-table: an unknown table, a table that is not a list, a missing table', async () => {
    const doc = await otherExport();
    const unknown = await expectRefused(
      fileOf({ ...doc, tables: { ...doc.tables, widgets: [] } }),
      'invalid-table',
      /'widgets'/,
    );
    expect(unknown.table).toBe('widgets');
    await expectRefused(
      fileOf({ ...doc, tables: { ...doc.tables, chunks: {} } }),
      'invalid-table',
      /'chunks'/,
    );
    const { jobs: _jobs, ...withoutJobs } = doc.tables;
    await expectRefused(
      fileOf({ ...doc, tables: withoutJobs }),
      'invalid-table',
      /no 'jobs' table/,
    );
    await expectRefused(
      new Blob([JSON.stringify(doc).replace('"tables":{', '"tables":{"__proto__":[],')]),
      'invalid-table',
    );
  });

  it('invalid-row: a row that is not an object, or lacks its key', async () => {
    const doc = await otherExport();
    const notObject = await expectRefused(
      fileOf({ ...doc, tables: { ...doc.tables, chunks: [...doc.tables.chunks!, 'text'] } }),
      'invalid-row',
      /Row 4 of table 'chunks' is not an object/,
    );
    expect([notObject.table, notObject.row]).toEqual(['chunks', 3]);
    await expectRefused(
      fileOf({ ...doc, tables: { ...doc.tables, documents: [{ name: 'no id' }] } }),
      'invalid-row',
      /Row 1 of table 'documents' has no 'id'/,
    );
    await expectRefused(
      fileOf({ ...doc, tables: { ...doc.tables, settings: [{ key: null, value: 1 }] } }),
      'invalid-row',
      /'settings' has a 'key' that cannot be a key/,
    );
    await expectRefused(
      fileOf({ ...doc, tables: { ...doc.tables, collections: [['id', 'x']] } }),
      'invalid-row',
      /not an object/,
    );
  });

  it('invalid-row: a damaged encoded value', async () => {
    const doc = await otherExport();
    const rows = [
      { id: 'j', kind: 'k', input: { file: { $omnia: 'blob', type: 'x', base64: '%%%' } } },
    ];
    await expectRefused(
      fileOf({ ...doc, tables: { ...doc.tables, jobs: rows } }),
      'invalid-row',
      /Row 1 of table 'jobs' cannot be read: input\.file has damaged base64 data/,
    );
  });

  it('accepts events without an id, since the database assigns them', async () => {
    const doc = await otherExport();
    doc.tables.events = [{ at: 1, kind: 'no-id' }];
    await importAllData(fileOf(doc));
    const [event] = await getDatabase().events.toArray();
    expect(event).toMatchObject({ at: 1, kind: 'no-id' });
    expect(typeof event!.id).toBe('number');
  });

  it('too-large: over 2 GiB is refused before reading', async () => {
    const text = vi.fn(() => Promise.resolve('{}'));
    const huge = { size: 2 * 1024 ** 3 + 1, type: 'application/json', text } as unknown as Blob;
    await expectRefused(huge, 'too-large', /2\.0 GiB/);
    expect(text).not.toHaveBeenCalled();
  });

  it('too-large: a file the browser cannot read into one string', async () => {
    const tooLong = {
      size: 1024 ** 3,
      text: () => Promise.reject(new RangeError('Invalid string length')),
    } as unknown as Blob;
    await expectRefused(tooLong, 'too-large', /too large for this browser/);
  });
});

describe('importAllData is all-or-nothing when a write fails mid-way', () => {
  it('duplicate keys in the last table: the transaction rolls back every table', async () => {
    const doc = await otherExport();
    // Passes validation; bulkAdd fails only on the last table, after the others were rewritten.
    doc.tables.events = [
      { id: 1, at: 1, kind: 'a' },
      { id: 1, at: 2, kind: 'b' },
    ];
    const error = await expectRefused(
      fileOf(doc),
      'invalid-row',
      /Row 2 of table 'events' has the same key/,
    );
    expect([error.table, error.row]).toEqual(['events', 1]);
    expect(await getDatabase().collections.get('from-file')).toBeUndefined();
  });

  it('the browser refusing a write: StorageWriteError, and nothing lost', async () => {
    const before = await storedText();
    // The table object import writes through (Dexie keeps a separate one behind `db.chunks`).
    const spy = vi
      .spyOn(getDatabase().table('chunks'), 'bulkAdd')
      .mockRejectedValue(new DOMException('disk full', 'QuotaExceededError'));
    const error = await importAllData(fileOf(await otherExport())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageWriteError);
    expect(spy).toHaveBeenCalledOnce();
    expect((error as StorageWriteError).kind).toBe('quota-exceeded');
    expect((error as StorageWriteError).name).toBe('StorageWriteError');
    vi.restoreAllMocks();
    expect(await storedText()).toBe(before);
  });

  it('any other write failure: StorageWriteError write-failed, and nothing lost', async () => {
    const before = await storedText();
    const spy = vi
      .spyOn(getDatabase().table('jobs'), 'bulkAdd')
      .mockRejectedValue(new Error('boom'));
    const error = await importAllData(fileOf(await otherExport())).catch((e: unknown) => e);
    expect(spy).toHaveBeenCalledOnce();
    expect((error as StorageWriteError).kind).toBe('write-failed');
    expect((error as StorageWriteError).message).toMatch(/boom/);
    vi.restoreAllMocks();
    expect(await storedText()).toBe(before);
  });

  it('still imports cleanly after a failed attempt', async () => {
    const good = await exportAllData();
    const doc = await otherExport();
    doc.tables.events = [
      { id: 1, at: 1, kind: 'a' },
      { id: 1, at: 2, kind: 'b' },
    ];
    await importAllData(fileOf(doc)).catch(() => undefined);
    await deleteAllData();
    await importAllData(good);
    expect(await getDatabase().messages.count()).toBe(sampleRows().messages.length);
  });
});
