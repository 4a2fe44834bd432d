// CSV, HTML, TXT, Markdown, JSON and JSONL through parseDocument on the committed fixtures,
// plus the generated 50 MB CSV, text decoding, empty results, cancel and timeout.
import { describe, expect, it } from 'vitest';
import { LARGE_CSV_HEADER, makeLargeCsv } from '../../../../scripts/fixtures/large-csv';
import planted from '../../../fixtures/library/planted.json';
import { INGEST_LIMITS, type IngestLimits } from '../../../../src/core/ingest/limits';
import {
  decodeText,
  parseDocument,
  type ParseOptions,
  type PdfJsLib,
} from '../../../../src/core/ingest/parsers/parse-document';
import type { ParsedDocument } from '../../../../src/core/ingest/types';
import { blockWith, pdfjs, problemOf, read } from './parse-helpers';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const options: ParseOptions = { pdfjs };
const parse = (name: string, extra: Partial<ParseOptions> = {}): Promise<ParsedDocument> =>
  parseDocument(read(name), name, { ...options, ...extra });
const parseBytes = (
  bytes: Uint8Array,
  name: string,
  extra: Partial<ParseOptions> = {},
): Promise<ParsedDocument> => parseDocument(bytes, name, { ...options, ...extra });

describe('CSV', () => {
  it('uses the header row for names and keeps spreadsheet row numbers', async () => {
    const doc = await parse('inventory.csv');
    expect(doc.rowCount).toBe(30);
    expect(blockWith(doc, planted['inventory.csv'].text)).toMatchObject({
      kind: 'row',
      row: planted['inventory.csv'].row,
      text: `sku: SKU-1017; name: ${planted['inventory.csv'].text}; quantity: 27; location: Aisle 6`,
    });
    expect(doc.blocks[0]?.row).toBe(2);
  });

  it('detects a headerless ;-separated file and names columns A, B, C…', async () => {
    const doc = await parse('people.csv');
    expect(doc.rowCount).toBe(10);
    expect(blockWith(doc, planted['people.csv'].text)).toMatchObject({
      row: planted['people.csv'].row,
      text: 'A: João Gonçalves; B: Braga; C: 1979; D: carpinteiro',
    });
    expect(doc.blocks[0]?.row).toBe(1);
  });

  it('an all-text table with a label row still gets its header', async () => {
    const doc = await parseBytes(
      utf8('city\tcountry\nLisboa\tPortugal\nRecife\tBrasil\n'),
      'places.tsv',
    );
    expect(doc.blocks.map((block) => block.text)).toEqual([
      'city: Lisboa; country: Portugal',
      'city: Recife; country: Brasil',
    ]);
  });

  it('caps rows with kept and total', async () => {
    const limits: IngestLimits = { ...INGEST_LIMITS, maxRows: 7 };
    const doc = await parse('inventory.csv', { limits });
    expect(doc.blocks).toHaveLength(7);
    expect(doc.blocks.at(-1)?.row).toBe(8);
    expect(doc.warnings).toMatchObject([
      { code: 'rows-capped', detail: { kept: 7, total: 30, unit: 'rows' } },
    ]);
  });

  it('a 50 MB CSV is capped at maxRows quickly, with the total counted', async () => {
    const csv = makeLargeCsv(50 * 1024 * 1024);
    expect(csv.length).toBeLessThanOrEqual(50 * 1024 * 1024);
    expect(csv.length).toBeGreaterThan(50 * 1024 * 1024 - 200);
    expect(csv.startsWith(`${LARGE_CSV_HEADER}\n1,`)).toBe(true);
    const totalRows = csv.split('\n').length - 2;
    const started = performance.now();
    const doc = await parseBytes(utf8(csv), 'large.csv');
    expect(performance.now() - started).toBeLessThan(15_000); // ~1.5 s alone; CI machines are busy
    expect(doc.blocks).toHaveLength(INGEST_LIMITS.maxRows);
    expect(doc.blocks.at(-1)).toMatchObject({ row: INGEST_LIMITS.maxRows + 1 });
    expect(doc.warnings).toMatchObject([
      { code: 'rows-capped', detail: { kept: INGEST_LIMITS.maxRows, total: totalRows } },
    ]);
  }, 60_000);

  it('stops with timeout when the time budget runs out', async () => {
    const limits: IngestLimits = { ...INGEST_LIMITS, parseTimeoutMs: 5, maxRows: 10_000_000 };
    const problem = await problemOf(
      parseBytes(utf8(makeLargeCsv(4 * 1024 * 1024)), 'slow.csv', { limits }),
    );
    expect(problem).toMatchObject({ code: 'timeout', detail: { seconds: 0 } });
  });
});

describe('HTML', () => {
  it('keeps headings, sections, lists and table rows; drops script, style, nav, noscript', async () => {
    const doc = await parse('page.html');
    expect(doc.title).toBe(planted['page.html'].title);
    expect(blockWith(doc, planted['page.html'].text)).toMatchObject({
      kind: 'paragraph',
      section: planted['page.html'].section,
    });
    expect(blockWith(doc, 'Maré Alta')).toMatchObject({
      kind: 'row',
      text: 'Ship: Maré Alta; Berth: 4; Cargo: Cortiça',
    });
    expect(blockWith(doc, 'buoys')).toMatchObject({
      kind: 'list-item',
      section: 'Field Notes › Observations',
    });
    const all = doc.blocks.map((block) => block.text).join('\n');
    for (const hidden of [
      'SCRIPTSECRET',
      'stylesecret',
      'NAVSECRET',
      'NOSCRIPTSECRET',
      'font-family',
    ]) {
      expect(all).not.toContain(hidden);
    }
    expect(all).toContain('harbour survey & the follow-up'); // entities decoded, spaces collapsed
    expect(all).toContain('pier 3 reads two centimetres high');
  });
});

describe('TXT and Markdown', () => {
  it('splits text into paragraphs on blank lines', async () => {
    const doc = await parse('notes.txt');
    expect(doc.blocks.map((block) => block.kind)).toEqual(['paragraph', 'paragraph', 'paragraph']);
    expect(doc.blocks[1]?.text).toBe(planted['notes.txt'].text);
  });

  it('decodes ISO-8859-1 text readably', async () => {
    const doc = await parse('latin1.txt');
    expect(doc.blocks[0]?.text).toContain(planted['latin1.txt'].text);
    expect(doc.blocks[0]?.text).not.toContain('\uFFFD');
  });

  it('Markdown headings become sections; fences become code', async () => {
    const doc = await parse('notes.md');
    expect(blockWith(doc, planted['notes.md'].text)).toMatchObject({
      kind: 'paragraph',
      section: planted['notes.md'].section,
    });
    expect(doc.blocks.find((block) => block.kind === 'code')).toMatchObject({
      text: 'npm run build',
      section: 'Release Notes › Deployment',
    });
    expect(doc.blocks.filter((block) => block.kind === 'list-item')).toHaveLength(2);
  });

  it('keeps at most maxBlocks blocks and says how many were left out', async () => {
    const limits: IngestLimits = { ...INGEST_LIMITS, maxBlocks: 3 };
    const doc = await parse('notes.md', { limits });
    expect(doc.blocks).toHaveLength(3);
    expect(doc.warnings).toMatchObject([
      { code: 'rows-capped', detail: { kept: 3, total: 8, unit: 'blocks' } },
    ]);
  });

  it('whitespace only → empty', async () => {
    expect((await problemOf(parseBytes(utf8(' \n\n\t\n'), 'blank.txt'))).code).toBe('empty');
  });

  it('binary named .txt and an empty file are refused', async () => {
    expect((await problemOf(parse('binary.txt'))).code).toBe('binary-as-text');
    expect((await problemOf(parse('empty.txt'))).code).toBe('empty');
    expect((await problemOf(parse('unknown.bin'))).code).toBe('unknown-type');
  });
});

describe('JSON and JSONL', () => {
  it('flattens JSON into path: value lines grouped by top-level key', async () => {
    const doc = await parse('data.json');
    const releases = blockWith(doc, planted['data.json'].text);
    expect(releases).toMatchObject({ section: planted['data.json'].section });
    expect(releases?.text).toContain('releases[1].codename: velvet-otter');
    expect(blockWith(doc, 'Inês')?.text).toContain('project.owner.name: Inês Araújo');
  });

  it('invalid JSON → corrupt, naming the line and column', async () => {
    const problem = await problemOf(parseBytes(utf8('{\n  "a": 1,\n  "b": }\n'), 'bad.json'));
    expect(problem.code).toBe('corrupt');
    expect(problem.message).toMatch(/line 3, column \d+/);
    expect(problem.detail).toMatchObject({ line: 3 });
  });

  it('JSONL: one row per line', async () => {
    const doc = await parse('data.jsonl');
    expect(doc.rowCount).toBe(10);
    expect(blockWith(doc, planted['data.jsonl'].text)?.row).toBe(planted['data.jsonl'].row);
  });

  it('JSONL: bad lines are skipped and counted; all bad → corrupt', async () => {
    const doc = await parseBytes(utf8('{"a":1}\n{oops\n{"a":3}\n'), 'mixed.jsonl');
    expect(doc.blocks.map((block) => block.row)).toEqual([1, 3]);
    expect(doc.warnings).toMatchObject([{ code: 'corrupt', detail: { skipped: 1, line: 2 } }]);
    const problem = await problemOf(parseBytes(utf8('{oops\n{nope\n'), 'bad.jsonl'));
    expect(problem.code).toBe('corrupt');
  });
});

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM, UTF-16 with BOM, and falls back to windows-1252', () => {
    expect(decodeText(utf8('\uFEFFação'))).toBe('ação');
    expect(decodeText(utf8('ação'))).toBe('ação');
    expect(decodeText(Uint8Array.from([0xff, 0xfe, 0xe7, 0x00, 0xe3, 0x00]))).toBe('çã');
    expect(decodeText(Uint8Array.from([0x61, 0xe7, 0xe3, 0x6f, 0x80]))).toBe('ação€');
  });
});

describe('cancel', () => {
  it('an aborted signal stops any parse with cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    for (const name of ['inventory.csv', 'handbook.docx', 'budget.xlsx', 'notes.md']) {
      expect((await problemOf(parse(name, { signal: controller.signal }))).code).toBe('cancelled');
    }
  });

  it('a PDF parse stops between pages when cancelled mid-way', async () => {
    const controller = new AbortController();
    let pagesOpened = 0;
    // Real pdf.js; the wrapper only counts pages and cancels after the second one opens.
    const counting: PdfJsLib = {
      getDocument(params) {
        const task = pdfjs.getDocument(params);
        return {
          destroy: () => task.destroy(),
          promise: task.promise.then((doc) => ({
            numPages: doc.numPages,
            getMetadata: () => doc.getMetadata(),
            getPage: async (n: number) => {
              pagesOpened++;
              if (n === 2) controller.abort();
              return doc.getPage(n);
            },
          })),
        };
      },
    };
    const problem = await problemOf(
      parseBytes(read('report.pdf'), 'report.pdf', { pdfjs: counting, signal: controller.signal }),
    );
    expect(problem.code).toBe('cancelled');
    expect(pagesOpened).toBe(2);
  });
});
