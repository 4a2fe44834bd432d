// Excel workbooks: the zip is guarded first (zip-guard.ts), then read-excel-file reads every
// sheet; each data row becomes a 'row' block with its sheet and 1-based spreadsheet row,
// "Header: value; …" (header detection in tabular.ts), dates as ISO dates. Rows past maxRows
// (all sheets together) are dropped with a 'rows-capped' warning; columns past maxColumns and
// row text past maxRowChars are left out with their own warnings (RowCaps).
import readXlsxFile from 'read-excel-file/universal';
import type { IngestProblem, ParsedDocument } from '../types';
import {
  BlockList,
  checkpoint,
  corruptError,
  createContext,
  noTextError,
  rowsCapped,
  type ParserContext,
} from './parser-kit';
import { columnNames, detectHeader, RowCaps, rowText, type TableCell } from './tabular';
import { guardZip } from './zip-guard';

const WHAT = 'Excel workbook';
const HEADER_SAMPLE = 20;
const CHECK_EVERY = 1000;

function toCell(value: unknown): TableCell {
  if (
    value instanceof Date ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    return value;
  }
  return null;
}

const isEmptyRow = (row: readonly TableCell[]): boolean =>
  row.every(
    (cell) =>
      cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === ''),
  );

/** An XLSX file's bytes into row blocks, sheet by sheet. */
export async function parseXlsx(
  bytes: Uint8Array,
  context: ParserContext = createContext(),
): Promise<ParsedDocument> {
  guardZip(bytes, context, WHAT);
  checkpoint(context);
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = await readXlsxFile(bytes.slice().buffer);
  } catch (error) {
    throw corruptError(
      error instanceof Error ? error.message.replace(/\.$/, '') : String(error),
      WHAT,
    );
  }
  const list = new BlockList(context.limits);
  const caps = new RowCaps(context.limits);
  const maxRows = context.limits.maxRows;
  let kept = 0;
  let total = 0;
  for (const { sheet, data } of sheets) {
    checkpoint(context);
    const rows = data.map((row) => caps.cells(row).map(toCell));
    const firstFilled = rows.findIndex((row) => !isEmptyRow(row));
    if (firstFilled < 0) continue;
    const sample = rows
      .slice(firstFilled, firstFilled + HEADER_SAMPLE)
      .filter((row) => !isEmptyRow(row));
    const hasHeader = detectHeader(sample);
    const width = rows.reduce((widest, row) => Math.max(widest, row.length), 0);
    const names = columnNames(hasHeader ? rows[firstFilled]! : null, width);
    for (let index = firstFilled + (hasHeader ? 1 : 0); index < rows.length; index++) {
      if (index % CHECK_EVERY === 0) checkpoint(context);
      const row = rows[index]!;
      if (isEmptyRow(row)) continue;
      total++;
      if (kept >= maxRows) continue;
      list.push({ kind: 'row', text: caps.text(rowText(row, names)), sheet, row: index + 1 });
      kept++;
    }
  }
  if (list.blocks.length === 0) throw noTextError();
  const warnings: IngestProblem[] = total > kept ? [rowsCapped(kept, total, 'rows')] : [];
  return {
    kind: 'xlsx',
    blocks: list.blocks,
    rowCount: kept,
    warnings: [...warnings, ...caps.warnings(), ...list.warnings()],
  };
}
