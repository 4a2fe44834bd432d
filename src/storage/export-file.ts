// Reads and checks an Omnia export file before anything stored is touched: JSON, envelope,
// version, table names, rows and their keys. Import is all-or-nothing, so every problem a
// file can have must surface here, as a DataImportError a person can act on.
import { DataImportError } from './errors';
import { decodeValue, ExportCodecError } from './export-codec';
import { type ExportTables, upgradeExportTables } from './export-upgrades';
import {
  CURRENT_SCHEMA_VERSION,
  primaryKeyOf,
  SCHEMA_VERSIONS,
  storesAt,
  TABLE_NAMES,
  DEVICE_TABLES,
  type TableName,
} from './schema';

export const EXPORT_FORMAT = 'omnia-export';
export const EXPORT_FORMAT_VERSION = 1;
/** Larger files cannot be read into one string by any browser we support. */
export const MAX_IMPORT_BYTES = 2 * 1024 ** 3;

/** A checked export, upgraded to the current schema, ready to be written. */
export interface CheckedExport {
  schemaVersion: number;
  tables: Record<TableName, object[]>;
}

const AGAIN = 'Choose a file made by Settings › Export.';
const DAMAGED = 'The file may be damaged or edited by hand; export again from Settings › Export.';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

/** IndexedDB's rule for what may be a key. */
function isValidKey(key: unknown): boolean {
  if (typeof key === 'string') return true;
  if (typeof key === 'number') return !Number.isNaN(key);
  if (key instanceof Date) return !Number.isNaN(key.getTime());
  if (key instanceof ArrayBuffer || ArrayBuffer.isView(key)) return true;
  return Array.isArray(key) && key.every(isValidKey);
}

function parse(text: string): unknown {
  try {
    // A byte-order mark is what some editors add; JSON.parse rejects it.
    return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    throw new DataImportError(
      'not-json',
      `This file is not valid JSON, so it cannot be an Omnia export. ${AGAIN}`,
      {},
      { cause: error },
    );
  }
}

function incomplete(problem: string): DataImportError {
  return new DataImportError(
    'not-omnia-export',
    `This file looks like an Omnia export, but ${problem}. ${DAMAGED}`,
  );
}

function checkEnvelope(doc: unknown): { schemaVersion: number; tables: Record<string, unknown> } {
  if (!isObject(doc) || doc.format !== EXPORT_FORMAT) {
    throw new DataImportError(
      'not-omnia-export',
      `This file is not an Omnia export: it has no 'format': '${EXPORT_FORMAT}' field. ${AGAIN}`,
    );
  }
  const { formatVersion, schemaVersion, tables } = doc;
  if (isWholeNumber(formatVersion) && formatVersion > EXPORT_FORMAT_VERSION) {
    throw new DataImportError(
      'newer-schema',
      `This export was written in a newer file format (${formatVersion}; this app reads up to ` +
        `${EXPORT_FORMAT_VERSION}). Update Omnia, then import the file again.`,
    );
  }
  if (isWholeNumber(schemaVersion) && schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new DataImportError(
      'newer-schema',
      `This export was made by a newer version of Omnia (data version ${schemaVersion}; this ` +
        `app reads up to ${CURRENT_SCHEMA_VERSION}). Update Omnia, then import the file again.`,
    );
  }
  if (formatVersion !== EXPORT_FORMAT_VERSION) throw incomplete("its 'formatVersion' is missing");
  if (!isWholeNumber(schemaVersion) || !SCHEMA_VERSIONS.some((v) => v.version === schemaVersion)) {
    throw incomplete("its 'schemaVersion' is missing or unknown");
  }
  if (!isObject(tables)) throw incomplete("its 'tables' field is missing or not an object");
  return { schemaVersion, tables };
}

function badRow(table: string, row: number, problem: string): DataImportError {
  return new DataImportError(
    'invalid-row',
    `Row ${row + 1} of table '${table}' ${problem}. ${DAMAGED}`,
    { table, row },
  );
}

/** Rows must be objects carrying their own primary key (auto-increment keys may be absent). */
function checkRows(table: string, storeSpec: string, rows: readonly object[]): void {
  const { keyPath, autoIncrement } = primaryKeyOf(storeSpec);
  rows.forEach((row, index) => {
    if (!isObject(row)) throw badRow(table, index, 'is not an object');
    const key = row[keyPath];
    if (key === undefined && autoIncrement) return;
    if (key === undefined) throw badRow(table, index, `has no '${keyPath}'`);
    if (!isValidKey(key)) throw badRow(table, index, `has a '${keyPath}' that cannot be a key`);
  });
}

function decodeRows(table: string, rows: readonly unknown[]): object[] {
  return rows.map((row, index) => {
    if (!isObject(row)) throw badRow(table, index, 'is not an object');
    try {
      return decodeValue(row) as object;
    } catch (error) {
      if (!(error instanceof ExportCodecError)) throw error;
      throw badRow(table, index, `cannot be read: ${error.message}`);
    }
  });
}

function checkTables(
  tables: Record<string, unknown>,
  schemaVersion: number,
): Record<string, unknown[]> {
  const stores = storesAt(schemaVersion);
  for (const [name, rows] of Object.entries(tables)) {
    if (!Object.hasOwn(stores, name)) {
      throw new DataImportError(
        'invalid-table',
        `This export has a table named '${name}', which Omnia does not know. ${DAMAGED}`,
        { table: name },
      );
    }
    if (!Array.isArray(rows)) {
      throw new DataImportError(
        'invalid-table',
        `The table '${name}' in this export is not a list of rows. ${DAMAGED}`,
        { table: name },
      );
    }
  }
  // Device tables are never exported (schema.ts), so their absence loses nothing.
  const device: readonly string[] = Object.values(DEVICE_TABLES);
  const missing = Object.keys(stores).find(
    (name) => !device.includes(name) && !Object.hasOwn(tables, name),
  );
  if (missing !== undefined) {
    // Importing replaces everything, so a missing table would silently erase that data.
    throw new DataImportError(
      'invalid-table',
      `This export has no '${missing}' table, so importing it would erase those records. ${DAMAGED}`,
      { table: missing },
    );
  }
  return tables as Record<string, unknown[]>;
}

/**
 * Parses and fully checks the text of an export file, upgrading older files to the
 * current schema.
 * @throws DataImportError for anything that would make the import fail or lose data.
 */
export function readExportText(text: string): CheckedExport {
  const { schemaVersion, tables } = checkEnvelope(parse(text));
  const raw = checkTables(tables, schemaVersion);
  const stores = storesAt(schemaVersion);
  const decoded: ExportTables = {};
  for (const [name, rows] of Object.entries(raw)) {
    decoded[name] = decodeRows(name, rows);
    checkRows(name, stores[name] ?? '', decoded[name]);
  }
  const upgraded = upgradeExportTables(decoded, schemaVersion);
  const current = storesAt(CURRENT_SCHEMA_VERSION);
  const result = {} as Record<TableName, object[]>;
  for (const name of TABLE_NAMES) {
    const rows = upgraded[name] ?? [];
    checkRows(name, current[name] ?? '', rows);
    result[name] = rows;
  }
  return { schemaVersion, tables: result };
}
