/**
 * Issue 15 (item 5), "no garbage in", through the real Library UI of the built app: the files
 * a new user tried — a one-row CSV 5,000 columns wide, a row of one huge cell, a PNG signature
 * followed by junk, JSON nested 100,000 deep, a zip named .xlsx, a PDF signature followed by
 * junk — each end with the exact sentence the person reads (in English and in Portuguese), the
 * junk image fails in the browser's own decoder instead of showing "Done" or waiting, and the
 * document stored before is untouched.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { addFixtures, documentRow, openLibrary, settledStatus, storeRows } from './library-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser();
const dir = mkdtempSync(join(tmpdir(), 'omnia-garbage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The bad files, built here: name → bytes. */
const FILES: Record<string, Uint8Array> = {
  'wide.csv': encode(`${Array.from({ length: 5000 }, (_, i) => `field${i}`).join(',')}\n`),
  'long-row.csv': encode(`id,notes\n1,${'lorem ipsum dolor sit amet '.repeat(3000)}\n`),
  'junk.png': new Uint8Array([...PNG_SIGNATURE, ...encode('this is not a picture '.repeat(20))]),
  'deep.json': encode(`${'['.repeat(100_000)}1${']'.repeat(100_000)}`),
  'fake.xlsx': zipSync({ 'photos/readme.txt': encode('holiday photos') }),
  'junk.pdf': encode(`%PDF-1.7\n${'nothing that pdf.js can use '.repeat(10)}`),
};
const paths = Object.keys(FILES).map((name) => {
  const path = join(dir, name);
  writeFileSync(path, FILES[name]!);
  return path;
});

/** What the person reads on each failed file's row: [code, English, Portuguese]. */
const FAILED: Record<string, [string, string, string]> = {
  'junk.png': [
    'corrupt',
    'junk.png starts like a PNG image, but its picture data could not be decoded: it is damaged, or not really a PNG. Open it in an image editor, save it again as PNG or JPEG, and add the new copy.',
    'junk.png começa como uma imagem PNG, mas os dados da imagem não puderam ser decodificados: está danificada ou não é de fato PNG. Abra num editor de imagens, salve de novo como PNG ou JPEG e adicione a nova cópia.',
  ],
  'deep.json': [
    'too-deep',
    'deep.json nests objects and arrays more than 100 levels deep, deeper than the Library reads. Flatten it, or export it as CSV or JSON Lines, and add that copy.',
    'deep.json aninha objetos e listas em mais de 100 níveis, mais fundo do que a Biblioteca lê. Achate a estrutura, ou exporte como CSV ou JSON Lines, e adicione essa cópia.',
  ],
  'fake.xlsx': [
    'unknown-type',
    'fake.xlsx is a zip archive but not a spreadsheet: there is no Excel workbook inside. If it should be one, open it in a spreadsheet program, save it again as .xlsx and add that copy; if it is an archive, unzip it and add the files inside.',
    'fake.xlsx é um arquivo zip, mas não é uma planilha: não há uma pasta de trabalho do Excel dentro. Se deveria ser uma, abra num programa de planilhas, salve de novo como .xlsx e adicione essa cópia; se é um arquivo compactado, descompacte e adicione os arquivos de dentro.',
  ],
  'junk.pdf': [
    'truncated',
    'junk.pdf ends early: it was cut off while being copied or downloaded. Get a complete copy and add it again.',
    'junk.pdf termina antes da hora: foi cortado ao ser copiado ou baixado. Consiga uma cópia completa e adicione de novo.',
  ],
};

/** The warning each capped table keeps on its (ready) row: [code, English, Portuguese]. */
const WARNED: Record<string, [string, string, string]> = {
  'wide.csv': [
    'columns-capped',
    'Only the first 256 of 5,000 columns were indexed. Split the table into narrower files to index the rest.',
    'Só as primeiras 256 de 5.000 colunas foram indexadas. Divida a tabela em arquivos mais estreitos para indexar o resto.',
  ],
  'long-row.csv': [
    'cells-capped',
    'One row was longer than 10,000 characters; only its first 10,000 characters were indexed. Move long text out of the table to index all of it.',
    'Uma linha passava de 10.000 caracteres; só os primeiros 10.000 caracteres dela foram indexados. Tire os textos longos da tabela para indexar tudo.',
  ],
};

const text = async (page: Page, name: string, testId: string): Promise<string> =>
  ((await documentRow(page, name).getByTestId(testId).first().textContent()) ?? '').trim();

async function addGarbage(page: Page, language: 0 | 1): Promise<void> {
  await page.getByTestId('library-file-input').setInputFiles(paths);
  for (const [name, [code, ...said]] of Object.entries(FAILED)) {
    expect(await settledStatus(page, name, 60_000), name).toBe('failed');
    const error = documentRow(page, name).getByTestId('library-doc-error');
    expect(await error.getAttribute('data-code'), name).toBe(code);
    expect(await text(page, name, 'library-doc-error')).toBe(said[language]);
  }
  for (const [name, [code, ...said]] of Object.entries(WARNED)) {
    expect(await settledStatus(page, name, 60_000), name).toBe('ready');
    const warning = documentRow(page, name).getByTestId('library-doc-warning').first();
    expect(await warning.getAttribute('data-code'), name).toBe(code);
    expect(await text(page, name, 'library-doc-warning')).toBe(said[language]);
  }
}

describe('library: garbage in gets a clear, specific message', () => {
  it('each bad file says what it is and what to do; what was stored stays', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await openLibrary(page, appUrl);
    await addFixtures(page, ['notes.txt']);
    expect(await settledStatus(page, 'notes.txt')).toBe('ready');
    const docsBefore = await storeRows<Record<string, unknown>>(page, 'documents', [
      'id',
      'name',
      'status',
      'chunkCount',
      'sha256',
    ]);
    const chunksBefore = await storeRows<{ id: string; text: string }>(page, 'chunks', [
      'id',
      'text',
    ]);

    await addGarbage(page, 0);

    // The junk image's job failed; it never showed "Done" and kept no copy to wait with.
    const junkJob = page.getByTestId('library-job').filter({ hasText: 'junk.png' });
    expect(await junkJob.getAttribute('data-stage')).toBe('failed');
    const junkId = await documentRow(page, 'junk.png').getAttribute('data-doc-id');
    const sources = await storeRows<{ documentId: string }>(page, 'documentSources', [
      'documentId',
    ]);
    expect(sources.map((s) => s.documentId)).not.toContain(junkId);

    // One row, however wide or long, is a handful of passages, not thousands.
    const docs = await storeRows<{ name: string; chunkCount?: number }>(page, 'documents', [
      'name',
      'chunkCount',
    ]);
    const counts = Object.fromEntries(docs.map((d) => [d.name, d.chunkCount ?? 0]));
    console.log(`library garbage: passages per capped table ${JSON.stringify(counts)}`);
    expect(counts['wide.csv']).toBeLessThanOrEqual(10);
    expect(counts['long-row.csv']).toBeLessThanOrEqual(16);

    // Nothing stored before was touched, and failed files stored no passages.
    const docsAfter = await storeRows<Record<string, unknown>>(page, 'documents', [
      'id',
      'name',
      'status',
      'chunkCount',
      'sha256',
    ]);
    expect(docsAfter).toEqual(expect.arrayContaining(docsBefore));
    const chunksAfter = await storeRows<{ id: string; text: string; documentId: string }>(
      page,
      'chunks',
      ['id', 'text', 'documentId'],
    );
    expect(chunksAfter).toEqual(
      expect.arrayContaining(chunksBefore.map((c): unknown => expect.objectContaining(c))),
    );
    const failedIds = new Set(
      docsAfter.filter((d) => String(d['name']) in FAILED).map((d) => d['id']),
    );
    expect(chunksAfter.filter((c) => failedIds.has(c.documentId))).toEqual([]);

    expectCleanSession(session);
    await session.close();
  });

  it('says the same in Portuguese', async () => {
    const session = await newSession(browser(), appUrl, { locale: 'pt-BR' });
    const page = await gotoApp(session, appUrl);
    await openLibrary(page, appUrl);
    await addGarbage(page, 1);
    expectCleanSession(session);
    await session.close();
  });
});
