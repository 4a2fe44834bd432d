// PDF, DOCX and XLSX through parseDocument on the committed fixtures, with real pdf.js
// (legacy build), mammoth and read-excel-file — and the bad ones: truncated, encrypted, bombs.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PLANTED, buildSmallLibraryFixtures } from '../../../../scripts/fixtures/library-fixtures';
import { withLyingSizes } from '../../../../scripts/fixtures/office-fixtures';
import planted from '../../../fixtures/library/planted.json';
import { INGEST_LIMITS, type IngestLimits } from '../../../../src/core/ingest/limits';
import {
  parseDocument,
  type ParseOptions,
} from '../../../../src/core/ingest/parsers/parse-document';
import { parsePdfDate } from '../../../../src/core/ingest/parsers/pdf';
import { readZipDirectory } from '../../../../src/core/ingest/parsers/zip-guard';
import type { ParsedDocument } from '../../../../src/core/ingest/types';
import { blockWith, pdfjs, problemOf, read } from './parse-helpers';

const standardFontDataUrl = fileURLToPath(
  new URL('../../../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url),
);
const options: ParseOptions = { pdfjs, pdfOptions: { standardFontDataUrl } };

const parse = (name: string, extra: Partial<ParseOptions> = {}): Promise<ParsedDocument> =>
  parseDocument(read(name), name, { ...options, ...extra });

describe('PDF', () => {
  it('keeps planted text on its page, with title, date and page count', async () => {
    const doc = await parse('report.pdf');
    expect(doc.kind).toBe('pdf');
    expect(doc.pageCount).toBe(planted['report.pdf'].pageCount);
    expect(doc.title).toBe(planted['report.pdf'].title);
    expect(doc.documentDate).toBe(planted['report.pdf'].documentDate);
    expect(blockWith(doc, planted['report.pdf'].text)?.page).toBe(2);
    expect(blockWith(doc, planted['report.pdf#page3'].text)?.page).toBe(3);
    expect(doc.pagesNeedingOcr).toEqual([]);
    expect(doc.warnings).toEqual([]);
  });

  it('finds headings by font size and uses them as sections', async () => {
    const doc = await parse('report.pdf');
    const headings = doc.blocks
      .filter((block) => block.kind === 'heading')
      .map((block) => block.text);
    expect(headings).toEqual(['Omnia Field Report', 'Turbine Hall', 'Relatório em português']);
    expect(blockWith(doc, planted['report.pdf'].text)).toMatchObject({
      kind: 'paragraph',
      section: 'Turbine Hall',
    });
    // Wrapped lines of one paragraph are joined into one block.
    expect(blockWith(doc, 'Every system was checked')?.text).toMatch(
      /^This report summarises .* grouped by site\.$/,
    );
  });

  it('flags a page with no text layer for OCR', async () => {
    const doc = await parse('scanned.pdf');
    expect(doc.pageCount).toBe(2);
    expect(doc.pagesNeedingOcr).toEqual([2]);
    expect(blockWith(doc, planted['scanned.pdf'].text)?.page).toBe(1);
    expect(doc.warnings).toMatchObject([{ code: 'pages-need-ocr', detail: { pages: '2' } }]);
  });

  it('caps pages at maxPages with a warning', async () => {
    const limits: IngestLimits = { ...INGEST_LIMITS, maxPages: 2 };
    const doc = await parse('report.pdf', { limits });
    expect(Math.max(...doc.blocks.map((block) => block.page ?? 0))).toBe(2);
    expect(doc.warnings).toMatchObject([
      { code: 'rows-capped', detail: { kept: 2, total: 3, unit: 'pages' } },
    ]);
  });

  it('a truncated PDF → truncated', async () => {
    const problem = await problemOf(parse('truncated.pdf'));
    expect(problem.code).toBe('truncated');
    expect(problem.message).toMatch(/cut off/);
  });

  it('an encrypted PDF → encrypted, and the bytes are really encrypted', async () => {
    const problem = await problemOf(parse('encrypted.pdf'));
    expect(problem).toMatchObject({
      code: 'encrypted',
      message:
        'This PDF is password-protected. Open it, save a copy without a password, and add that copy.',
    });
    const raw = new TextDecoder('latin1').decode(read('encrypted.pdf'));
    expect(raw).toContain('/Encrypt');
    expect(raw).not.toContain('readable only');
    // With the password pdf.js reads the planted sentence: the encryption is the real thing.
    const task = (await import('pdfjs-dist/legacy/build/pdf.mjs')).getDocument({
      data: read('encrypted.pdf'),
      password: 'omnia',
      standardFontDataUrl,
    });
    const page = await (await task.promise).getPage(1);
    const text = (await page.getTextContent()).items
      .map((item) => ('str' in item ? item.str : ''))
      .join(' ');
    expect(text).toContain(planted['encrypted.pdf'].text);
    await task.destroy();
  });

  it('garbage after a %PDF- header → corrupt', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7\nthis is not a pdf body at all\n%%EOF\n');
    const problem = await problemOf(parseDocument(bytes, 'bad.pdf', options));
    expect(problem.code).toBe('corrupt');
  });

  it('reads PDF dates with time zones', () => {
    expect(parsePdfDate('D:20240315093000Z')).toBe(Date.UTC(2024, 2, 15, 9, 30));
    expect(parsePdfDate("D:20240315093000+01'00'")).toBe(Date.UTC(2024, 2, 15, 8, 30));
    expect(parsePdfDate('D:2024')).toBe(Date.UTC(2024, 0, 1));
    expect(parsePdfDate('yesterday')).toBeUndefined();
  });
});

describe('DOCX', () => {
  it('keeps headings, sections, list items and the created date', async () => {
    const doc = await parse('handbook.docx');
    expect(doc.kind).toBe('docx');
    expect(doc.title).toBe('Omnia Handbook');
    expect(doc.documentDate).toBe(planted['handbook.docx'].documentDate);
    expect(blockWith(doc, planted['handbook.docx'].text)).toMatchObject({
      kind: 'paragraph',
      section: planted['handbook.docx'].section,
    });
    expect(blockWith(doc, planted['handbook.docx#list'].text)).toMatchObject({
      kind: 'list-item',
      section: planted['handbook.docx#list'].section,
    });
    const headings = doc.blocks.filter((block) => block.kind === 'heading');
    expect(headings.map((block) => [block.level, block.text])).toEqual([
      [1, 'Omnia Handbook'],
      [2, 'Getting started'],
      [2, 'Security'],
      [2, 'Segurança e privacidade'],
    ]);
  });

  it('a zip bomb → zip-bomb, fast and without inflating it', async () => {
    const before = process.memoryUsage().rss;
    const started = performance.now();
    const problem = await problemOf(parse('bomb.docx'));
    expect(problem.code).toBe('zip-bomb');
    expect(problem.message).toMatch(/more than 200 MB/);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
  });

  it('a zip bomb whose headers lie is stopped while inflating', async () => {
    const lying = withLyingSizes(read('bomb.docx'));
    const limits: IngestLimits = { ...INGEST_LIMITS, maxUnzippedBytes: 64 * 1024 * 1024 };
    const before = process.memoryUsage().rss;
    const started = performance.now();
    const problem = await problemOf(parseDocument(lying, 'bomb.docx', { ...options, limits }));
    expect(problem).toMatchObject({ code: 'zip-bomb', detail: { limit: 64 * 1024 * 1024 } });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
  });

  it('a DOCX cut in half → truncated', async () => {
    const bytes = read('handbook.docx');
    const problem = await problemOf(
      parseDocument(bytes.subarray(0, bytes.length >> 1), 'half.docx', options),
    );
    expect(problem.code).toBe('truncated');
  });
});

describe('XLSX', () => {
  it('gives one row block per data row with sheet, row, header names and ISO dates', async () => {
    const doc = await parse('budget.xlsx');
    expect(doc.kind).toBe('xlsx');
    expect(doc.rowCount).toBe(24);
    const row = blockWith(doc, planted['budget.xlsx'].text);
    expect(row).toMatchObject({
      kind: 'row',
      sheet: planted['budget.xlsx'].sheet,
      row: planted['budget.xlsx'].row,
    });
    expect(row?.text).toBe(
      `Item: ${planted['budget.xlsx'].text}; Fornecedor: Águas do Vale; Valor: 441.5; Data: 2024-07-01`,
    );
    expect(doc.blocks[0]).toMatchObject({ sheet: 'Receitas', row: 2 });
    expect(doc.blocks[0]?.text).toMatch(
      /^Mês: Janeiro; Categoria: Assinaturas; Valor: 1000; Data: 2024-01-01$/,
    );
  });

  it('caps rows across sheets with kept and total', async () => {
    const limits: IngestLimits = { ...INGEST_LIMITS, maxRows: 5 };
    const doc = await parse('budget.xlsx', { limits });
    expect(doc.blocks).toHaveLength(5);
    expect(doc.rowCount).toBe(5);
    expect(doc.warnings).toMatchObject([{ code: 'rows-capped', detail: { kept: 5, total: 24 } }]);
  });
});

describe('media and limits', () => {
  it.each([
    ['photo.png', 'image'],
    ['clip.wav', 'audio'],
    ['clip.mp4', 'video'],
  ])('%s is queued for the media features', async (name, kind) => {
    const doc = await parse(name);
    expect(doc).toMatchObject({ kind, blocks: [], warnings: [{ code: 'waiting-for-media' }] });
  });

  it('a file over its kind limit → too-large with size and limit', async () => {
    const limits: IngestLimits = {
      ...INGEST_LIMITS,
      maxBytesByKind: { ...INGEST_LIMITS.maxBytesByKind, pdf: 1000 },
    };
    const problem = await problemOf(parse('report.pdf', { limits }));
    expect(problem).toMatchObject({
      code: 'too-large',
      detail: { size: read('report.pdf').length, limit: 1000 },
    });
  });

  it('cancels between pages', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await problemOf(parse('report.pdf', { signal: controller.signal }))).code).toBe(
      'cancelled',
    );
  });
});

describe('committed fixtures', () => {
  it('are exactly what scripts/fixtures/make-library-fixtures.ts writes (deterministic)', async () => {
    const built = await buildSmallLibraryFixtures();
    expect(built.size).toBeGreaterThanOrEqual(20);
    for (const [name, bytes] of built) {
      expect(Buffer.compare(Buffer.from(bytes), Buffer.from(read(name))), name).toBe(0);
    }
    expect(planted).toEqual(JSON.parse(JSON.stringify(PLANTED)));
    // bomb.docx really declares ≥ 1 GiB for document.xml while staying small.
    const bomb = read('bomb.docx');
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const document = readZipDirectory(bomb, 'bomb').find(
      (entry) => entry.name === 'word/document.xml',
    );
    expect(document?.declaredSize).toBeGreaterThanOrEqual(1024 * 1024 * 1024);
  });
});
