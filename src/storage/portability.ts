// Export, import and erase of everything Omnia stores: the person's way to back up, move
// to another browser, or start over. Import replaces all data in one transaction, so a
// bad file or a failed write leaves what was stored exactly as it was.
import { type IndexableType, type Table } from 'dexie';
import { getDatabase, type OmniaDatabase } from './db';
import { DataExportError, DataImportError, toStorageWriteError } from './errors';
import { encodeValue, ExportCodecError } from './export-codec';
import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  MAX_IMPORT_BYTES,
  readExportText,
} from './export-file';
import { resetLibraryIndex } from './library-index-repo';
import { CURRENT_SCHEMA_VERSION, DERIVED_TABLES, TABLE_NAMES, type TableName } from './schema';

export interface ImportSummary {
  /** Rows written, all tables together. */
  total: number;
  tables: Record<TableName, number>;
}

function tableOf(db: OmniaDatabase, name: TableName): Table<object, IndexableType> {
  return db.table<object, IndexableType>(name);
}

function byTable<T>(values: readonly T[]): Record<TableName, T> {
  return Object.fromEntries(TABLE_NAMES.map((name, i) => [name, values[i]])) as Record<
    TableName,
    T
  >;
}

async function encodeRow(table: TableName, index: number, row: object): Promise<string> {
  try {
    return JSON.stringify(await encodeValue(row));
  } catch (error) {
    if (!(error instanceof ExportCodecError)) throw error;
    throw new DataExportError(table, index, error.message, { cause: error });
  }
}

/**
 * Everything stored, as one `application/json` file: tables in TABLES order, rows in
 * primary-key order, so the same data always gives the same file (apart from `exportedAt`).
 */
export async function exportAllData(): Promise<Blob> {
  const db = getDatabase();
  // One read transaction, so the file is a consistent snapshot; encoding happens after it,
  // because reading Blob bytes inside would let IndexedDB commit the transaction early.
  const snapshot = await db.transaction('r', TABLE_NAMES, () =>
    Promise.all(TABLE_NAMES.map((name) => tableOf(db, name).toArray())),
  );
  const head = JSON.stringify({
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    exportedAt: new Date().toISOString(),
  });
  // Many small parts instead of one string: a large export would exceed the string limit.
  const parts: string[] = [`${head.slice(0, -1)},"tables":{`];
  for (const [t, name] of TABLE_NAMES.entries()) {
    const rows = snapshot[t] ?? [];
    parts.push(`${t > 0 ? ',' : ''}\n${JSON.stringify(name)}:[`);
    for (const [i, row] of rows.entries()) {
      parts.push(`${i > 0 ? ',' : ''}\n${await encodeRow(name, i, row)}`);
    }
    parts.push(rows.length > 0 ? '\n]' : ']');
  }
  parts.push('\n}}\n');
  return new Blob(parts, { type: 'application/json' });
}

/** The file name an export is offered under, by the person's local date. */
export function exportFileName(now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `omnia-export-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

async function readText(file: Blob): Promise<string> {
  if (file.size > MAX_IMPORT_BYTES) {
    throw new DataImportError(
      'too-large',
      `This file is ${gib(file.size)}; Omnia can import files up to ${gib(MAX_IMPORT_BYTES)}. ` +
        'Choose a smaller export.',
    );
  }
  try {
    return await file.text();
  } catch (error) {
    if (error instanceof RangeError) {
      throw new DataImportError(
        'too-large',
        `This file (${gib(file.size)}) is too large for this browser to read at once. ` +
          'Try another browser, or a smaller export.',
        {},
        { cause: error },
      );
    }
    throw new DataImportError(
      'not-json',
      'Omnia could not read this file (it may have been moved or changed while reading). ' +
        'Choose it again.',
      {},
      { cause: error },
    );
  }
}

/** A duplicate key inside the file shows up only as the write fails; name the row. */
function duplicateRowError(table: TableName, error: unknown): DataImportError | undefined {
  const failures = (error as { failuresByPos?: Record<number, Error> } | null)?.failuresByPos;
  if (!failures) return undefined;
  const first = Object.keys(failures)
    .map(Number)
    .sort((a, b) => a - b)[0];
  if (first === undefined || failures[first]?.name !== 'ConstraintError') return undefined;
  return new DataImportError(
    'invalid-row',
    `Row ${first + 1} of table '${table}' has the same key as an earlier row. ` +
      'The file may be damaged or edited by hand; export again from Settings › Export.',
    { table, row: first },
    { cause: error },
  );
}

/**
 * Replaces ALL stored data with the contents of an export file. The whole file is read
 * and checked first; then every table is cleared and refilled in one transaction.
 * @throws DataImportError when the file cannot be imported (see `kind`).
 * @throws StorageWriteError when the browser refuses the write.
 * Either way nothing stored has changed.
 */
export async function importAllData(file: Blob): Promise<ImportSummary> {
  const checked = readExportText(await readText(file));
  const db = getDatabase();
  try {
    await db.transaction('rw', [...TABLE_NAMES, ...DERIVED_TABLES], async (tx) => {
      // Vectors and the keyword snapshot were computed from the data being replaced.
      await resetLibraryIndex(tx);
      for (const name of TABLE_NAMES) {
        const table = tableOf(db, name);
        await table.clear();
        const rows = checked.tables[name];
        if (rows.length === 0) continue;
        try {
          await table.bulkAdd(rows);
        } catch (error) {
          throw duplicateRowError(name, error) ?? error;
        }
      }
    });
  } catch (error) {
    if (error instanceof DataImportError) throw error;
    throw toStorageWriteError(error, 'importing');
  }
  const counts = TABLE_NAMES.map((name) => checked.tables[name].length);
  return { total: counts.reduce((a, b) => a + b, 0), tables: byTable(counts) };
}

/**
 * Erases every table of the person's data, and the Library vectors and snapshot derived from
 * it, in one transaction; the database stays open and usable. Model installs stay.
 */
export async function deleteAllData(): Promise<void> {
  const db = getDatabase();
  try {
    await db.transaction('rw', [...TABLE_NAMES, ...DERIVED_TABLES], async (tx) => {
      await resetLibraryIndex(tx);
      await Promise.all(TABLE_NAMES.map((name) => tableOf(db, name).clear()));
    });
  } catch (error) {
    throw toStorageWriteError(error, 'erasing');
  }
}

/** How many rows each table holds, read in one consistent transaction. */
export async function countRows(): Promise<Record<TableName, number>> {
  const db = getDatabase();
  const counts = await db.transaction('r', TABLE_NAMES, () =>
    Promise.all(TABLE_NAMES.map((name) => tableOf(db, name).count())),
  );
  return byTable(counts);
}
