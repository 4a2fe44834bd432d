// Named errors that leave the storage layer. Each carries a stable `kind` the UI localises
// by, and an English message a person can act on (used as-is in logs and developer mode).

export type DataImportErrorKind =
  'not-json' | 'not-omnia-export' | 'newer-schema' | 'invalid-table' | 'invalid-row' | 'too-large';

/** Where in the file an import problem was found, when it is about one table or row. */
export interface DataImportErrorPlace {
  table?: string;
  /** Zero-based index of the row within its table. */
  row?: number;
}

/** An export file that cannot be imported; nothing stored was changed. */
export class DataImportError extends Error {
  readonly kind: DataImportErrorKind;
  readonly table: string | undefined;
  readonly row: number | undefined;

  constructor(
    kind: DataImportErrorKind,
    message: string,
    place: DataImportErrorPlace = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DataImportError';
    this.kind = kind;
    this.table = place.table;
    this.row = place.row;
  }
}

/** A stored value that JSON cannot carry, even encoded; nothing was exported. */
export class DataExportError extends Error {
  readonly table: string;
  readonly row: number;

  constructor(table: string, row: number, problem: string, options?: ErrorOptions) {
    super(
      `Omnia could not export row ${row + 1} of '${table}': ${problem}. ` +
        'Please report this in developer mode with the row details; your data is unchanged.',
      options,
    );
    this.name = 'DataExportError';
    this.table = table;
    this.row = row;
  }
}

export type StorageWriteErrorKind = 'quota-exceeded' | 'write-failed' | 'not-found';

/** The browser refused a write (full disk, private mode limits…); nothing was changed. */
export class StorageWriteError extends Error {
  readonly kind: StorageWriteErrorKind;

  constructor(kind: StorageWriteErrorKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StorageWriteError';
    this.kind = kind;
  }
}

function isQuotaError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // Dexie wraps DOMExceptions; the original sits in `inner`.
  const inner = (error as { inner?: unknown }).inner;
  return error.name === 'QuotaExceededError' || (inner !== undefined && isQuotaError(inner));
}

/** Turns whatever IndexedDB threw during a write into a StorageWriteError. */
export function toStorageWriteError(error: unknown, doing: string): StorageWriteError {
  if (error instanceof StorageWriteError) return error;
  if (isQuotaError(error)) {
    return new StorageWriteError(
      'quota-exceeded',
      `The browser has no room left to store Omnia's data while ${doing}. ` +
        'Free some space (delete documents, models or other site data) and try again; nothing was changed.',
      { cause: error },
    );
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new StorageWriteError(
    'write-failed',
    `The browser refused to save Omnia's data while ${doing} (${detail}). Nothing was changed; try again, ` +
      'and if it keeps failing, reload the page.',
    { cause: error },
  );
}

/** A setting was given a value outside its allowed set. */
export class SettingValueError extends Error {
  readonly key: string;

  constructor(key: string, value: unknown) {
    super(`The setting '${key}' cannot be ${JSON.stringify(value) ?? String(value)}.`);
    this.name = 'SettingValueError';
    this.key = key;
  }
}
