/**
 * Every bad file of the issue in one drop, next to a good one: each gets its own clear,
 * actionable status, the good file and the document stored before are untouched, and the
 * tab stays responsive while the ingest worker chews on a 50 MB CSV and a 1 GiB zip bomb.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { makeLargeCsv } from '../../scripts/fixtures/large-csv';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import {
  addFixtures,
  ask,
  documentRow,
  LIBRARY_FIXTURES,
  openLibrary,
  planted,
  settledStatus,
  storeRows,
} from './library-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser();
const dir = mkdtempSync(join(tmpdir(), 'omnia-bad-input-'));
const bigCsv = join(dir, 'big.csv');
writeFileSync(bigCsv, makeLargeCsv(50 * 1024 * 1024));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The code each bad file must fail with. */
const EXPECTED: Record<string, string> = {
  'truncated.pdf': 'truncated',
  'encrypted.pdf': 'encrypted',
  'bomb.docx': 'zip-bomb',
  'binary.txt': 'binary-as-text',
  'empty.txt': 'empty',
  'unknown.bin': 'unknown-type',
};

declare global {
  interface Window {
    __omniaMaxGap?: number;
  }
}

describe('library: bad input', () => {
  it('explains each bad file, keeps the others going and loses nothing stored', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await openLibrary(page, appUrl);

    // Something already stored, which the bad drop must not disturb.
    await addFixtures(page, ['notes.txt']);
    expect(await settledStatus(page, 'notes.txt')).toBe('ready');
    const before = await storeRows<{ id: string }>(page, 'chunks', ['id']);

    // How long the main thread goes without running a 16 ms timer, while the drop is processed.
    await page.evaluate(() => {
      window.__omniaMaxGap = 0;
      let last = performance.now();
      const tick = (): void => {
        const now = performance.now();
        window.__omniaMaxGap = Math.max(window.__omniaMaxGap ?? 0, now - last);
        last = now;
        setTimeout(tick, 16);
      };
      setTimeout(tick, 16);
    });
    await page
      .getByTestId('library-file-input')
      .setInputFiles([
        ...Object.keys(EXPECTED).map((name) => `${LIBRARY_FIXTURES}/${name}`),
        bigCsv,
        `${LIBRARY_FIXTURES}/notes.md`,
      ]);

    for (const [name, code] of Object.entries(EXPECTED)) {
      expect(await settledStatus(page, name, 120_000), name).toBe('failed');
      const row = documentRow(page, name);
      expect(await row.getByTestId('library-doc-error').getAttribute('data-code'), name).toBe(code);
      const message = (await row.getByTestId('library-doc-error').textContent()) ?? '';
      expect(message.length, `${name}: "${message}"`).toBeGreaterThan(20);
    }
    expect(await settledStatus(page, 'notes.md')).toBe('ready');
    expect(await settledStatus(page, 'big.csv', 180_000)).toBe('ready');
    const bigRow = documentRow(page, 'big.csv');
    expect(await bigRow.getByTestId('library-doc-warning').first().getAttribute('data-code')).toBe(
      'rows-capped',
    );
    const maxGap = await page.evaluate(() => window.__omniaMaxGap ?? 0);
    console.log(`library bad input: longest main-thread stall ${maxGap.toFixed(0)} ms`);
    expect(maxGap).toBeLessThan(1500);

    // The messages are ones a person can act on.
    const encrypted = await documentRow(page, 'encrypted.pdf')
      .getByTestId('library-doc-error')
      .textContent();
    expect(encrypted).toMatch(/password/i);

    // Nothing already stored was lost; the earlier document still answers.
    const after = await storeRows<{ id: string }>(page, 'chunks', ['id']);
    expect(after.map((c) => c.id)).toEqual(expect.arrayContaining(before.map((c) => c.id)));
    const answer = await ask(page, 'pao de queijo polvilho azedo');
    expect(await answer.getByTestId('library-passage').first().textContent()).toContain(
      'notes.txt',
    );
    expect(planted('notes.txt').text).toContain('polvilho');
    // Failed files stored no chunks.
    const docs = await storeRows<{ id: string; name: string }>(page, 'documents', ['id', 'name']);
    const failedIds = new Set(
      docs.filter((d) => Object.keys(EXPECTED).includes(d.name)).map((d) => d.id),
    );
    const chunkDocs = await storeRows<{ documentId: string }>(page, 'chunks', ['documentId']);
    expect(chunkDocs.filter((c) => failedIds.has(c.documentId))).toEqual([]);

    expectCleanSession(session);
    await session.close();
  });
});
