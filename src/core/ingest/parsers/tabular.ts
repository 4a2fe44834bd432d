// What CSV and XLSX share: deciding whether the first row is a header, naming columns when it
// is not (A, B, C… as a spreadsheet does), and turning one row into the text of a 'row' block,
// "Header: value; Header: value", so every chunk of a table says what its numbers mean.

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
