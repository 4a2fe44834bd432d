// What CSV and XLSX share: deciding whether the first row is a header, naming columns when it
// is not (A, B, C… as a spreadsheet does), and turning one row into the text of a 'row' block,
// "Header: value; Header: value", so every chunk of a table says what its numbers mean —
// and the caps on columns and row length that keep one row from flooding the index.
import type { IngestProblem } from '../types';

export type TableCell = string | number | boolean | Date | null | undefined;

type CellType = 'empty' | 'number' | 'date' | 'boolean' | 'text';

const NUMBER_TEXT = /^[-+]?(?:\d[\d\s.,]*|\.\d+)(?:[eE][-+]?\d+)?\s*%?$/;
const DATE_TEXT = /^(?:\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})$/;
const CURRENCY_TEXT = /^[-+]?(?:[$€£R]\$?\s?)[\d\s.,]+$|^[-+]?[\d\s.,]+\s?(?:€|\$|£|R\$)$/;

function cellType(cell: TableCell): CellType {
  if (cell === null || cell === undefined) return 'empty';
  if (cell instanceof Date) return 'date';
  if (typeof cell === 'number') return 'number';
  if (typeof cell === 'boolean') return 'boolean';
  const text = cell.trim();
  if (text === '') return 'empty';
  if (NUMBER_TEXT.test(text) || CURRENCY_TEXT.test(text)) return 'number';
  if (DATE_TEXT.test(text)) return 'date';
  return 'text';
}

/**
 * Whether `rows[0]` is a header: all its filled cells are text (at least half filled), and
 * either some column holds numbers or dates below it, or every first-row value is distinct
 * and never repeats in its column (labels, not data).
 */
export function detectHeader(rows: readonly (readonly TableCell[])[]): boolean {
  const [first, ...below] = rows;
  if (first === undefined || below.length === 0) return false;
  const types = first.map(cellType);
  const filled = types.filter((type) => type !== 'empty').length;
  if (
    filled === 0 ||
    filled * 2 < first.length ||
    types.some((t) => t !== 'text' && t !== 'empty')
  ) {
    return false;
  }
  const typedBelow = types.some((type, column) => {
    if (type !== 'text') return false;
    const belowTypes = below.map((row) => cellType(row[column])).filter((t) => t !== 'empty');
    const typed = belowTypes.filter(
      (t) => t === 'number' || t === 'date' || t === 'boolean',
    ).length;
    return belowTypes.length > 0 && typed * 2 > belowTypes.length;
  });
  if (typedBelow) return true;
  const labels = first.map((cell) => cellText(cell).toLowerCase());
  if (new Set(labels).size !== labels.length || labels.some((label) => label === '')) return false;
  return labels.every((label, column) =>
    below.every((row) => cellText(row[column]).toLowerCase() !== label),
  );
}

/** Spreadsheet column name of 0-based `index`: A…Z, AA, AB… */
export function columnLetter(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

/** A date as an ISO date (with the time only when it has one). */
function isoDate(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
}

export function cellText(cell: TableCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : isoDate(cell);
  return String(cell).replace(/\s+/g, ' ').trim();
}

/** Column names: the header row's texts (blank → letter), or letters when there is no header. */
export function columnNames(header: readonly TableCell[] | null, width: number): string[] {
  return Array.from({ length: width }, (_, i) => {
    const name = header === null ? '' : cellText(header[i]);
    return name === '' ? columnLetter(i) : name;
  });
}

/** "Name: value; Name: value" for the filled cells of `row`; '' when the row is empty. */
export function rowText(row: readonly TableCell[], names: readonly string[]): string {
  const parts: string[] = [];
  row.forEach((cell, i) => {
    const value = cellText(cell);
    if (value !== '') parts.push(`${names[i] ?? columnLetter(i)}: ${value}`);
  });
  return parts.join('; ');
}

/** Index after the last filled cell: trailing empty cells are not columns anyone loses. */
function filledWidth(row: readonly unknown[]): number {
  for (let i = row.length - 1; i >= 0; i--) {
    const cell = row[i];
    if (cell !== null && cell !== undefined && !(typeof cell === 'string' && cell.trim() === '')) {
      return i + 1;
    }
  }
  return 0;
}

/**
 * The caps that keep one table row from becoming thousands of passages (issue 15): only the
 * first `maxColumns` cells of a row are read, and a row's text stops at `maxRowChars`. It
 * counts what it left out, and says so in warnings stored on the document.
 */
export class RowCaps {
  #widest = 0;
  #cutRows = 0;
  readonly #maxColumns: number;
  readonly #maxRowChars: number;

  constructor(limits: { maxColumns: number; maxRowChars: number }) {
    this.#maxColumns = limits.maxColumns;
    this.#maxRowChars = limits.maxRowChars;
  }

  /** The cells of `row` that are read (the first maxColumns), noting how wide it really was. */
  cells<T>(row: readonly T[]): readonly T[] {
    if (row.length <= this.#maxColumns) return row;
    this.#widest = Math.max(this.#widest, filledWidth(row));
    return row.slice(0, this.#maxColumns);
  }

  /** `text` cut to maxRowChars, at a cell boundary when one is near, ending in "…". */
  text(text: string): string {
    if (text.length <= this.#maxRowChars) return text;
    this.#cutRows++;
    const head = text.slice(0, this.#maxRowChars - 1);
    const boundary = head.lastIndexOf('; ');
    return `${boundary > this.#maxRowChars / 2 ? head.slice(0, boundary) : head}…`;
  }

  /** 'columns-capped' and 'cells-capped' warnings for what was left out, if anything was. */
  warnings(): IngestProblem[] {
    const warnings: IngestProblem[] = [];
    if (this.#widest > this.#maxColumns) {
      const [kept, total] = [this.#maxColumns, this.#widest];
      warnings.push({
        code: 'columns-capped',
        message: `Only the first ${kept} of ${total} columns were kept; the columns after them were left out. Split the table into narrower files to search all of it.`,
        detail: { kept, total },
      });
    }
    if (this.#cutRows > 0) {
      const [rows, chars] = [this.#cutRows, this.#maxRowChars];
      warnings.push({
        code: 'cells-capped',
        message: `${rows} ${rows === 1 ? 'row was' : 'rows were'} longer than ${chars} characters and only ${rows === 1 ? 'its' : 'their'} first ${chars} characters were kept. Move long text out of the table (into a document) to search all of it.`,
        detail: { rows, chars },
      });
    }
    return warnings;
  }
}
