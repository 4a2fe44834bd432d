// Issue 15 (item 5), "no garbage in": files a new user really added, built here byte by byte —
// a one-row CSV thousands of columns wide, a row of one huge cell, a wide sheet, JSON nested
// past any stack, a huge JSON, zips named .xlsx/.docx that are neither, and files that only
// start like a PDF or a zip. Each ends with a specific problem or a stored warning, never a
// flood of passages or "Maximum call stack size exceeded".
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeXlsx, type XlsxCell } from '../../../../scripts/fixtures/office-fixtures';
import { chunkDocument, chunkOptionsFor } from '../../../../src/core/ingest/chunk';
import { INGEST_LIMITS, type IngestLimits } from '../../../../src/core/ingest/limits';
import { jsonDepth } from '../../../../src/core/ingest/parsers/json-flatten';
import {
  parseDocument,
  type ParseOptions,
} from '../../../../src/core/ingest/parsers/parse-document';
import type { ParsedDocument } from '../../../../src/core/ingest/types';
import { pdfjs, problemOf } from './parse-helpers';

const options: ParseOptions = { pdfjs };
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const parse = (bytes: Uint8Array, name: string, limits?: IngestLimits): Promise<ParsedDocument> =>
  parseDocument(bytes, name, { ...options, ...(limits ? { limits } : {}) });
const passages = async (doc: ParsedDocument): Promise<number> =>
  (await chunkDocument(doc, chunkOptionsFor(null))).length;

describe('tables: columns and cells per row are capped, with a warning on the document', () => {
  it('a one-row CSV 5,000 columns wide keeps 256 columns and becomes a few passages', async () => {
    const header = Array.from({ length: 5000 }, (_, i) => `field${i}`).join(',');
    const doc = await parse(encode(`${header}\n`), 'wide.csv');
    expect(doc.blocks).toHaveLength(1);
    expect(doc.blocks[0]!.text.split('; ')).toHaveLength(INGEST_LIMITS.maxColumns);
    expect(doc.blocks[0]!.text.endsWith('IV: field255')).toBe(true);
    expect(doc.warnings).toEqual([
      expect.objectContaining({ code: 'columns-capped', detail: { kept: 256, total: 5000 } }),
    ]);
    expect(doc.warnings[0]!.message).toMatch(/^Only the first 256 of 5000 columns were kept/);
    expect(await passages(doc)).toBeLessThanOrEqual(10);
  });

  it('a CSV with a header and 3,000 columns names the kept ones and warns once', async () => {
    const header = Array.from({ length: 3000 }, (_, i) => `h${i}`).join(',');
    const row = (n: number): string => Array.from({ length: 3000 }, (_, i) => n * i).join(',');
    const doc = await parse(encode(`${header}\n${row(1)}\n${row(2)}\n`), 'wide.csv');
    expect(doc.rowCount).toBe(2);
    expect(doc.blocks[1]!.text).toMatch(/^h0: 0; h1: 2; .*; h255: 510$/);
    expect(doc.warnings.map((w) => w.code)).toEqual(['columns-capped']);
  });

  it('trailing empty columns are not reported as lost', async () => {
    const doc = await parse(encode(`a,b${','.repeat(400)}\n1,2${','.repeat(400)}\n`), 'x.csv');
    expect(doc.warnings).toEqual([]);
  });

  it('a row of one 1 MB cell is cut at maxRowChars, with a cells-capped warning', async () => {
    const long = 'lorem ipsum dolor sit amet '.repeat(40_000);
    const doc = await parse(encode(`id,notes\n1,${long}\n2,short\n`), 'notes.csv');
    const [first, second] = doc.blocks;
    expect(first!.text.length).toBeLessThanOrEqual(INGEST_LIMITS.maxRowChars);
    expect(first!.text.endsWith('…')).toBe(true);
    expect(second!.text).toBe('id: 2; notes: short');
    expect(doc.warnings).toEqual([
      expect.objectContaining({ code: 'cells-capped', detail: { rows: 1, chars: 10_000 } }),
    ]);
    expect(await passages(doc)).toBeLessThanOrEqual(16);
  });

  it('an XLSX sheet 300 columns wide keeps 256, with the warning', async () => {
    const header: XlsxCell[] = Array.from({ length: 300 }, (_, i) => `col${i}`);
    const values: XlsxCell[] = Array.from({ length: 300 }, (_, i) => i);
    const bytes = await makeXlsx([{ name: 'Wide', rows: [header, values] }]);
    const doc = await parse(bytes, 'wide.xlsx');
    expect(doc.blocks).toHaveLength(1);
    expect(doc.blocks[0]).toMatchObject({ sheet: 'Wide', row: 2 });
    expect(doc.blocks[0]!.text.split('; ')).toHaveLength(256);
    expect(doc.warnings).toEqual([
      expect.objectContaining({ code: 'columns-capped', detail: { kept: 256, total: 300 } }),
    ]);
  });

  it('smaller limits apply to both CSV and XLSX', async () => {
    const limits = { ...INGEST_LIMITS, maxColumns: 2, maxRowChars: 12 };
    const csv = await parse(encode('a,b,c\n1,2,3\n'), 't.csv', limits);
    expect(csv.blocks.map((b) => b.text)).toEqual(['a: 1; b: 2']);
    const xlsx = await parse(
      await makeXlsx([
        {
          name: 'S',
          rows: [
            ['name', 'note'],
            ['x', 'a rather long note'],
          ],
        },
      ]),
      't.xlsx',
      limits,
    );
    expect(xlsx.blocks.map((b) => b.text)).toEqual(['name: x…']);
    expect(xlsx.warnings.map((w) => w.code)).toEqual(['cells-capped']);
  });
});

describe('JSON: deep nesting is a clear message, never a stack overflow', () => {
  it.each([1_000, 100_000])('%i nested arrays → too-deep', async (depth) => {
    const text = `${'['.repeat(depth)}1${']'.repeat(depth)}`;
    const problem = await problemOf(parse(encode(text), 'deep.json'));
    expect(problem).toMatchObject({ code: 'too-deep', detail: { depth: 100 } });
    expect(problem.message).toMatch(
      /^This JSON file nests objects and arrays more than 100 levels/,
    );
  });

  it('20,000 nested objects → too-deep; exactly the limit still reads', async () => {
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    expect((await problemOf(parse(encode(deep), 'deep.json'))).code).toBe('too-deep');
    const atLimit = `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`;
    const doc = await parse(encode(atLimit), 'ok.json');
    expect(doc.blocks[0]!.text).toBe(`${Array(100).fill('a').join('.')}: 1`);
  });

  it('brackets inside strings do not count', () => {
    expect(jsonDepth(JSON.stringify({ text: '[[[[{{{{'.repeat(1000) }), 5)).toBe(1);
  });

  it('a JSON Lines line nested too deep names its line', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const problem = await problemOf(parse(encode(`{"a":1}\n${deep}\n`), 'deep.jsonl'));
    expect(problem).toMatchObject({ code: 'too-deep', detail: { depth: 100, line: 2 } });
    expect(problem.message).toMatch(/^Line 2 of this JSON Lines file nests/);
  });

  it('a huge JSON streams its lines into blocks and says how many were left out', async () => {
    const limits = { ...INGEST_LIMITS, maxBlocks: 50 };
    const items = Array.from({ length: 100_000 }, (_, i) => ({ id: i }));
    const doc = await parse(encode(JSON.stringify({ items })), 'huge.json', limits);
    expect(doc.blocks).toHaveLength(50);
    expect(doc.blocks[0]!.text.split('\n')).toHaveLength(40);
    expect(doc.warnings).toEqual([
      expect.objectContaining({
        code: 'rows-capped',
        detail: { kept: 50, total: 2500, unit: 'blocks' },
      }),
    ]);
  });
});

describe('zips that are neither DOCX nor XLSX say so, by the name they carry', () => {
  const archive = zipSync({ 'photos/readme.txt': encode('hello') });

  it('named .xlsx → "a zip archive but not a spreadsheet"', async () => {
    const problem = await problemOf(parse(archive, 'budget.xlsx'));
    expect(problem).toMatchObject({
      code: 'unknown-type',
      detail: { format: 'zip', extension: 'xlsx' },
    });
    expect(problem.message).toMatch(/^This \.xlsx file is a zip archive but not a spreadsheet/);
    expect(problem.message).not.toMatch(/save it as (PDF|\.docx or)/i);
  });

  it('named .docx → "a zip archive but not a Word document"', async () => {
    const problem = await problemOf(parse(archive, 'letter.docx'));
    expect(problem.detail).toEqual({ format: 'zip', extension: 'docx' });
    expect(problem.message).toMatch(/^This \.docx file is a zip archive but not a Word document/);
  });

  it('named .zip, PowerPoint, OpenDocument: each its own format', async () => {
    expect((await problemOf(parse(archive, 'photos.zip'))).detail).toEqual({
      format: 'zip',
      extension: 'zip',
    });
    const pptx = zipSync({ 'ppt/presentation.xml': encode('<p/>') });
    expect((await problemOf(parse(pptx, 'deck.xlsx'))).detail?.['format']).toBe('pptx');
    const odt = zipSync({ mimetype: encode('application/vnd.oasis.opendocument.text') });
    expect((await problemOf(parse(odt, 'a.docx'))).detail?.['format']).toBe('opendocument');
  });

  it('only a zip signature, then junk, named .xlsx → the same clear message', async () => {
    const junk = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...encode('not really a zip at all')]);
    const problem = await problemOf(parse(junk, 'sheet.xlsx'));
    expect(problem.detail).toEqual({ format: 'zip', extension: 'xlsx' });
  });
});

describe('a PDF signature followed by junk', () => {
  it('fails as a cut-off PDF, saying what to do', async () => {
    const problem = await problemOf(parse(encode('%PDF-1.7\nnothing else here'), 'doc.pdf'));
    expect(problem.code).toBe('truncated');
    expect(problem.message).toMatch(/^This PDF is cut off.*add the complete file\.$/);
  });
});
