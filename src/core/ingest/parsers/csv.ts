// CSV/TSV into one 'row' block per record, "Header: value; …", with papaparse reading row by
// row (step) so a 50 MB file never becomes one giant array, stopping at maxRows with a
// 'rows-capped' warning; columns past maxColumns and row text past maxRowChars are left out
// with their own warnings (RowCaps). The delimiter is detected by papaparse; whether the first
// row is a header is decided from the first rows (tabular.ts).
import Papa from 'papaparse';
import { consistentDelimiter } from '../sniff-text';
import { IngestError, type IngestProblem, type ParsedDocument } from '../types';
import {
  BlockList,
  cancelledError,
  checkpoint,
  createContext,
  noTextError,
  rowsCapped,
  type ParserContext,
} from './parser-kit';
import { columnNames, detectHeader, RowCaps, rowText } from './tabular';

/** Records read before deciding whether the first one is a header. */
const HEADER_SAMPLE = 20;
const CHECK_EVERY = 1000;

/**
 * Non-blank lines left in `text` after `cursor`, counted cheaply for the 'rows-capped' total
 * (a record with quoted newlines counts once per line).
 */
function countLinesAfter(text: string, cursor: number): number {
  let lines = 0;
  let start = cursor;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    const first = text.charCodeAt(start);
    if (first !== 0x0a && first !== 0x0d) lines++;
    if (end < 0) break;
    start = end + 1;
  }
  return lines;
}

/**
 * The delimiter the first lines agree on. Papaparse's own guess fails on short files that end
 * with a newline (the empty last line breaks its consistency count), so it is only the fallback.
 */
function detectDelimiter(text: string): string | undefined {
  const head = text.slice(0, 65536);
  const lines = head.split(/\r?\n/);
  if (head.length < text.length) lines.pop();
  const sample = lines.filter((line) => line.trim() !== '').slice(0, HEADER_SAMPLE);
  return consistentDelimiter(sample) ?? undefined;
}

/** A CSV (or TSV, or ;-separated) file, already decoded. */
export function parseCsv(text: string, context: ParserContext = createContext()): ParsedDocument {
  const list = new BlockList(context.limits);
  const caps = new RowCaps(context.limits);
  const maxRows = context.limits.maxRows;
  const sample: { cells: readonly string[]; row: number }[] = [];
  let names: string[] | null = null;
  let record = 0;
  let kept = 0;
  /** Data rows met so far (header and empty rows excluded), kept or not. */
  let seen = 0;
  let capped: IngestProblem | null = null;
  /** Set inside papaparse's step callback, read after it returns. */
  const stop: { error: IngestError | null } = { error: null };

  const emit = (cells: readonly string[], row: number): void => {
    list.push({ kind: 'row', text: caps.text(rowText(cells, names ?? [])), row });
    kept++;
  };
  const decideHeader = (): void => {
    const hasHeader = detectHeader(sample.map((entry) => entry.cells));
    const width = Math.max(0, ...sample.map((entry) => entry.cells.length));
    names = columnNames(hasHeader ? sample[0]!.cells : null, width);
    for (const entry of hasHeader ? sample.slice(1) : sample) {
      seen++;
      if (kept < maxRows) emit(entry.cells, entry.row);
    }
  };

  const delimiter = detectDelimiter(text);
  Papa.parse<string[]>(text, {
    ...(delimiter === undefined ? {} : { delimiter }),
    skipEmptyLines: false,
    step(result, parser) {
      record++;
      try {
        if (record % CHECK_EVERY === 0) checkpoint(context);
      } catch (error) {
        stop.error = error instanceof IngestError ? error : cancelledError();
        parser.abort();
        return;
      }
      const cells = caps.cells(result.data);
      if (cells.every((cell) => cell.trim() === '')) return;
      if (names === null) {
        sample.push({ cells, row: record });
        if (sample.length >= HEADER_SAMPLE) decideHeader();
        return;
      }
      seen++;
      if (kept >= maxRows) {
        capped = rowsCapped(kept, seen + countLinesAfter(text, result.meta.cursor), 'rows');
        parser.abort();
        return;
      }
      emit(cells, record);
    },
  });
  if (stop.error !== null) throw stop.error;
  if (names === null && sample.length > 0) decideHeader();
  if (capped === null && seen > kept) capped = rowsCapped(kept, seen, 'rows');
  if (list.blocks.length === 0) throw noTextError();
  const warnings = [...(capped === null ? [] : [capped]), ...caps.warnings(), ...list.warnings()];
  return { kind: 'csv', blocks: list.blocks, rowCount: kept, warnings };
}
