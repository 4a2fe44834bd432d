/**
 * The Library with the fixture embedder installed through the Models view: chunks are
 * embedded in the library worker and land in both indexes; a reload answers from the stored
 * vectors and keyword snapshot without embedding a single chunk again; deleting a document
 * takes it out of both; changing the embedding model re-indexes as a job.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import {
  addFixtures,
  deleteDocument,
  ask,
  documentRow,
  EMBEDDER,
  installEmbedder,
  openLibrary,
  settledStatus,
  storeRows,
} from './library-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser();

async function indexStatus(page: Page): Promise<Record<string, string>> {
  const el = page.getByTestId('library-index-status');
  await el.waitFor();
  return el.evaluate((node) => ({ ...(node as HTMLElement).dataset }) as Record<string, string>);
}

describe('library: vector and keyword indexes', () => {
  it('embeds once, survives a reload without re-embedding, deletes from both, re-indexes', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await installEmbedder(page, appUrl);
    await openLibrary(page, appUrl);
    await addFixtures(page, ['report.pdf', 'notes.md', 'handbook.docx']);
    for (const name of ['report.pdf', 'notes.md', 'handbook.docx']) {
      expect(await settledStatus(page, name)).toBe('ready');
    }
    const chunks = await storeRows<{ id: string; documentId: string }>(page, 'chunks', [
      'id',
      'documentId',
    ]);
    const vectors = await storeRows<{ chunkId: string; modelId: string }>(page, 'chunkVectors', [
      'chunkId',
      'modelId',
    ]);
    expect(vectors.map((v) => v.chunkId).sort()).toEqual(chunks.map((c) => c.id).sort());
    expect(new Set(vectors.map((v) => v.modelId))).toEqual(new Set([EMBEDDER]));
    await expect
      .poll(async () => (await indexStatus(page))['embedded'], { timeout: 10_000 })
      .toBe(String(chunks.length));
    expect((await indexStatus(page))['model']).toBe(EMBEDDER);

    let answer = await ask(page, 'zircon turbine maintenance interval');
    const hit = answer.getByTestId('library-passage').first();
    expect(await hit.getAttribute('data-page')).toBe('2');
    // The vector side really ran: some passages were found by meaning.
    const foundBy = await answer
      .getByTestId('library-passage')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-found-by')));
    expect(foundBy.some((how) => how === 'vector' || how === 'both')).toBe(true);

    // Reload: same answer, nothing embedded but the query.
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    answer = await ask(page, 'zircon turbine maintenance interval');
    expect(await answer.getByTestId('library-passage').first().getAttribute('data-page')).toBe('2');
    await expect
      .poll(async () => (await indexStatus(page))['sessionEmbedded'], { timeout: 10_000 })
      .toBe('0');

    // Delete the PDF: gone from storage, from the vectors and from both searches.
    const reportId = await documentRow(page, 'report.pdf').getAttribute('data-doc-id');
    await deleteDocument(page, 'report.pdf');
    const left = await storeRows<{ documentId: string }>(page, 'chunkVectors', ['documentId']);
    expect(left.filter((v) => v.documentId === reportId)).toEqual([]);
    answer = await ask(page, 'zircon turbine maintenance interval');
    const ids = await answer
      .getByTestId('library-passage')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-document-id')));
    expect(ids).not.toContain(reportId);

    // Keyword only: the vectors go; back to the embedder: a re-index job embeds them again.
    await page.getByTestId('library-embedding-model').selectOption('');
    await expect.poll(async () => (await indexStatus(page))['model'], { timeout: 30_000 }).toBe('');
    await page.getByTestId('library-embedding-model').selectOption(EMBEDDER);
    const remaining = await storeRows<{ id: string }>(page, 'chunks', ['id']);
    await expect
      .poll(async () => (await indexStatus(page))['embedded'], { timeout: 60_000 })
      .toBe(String(remaining.length));

    expectCleanSession(session);
    await session.close();
  });
});
