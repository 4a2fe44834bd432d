/** Export everything, import it back identical, refuse bad files safely, delete all with consent. */
import { describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { dumpDatabase, seedDatabase } from './idb';

const appUrl = inject('appUrl');
const browser = useBrowser();

const now = Date.UTC(2026, 10, 21, 12, 0, 0);
const SEED = {
  conversations: [
    {
      id: 'c1',
      title: 'Revisão de contrato — cláusula 7',
      createdAt: now,
      updatedAt: now,
      pinned: true,
      archived: false,
      collectionIds: ['k1'],
    },
    {
      id: 'c2',
      title: 'Trip plan 🧭',
      createdAt: now + 1,
      updatedAt: now + 2,
      pinned: false,
      archived: true,
      collectionIds: [],
    },
  ],
  messages: [
    {
      id: 'm1',
      conversationId: 'c1',
      parentId: null,
      role: 'user',
      content: 'O que diz a cláusula 7?',
      createdAt: now,
      attachments: [
        { name: 'nota.txt', blobText: 'anexo em português: ação, coração', type: 'text/plain' },
      ],
    },
    {
      id: 'm2',
      conversationId: 'c1',
      parentId: 'm1',
      role: 'assistant',
      content: 'Ela trata de rescisão [1].',
      createdAt: now + 5,
      modelId: 'fixture-llm',
      tokens: { prompt: 12, completion: 7 },
      timings: { firstTokenMs: 80, tokensPerSecond: 21.5, totalMs: 400 },
      citations: [{ index: 1, documentId: 'd1', chunkId: 'ch1', page: 3 }],
      rating: { stars: 5, comment: 'ótimo' },
    },
  ],
  documents: [
    {
      id: 'd1',
      name: 'contrato.pdf',
      mimeType: 'application/pdf',
      size: 12345,
      addedAt: now,
      status: 'ready',
      pageCount: 4,
      collectionIds: ['k1'],
    },
  ],
  chunks: [
    {
      id: 'ch1',
      documentId: 'd1',
      order: 0,
      text: 'Cláusula 7 — rescisão.',
      tokenCount: 6,
      page: 3,
      section: '7',
    },
  ],
  collections: [{ id: 'k1', name: 'Jurídico', createdAt: now }],
  settings: [{ key: 'theme', value: 'dark' }],
  jobs: [{ id: 'j1', kind: 'ingest', status: 'done', progress: 1, createdAt: now, updatedAt: now }],
  events: [{ id: 1, at: now, kind: 'app.test', data: { ok: true } }],
};

async function seededPage(): Promise<{
  page: Page;
  close: () => Promise<void>;
  check: () => void;
}> {
  const session = await newSession(browser(), appUrl);
  const page = await gotoApp(session, appUrl, 'settings');
  await seedDatabase(page, SEED);
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  return { page, close: () => session.close(), check: () => expectCleanSession(session) };
}

/**
 * The dump without the library's change counter: delete-all and import bump it (so other
 * tabs reload their search indexes); it is bookkeeping of this device, not anyone's data.
 */
function withoutCounter(dump: Record<string, unknown[]>): Record<string, unknown[]> {
  const rows = (dump['libraryIndex'] ?? []) as { key?: string; json?: string }[];
  expect(rows.every((row) => row.key === 'version' && row.json === undefined)).toBe(true);
  return Object.fromEntries(Object.entries(dump).filter(([table]) => table !== 'libraryIndex'));
}

function countsOf(dump: Record<string, unknown[]>): Record<string, number> {
  return Object.fromEntries(Object.entries(dump).map(([k, v]) => [k, v.length]));
}

describe('your data', () => {
  it('exports everything to one file and imports it back identical, after delete all', async () => {
    const { page, close, check } = await seededPage();
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    const before = await dumpDatabase(page);
    expect(countsOf(before)).toMatchObject({
      conversations: 2,
      messages: 2,
      documents: 1,
      chunks: 1,
      settings: 1,
    });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export everything' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^omnia-export-\d{4}-\d{2}-\d{2}\.json$/);
    const file = await download.path();
    const exported = JSON.parse(readFileSync(file, 'utf8')) as {
      format: string;
      tables: Record<string, unknown[]>;
    };
    expect(exported.format).toBe('omnia-export');
    expect(exported.tables['messages']).toHaveLength(2);
    await page.getByTestId('data-message').getByText('Exported 10 records').waitFor();

    // Cancel keeps everything.
    await page.getByRole('button', { name: 'Delete all my data' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    expect(await dumpDatabase(page)).toEqual(before);

    await page.getByRole('button', { name: 'Delete all my data' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete everything' }).click();
    await page.getByTestId('data-message').getByText('All your data was deleted.').waitFor();
    const erased = withoutCounter(await dumpDatabase(page));
    expect(Object.values(erased).every((rows) => rows.length === 0)).toBe(true);
    // Preferences went with the data: back to the browser's (light) theme.
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('light');

    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('data-message').getByText('Imported 10 records.').waitFor();
    expect(withoutCounter(await dumpDatabase(page))).toEqual(withoutCounter(before));
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await page.goto(`${appUrl}#/`);
    await page
      .getByTestId('home-counts')
      .getByText('2 conversations, 2 messages, 1 document')
      .waitFor();
    check();
    await close();
  });

  for (const [label, content, message] of [
    ['not JSON', 'this is not json {', 'That file is not valid JSON'],
    ['JSON of another app', JSON.stringify({ hello: 'world' }), 'That file is not an Omnia export'],
    [
      'an export from a newer Omnia',
      JSON.stringify({
        format: 'omnia-export',
        formatVersion: 1,
        schemaVersion: 999,
        exportedAt: new Date().toISOString(),
        tables: {},
      }),
      'newer version of Omnia',
    ],
    [
      'a damaged export',
      JSON.stringify({
        format: 'omnia-export',
        formatVersion: 1,
        schemaVersion: 1,
        exportedAt: new Date().toISOString(),
        tables: { conversations: [42] },
      }),
      'damaged',
    ],
  ] as const) {
    it(`refuses ${label} with a clear message and loses nothing`, async () => {
      const { page, close, check } = await seededPage();
      const before = await dumpDatabase(page);
      await page.getByTestId('import-file').setInputFiles({
        name: 'omnia-export.json',
        mimeType: 'application/json',
        buffer: Buffer.from(content),
      });
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain(message);
      expect(await alert.textContent()).toContain('Your existing data was not changed.');
      expect(await dumpDatabase(page)).toEqual(before);
      check();
      await close();
    });
  }
});
