// The ingest worker's API on the committed Library fixtures, with the real parsers and pdf.js
// (legacy build, as Node needs): what each good file gives, the problem each bad one gets,
// that size limits are checked before a file is read, and that the outcome survives the trip
// through comlink over a real MessageChannel.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { INGEST_LIMITS } from '../../../src/core/ingest/limits';
import { createIngestApi } from '../../../src/workers/ingest-api';
import { abortPortFor, callControl } from '../../../src/workers/rpc';
import { makeLargeCsv } from '../../../scripts/fixtures/large-csv';
import { closeAll, connect } from './channel';

const FIXTURES = new URL('../../fixtures/library/', import.meta.url);
const planted = JSON.parse(await readFile(new URL('planted.json', FIXTURES), 'utf8')) as Record<
  string,
  { text: string; page?: number; pageCount?: number; sheet?: string; row?: number }
>;

const pdfjsRoot = dirname(dirname(createRequire(import.meta.url).resolve('pdfjs-dist')));
let pdfjsLoads = 0;
const api = createIngestApi({
  loadPdfjs: async () => {
    pdfjsLoads += 1;
    return await import('pdfjs-dist/legacy/build/pdf.mjs');
  },
  pdfOptions: { standardFontDataUrl: `${join(pdfjsRoot, 'standard_fonts')}/` },
});

afterAll(closeAll);

async function fixture(name: string): Promise<File> {
  return new File([new Uint8Array(await readFile(new URL(name, FIXTURES)))], name);
}

async function parseFixture(name: string) {
  return api.parse(await fixture(name), name);
}

function allText(outcome: Awaited<ReturnType<typeof parseFixture>>): string {
  if (!outcome.ok) throw new Error(`expected a document, got ${outcome.problem.code}`);
  return outcome.parsed.blocks.map((b) => b.text).join('\n');
}

describe('ingestApi.parse on good files', () => {
  it.each([
    ['report.pdf', 'pdf', 'application/pdf'],
    [
      'handbook.docx',
      'docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['budget.xlsx', 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['inventory.csv', 'csv', 'text/csv'],
    ['people.csv', 'csv', 'text/csv'],
    ['page.html', 'html', 'text/html'],
    ['notes.txt', 'txt', 'text/plain'],
    ['latin1.txt', 'txt', 'text/plain'],
    ['notes.md', 'md', 'text/markdown'],
    ['data.json', 'json', 'application/json'],
    ['data.jsonl', 'jsonl', undefined],
  ])('%s → %s with its planted text', async (name, kind, mimeType) => {
    const outcome = await parseFixture(name);
    expect(outcome).toMatchObject({ ok: true, parsed: { kind }, sniff: { kind } });
    if (outcome.ok && mimeType) expect(outcome.sniff.mimeType).toBe(mimeType);
    expect(allText(outcome)).toContain(planted[name]?.text);
  });

  it('keeps PDF pages: the planted sentence is on page 2 of 3', async () => {
    const outcome = await parseFixture('report.pdf');
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.parsed.pageCount).toBe(3);
    const block = outcome.parsed.blocks.find((b) => b.text.includes(planted['report.pdf']!.text));
    expect(block?.page).toBe(2);
    expect(pdfjsLoads).toBe(1);
  });

  it('keeps sheet and row of a spreadsheet cell', async () => {
    const outcome = await parseFixture('budget.xlsx');
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const block = outcome.parsed.blocks.find((b) => b.text.includes(planted['budget.xlsx']!.text));
    expect(block).toMatchObject({ sheet: 'Despesas', row: 8 });
    expect(outcome.parsed.rowCount).toBeGreaterThan(0);
  });

  it('flags a scanned PDF page for OCR and keeps the page that has text', async () => {
    const outcome = await parseFixture('scanned.pdf');
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.parsed.pagesNeedingOcr?.length).toBeGreaterThan(0);
    expect(allText(outcome)).toContain(planted['scanned.pdf']!.text);
  });

  it.each([
    ['photo.png', 'image'],
    ['clip.wav', 'audio'],
    ['clip.mp4', 'video'],
  ])('%s is kept as %s, waiting for media, without reading the whole file', async (name, kind) => {
    const file = await fixture(name);
    const read = vi.spyOn(file, 'arrayBuffer');
    const outcome = await api.parse(file, name);
    expect(outcome).toMatchObject({ ok: true, parsed: { kind, blocks: [] } });
    if (outcome.ok)
      expect(outcome.parsed.warnings.map((w) => w.code)).toContain('waiting-for-media');
    expect(read).not.toHaveBeenCalled();
  });
});

describe('ingestApi.parse on bad files', () => {
  it.each([
    ['empty.txt', 'empty'],
    ['unknown.bin', 'unknown-type'],
    ['binary.txt', 'binary-as-text'],
    ['truncated.pdf', 'truncated'],
    ['encrypted.pdf', 'encrypted'],
    ['bomb.docx', 'zip-bomb'],
  ])('%s → %s, with a message a person can act on', async (name, code) => {
    const outcome = await parseFixture(name);
    expect(outcome).toMatchObject({ ok: false, problem: { code } });
    if (!outcome.ok) expect(outcome.problem.message.length).toBeGreaterThan(20);
  });

  it('refuses a file over its kind’s size limit after reading only its head', async () => {
    const small = createIngestApi({
      loadPdfjs: () => Promise.reject(new Error('not needed')),
      limits: {
        ...INGEST_LIMITS,
        maxBytesByKind: { ...INGEST_LIMITS.maxBytesByKind, csv: 1024 * 1024 },
      },
    });
    const file = new File([makeLargeCsv(3 * 1024 * 1024)], 'big.csv');
    const read = vi.spyOn(file, 'arrayBuffer');
    const outcome = await small.parse(file, 'big.csv');
    expect(outcome).toMatchObject({
      ok: false,
      problem: { code: 'too-large', detail: { size: file.size, limit: 1024 * 1024 } },
    });
    expect(read).not.toHaveBeenCalled();
  });

  it('a 50 MB CSV is read, its rows capped with a warning', { timeout: 60_000 }, async () => {
    const csv = makeLargeCsv(50 * 1024 * 1024);
    const outcome = await api.parse(new File([csv], 'large.csv'), 'large.csv');
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.parsed.rowCount).toBe(INGEST_LIMITS.maxRows);
    expect(outcome.parsed.warnings.map((w) => w.code)).toContain('rows-capped');
  });

  it('an aborted call answers "cancelled"', async () => {
    const controller = new AbortController();
    const port = abortPortFor(controller.signal);
    controller.abort();
    const outcome = await api.parse(
      await fixture('report.pdf'),
      'report.pdf',
      callControl(undefined, port),
    );
    expect(outcome).toMatchObject({ ok: false, problem: { code: 'cancelled' } });
  });

  it('rejects something that is not a file with kind invalid-input', async () => {
    await expect(api.parse('nope' as unknown as Blob, 'x.txt')).rejects.toMatchObject({
      kind: 'invalid-input',
    });
  });
});

describe('ingestApi through comlink', () => {
  it('the document and a problem both cross a real MessageChannel intact', async () => {
    const remote = connect(api);
    const good = await remote.parse(await fixture('report.pdf'), 'report.pdf');
    expect(good).toEqual(await parseFixture('report.pdf'));
    const bad = await remote.parse(await fixture('encrypted.pdf'), 'encrypted.pdf');
    expect(bad).toMatchObject({ ok: false, problem: { code: 'encrypted' } });
  });
});
