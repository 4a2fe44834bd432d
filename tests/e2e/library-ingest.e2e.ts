/**
 * The Library on a fresh machine with no model at all: every supported type goes in through
 * the real file input, is parsed in the ingest worker (real pdf.js, mammoth, read-excel-file,
 * papaparse, htmlparser2), chunked and indexed for keywords, and a question gets an
 * extractive answer whose citations open the exact page, sheet and rows we planted.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import {
  addFixtures,
  ask,
  documentRow,
  openLibrary,
  planted,
  settledStatus,
  storeRows,
} from './library-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser();

const GOOD = [
  'report.pdf',
  'scanned.pdf',
  'handbook.docx',
  'budget.xlsx',
  'inventory.csv',
  'people.csv',
  'page.html',
  'notes.txt',
  'notes.md',
  'data.json',
  'data.jsonl',
  'latin1.txt',
] as const;
const MEDIA = ['photo.png', 'clip.wav', 'clip.mp4'] as const;

interface StoredDocument {
  name: string;
  kind: string;
  status: string;
  pageCount?: number;
  rowCount?: number;
  waitingFor?: string;
  pagesNeedingOcr?: number[];
  warnings?: { code: string }[];
  documentDate?: number;
}

describe('library: ingest and extractive answers with no model installed', () => {
  it('ingests every type, finds the planted passages, and cites the right page and rows', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await openLibrary(page, appUrl);
    await expect.poll(() => page.getByTestId('library-index-status').isVisible()).toBe(true);

    await addFixtures(page, [...GOOD, ...MEDIA]);
    for (const name of GOOD) expect(await settledStatus(page, name), name).toBe('ready');
    for (const name of MEDIA) expect(await settledStatus(page, name), name).toBe('waiting');

    const docs = await storeRows<StoredDocument>(page, 'documents', [
      'name',
      'kind',
      'status',
      'pageCount',
      'rowCount',
      'waitingFor',
      'pagesNeedingOcr',
      'warnings',
      'documentDate',
    ]);
    const byName = new Map(docs.map((d) => [d.name, d]));
    const kinds = Object.fromEntries(docs.map((d) => [d.name, d.kind]));
    expect(kinds).toMatchObject({
      'report.pdf': 'pdf',
      'handbook.docx': 'docx',
      'budget.xlsx': 'xlsx',
      'inventory.csv': 'csv',
      'page.html': 'html',
      'notes.md': 'md',
      'data.jsonl': 'jsonl',
      'latin1.txt': 'txt',
      'photo.png': 'image',
      'clip.wav': 'audio',
      'clip.mp4': 'video',
    });
    expect(byName.get('report.pdf')).toMatchObject({
      pageCount: planted('report.pdf').pageCount,
      documentDate: (planted('report.pdf') as { documentDate?: number }).documentDate,
    });
    expect(byName.get('budget.xlsx')?.rowCount).toBeGreaterThan(0);
    expect(byName.get('scanned.pdf')?.pagesNeedingOcr).toEqual([2]);
    expect(byName.get('scanned.pdf')?.warnings?.map((w) => w.code)).toContain('pages-need-ocr');
    expect(byName.get('photo.png')?.waitingFor).toBe('captioning');
    expect(byName.get('clip.wav')?.waitingFor).toBe('transcription');
    await expect
      .poll(() => documentRow(page, 'photo.png').getByTestId('library-doc-status').textContent())
      .toMatch(/caption|image/i);

    // The PDF's planted sentence: first passage, page 2; the citation opens that page.
    let answer = await ask(page, 'zircon turbine maintenance interval');
    const first = answer.getByTestId('library-passage').first();
    expect(await first.getAttribute('data-page')).toBe('2');
    expect(await first.textContent()).toContain('report.pdf');
    await answer.getByTestId('citation').first().click();
    const panel = page.getByTestId('passage-panel');
    await expect.poll(() => panel.getAttribute('data-page')).toBe('2');
    await expect
      .poll(() => panel.getByTestId('passage-highlight').textContent())
      .toContain(planted('report.pdf').text);
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.isVisible()).toBe(false);

    // Accents folded: a question typed without them finds page 3's Portuguese sentence.
    answer = await ask(page, 'valvula de pressao do reator iris');
    expect(await answer.getByTestId('library-passage').first().getAttribute('data-page')).toBe('3');

    // The spreadsheet: sheet and row range carry the planted row.
    answer = await ask(page, 'Manutenção do servidor Quasar');
    const cell = planted('budget.xlsx');
    const sheetHit = answer.getByTestId('library-passage').first();
    expect(await sheetHit.getAttribute('data-sheet')).toBe(cell.sheet);
    const [from = 0, to = 0] = ((await sheetHit.getAttribute('data-rows')) ?? '')
      .split('-')
      .map(Number);
    expect(cell.row).toBeGreaterThanOrEqual(from);
    expect(cell.row).toBeLessThanOrEqual(to);

    // CSV rows, DOCX sections, HTML without its scripts, Markdown, JSONL lines, Latin-1 text.
    const checks: [string, string][] = [
      ['Cobalt flux capacitor', 'inventory.csv'],
      ['emerald archive key rotates', 'handbook.docx'],
      ['copper lighthouse beacon', 'page.html'],
      ['saffron deployment window', 'notes.md'],
      ['Sensor delta humidity', 'data.jsonl'],
      ['valvula numero tres otimo estado', 'latin1.txt'],
      ['pao de queijo polvilho azedo', 'notes.txt'],
    ];
    for (const [question, file] of checks) {
      answer = await ask(page, question);
      expect(await answer.getByTestId('library-passage').first().textContent(), question).toContain(
        file,
      );
    }
    const csvHit = (await ask(page, 'Cobalt flux capacitor'))
      .getByTestId('library-passage')
      .first();
    const [csvFrom = 0, csvTo = 0] = ((await csvHit.getAttribute('data-rows')) ?? '')
      .split('-')
      .map(Number);
    expect(planted('inventory.csv').row).toBeGreaterThanOrEqual(csvFrom);
    expect(planted('inventory.csv').row).toBeLessThanOrEqual(csvTo);

    // Nothing from the HTML page's script, style or nav became searchable.
    const chunks = await storeRows<{ text: string }>(page, 'chunks', ['text']);
    expect(chunks.some((c) => /SECRET|stylesecret|font-family/i.test(c.text))).toBe(false);

    expectCleanSession(session);
    await session.close();
  });

  it('takes a whole folder with its paths, and answers within a chosen collection only', async () => {
    const root = mkdtempSync(join(tmpdir(), 'omnia-folder-'));
    const folder = join(root, 'field');
    mkdirSync(join(folder, 'harbor'), { recursive: true });
    writeFileSync(
      join(folder, 'harbor', 'tides.md'),
      '# Tides\n\nThe amber tide gauge reads high.',
    );
    writeFileSync(join(folder, 'crew.txt'), 'The amber crew rota changes on Mondays.');
    writeFileSync(join(folder, '.DS_Store'), 'junk');
    const session = await newSession(browser(), appUrl);
    try {
      const page = await gotoApp(session, appUrl);
      await openLibrary(page, appUrl);
      await page.getByTestId('library-folder-input').setInputFiles(folder);
      expect(await settledStatus(page, 'tides.md')).toBe('ready');
      expect(await settledStatus(page, 'crew.txt')).toBe('ready');
      const docs = await storeRows<{ name: string; relativePath?: string }>(page, 'documents', [
        'name',
        'relativePath',
      ]);
      expect(docs.map((d) => d.relativePath).sort()).toEqual([
        'field/crew.txt',
        'field/harbor/tides.md',
      ]);

      // A collection holding only the tides note: the question is answered from it alone.
      await page.getByTestId('collection-new-name').fill('Harbor');
      await page.getByTestId('collection-create').click();
      await page.getByTestId('collection').first().waitFor();
      await documentRow(page, 'tides.md').getByTestId('library-doc-collections').click();
      await documentRow(page, 'tides.md').getByRole('checkbox', { name: 'Harbor' }).check();
      await expect
        .poll(() => documentRow(page, 'tides.md').getByTestId('library-doc-collection').count())
        .toBe(1);
      let answer = await ask(page, 'amber');
      expect(await answer.getByTestId('library-passage').count()).toBe(2);
      await page.getByText('Where to look').click();
      await page.getByTestId('library-ask-collection').check();
      answer = await ask(page, 'amber');
      const names = await answer.getByTestId('library-passage-open').allTextContents();
      expect(names).toHaveLength(1);
      expect(names[0]).toContain('tides.md');
      expectCleanSession(session);
    } finally {
      await session.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
