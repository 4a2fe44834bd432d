/**
 * Research sessions (C10): documents gathered into a session give a summary, key points, an
 * outline and Q&A, every point cited to a passage that opens on its page; the session is
 * saved, listed after a reload, and reopened as it was.
 */
import { describe, expect, inject, it } from 'vitest';
import type { ResearchSession } from '../../src/storage/types';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { addFixtures, openLibrary, settledStatus, storeRows } from './library-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser();

describe('research sessions', () => {
  it('builds cited notes from chosen documents, saves them and reopens them', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await openLibrary(page, appUrl);
    await addFixtures(page, ['report.pdf', 'handbook.docx', 'notes.md']);
    for (const name of ['report.pdf', 'handbook.docx', 'notes.md']) {
      expect(await settledStatus(page, name)).toBe('ready');
    }
    const docs = await storeRows<{ id: string; name: string }>(page, 'documents', ['id', 'name']);
    const chosen = docs.filter((d) => d.name !== 'notes.md').map((d) => d.id);

    await page.goto(`${appUrl}#/research`);
    await page.getByTestId('research-view').waitFor();
    await page.getByTestId('research-title').fill('Turbines and security');
    for (const id of chosen) {
      await page.locator(`[data-testid="research-doc"][data-doc-id="${id}"]`).check();
    }
    await page.getByTestId('research-create').click();
    const notes = page.getByTestId('research-page');
    await notes.waitFor({ timeout: 30_000 });
    for (const part of [
      'research-summary',
      'research-bullets',
      'research-outline',
      'research-qa',
    ]) {
      expect(await notes.getByTestId(part).count(), part).toBe(1);
    }

    // Every source button points into a chosen document, at a stored chunk.
    const [stored] = await storeRows<ResearchSession>(page, 'researchSessions', [
      'id',
      'title',
      'documentIds',
      'notes',
    ]);
    expect(stored?.title).toBe('Turbines and security');
    expect([...(stored?.documentIds ?? [])].sort()).toEqual([...chosen].sort());
    const points = [
      ...(stored?.notes.summary ?? []),
      ...(stored?.notes.bullets ?? []),
      ...(stored?.notes.qa.map((q) => q.answer) ?? []),
    ];
    expect(points.length).toBeGreaterThan(2);
    const chunkIds = new Set(
      (await storeRows<{ id: string }>(page, 'chunks', ['id'])).map((c) => c.id),
    );
    for (const point of points) {
      expect(point.sources.length, point.text).toBeGreaterThan(0);
      for (const source of point.sources) {
        expect(chosen).toContain(source.documentId);
        expect(chunkIds.has(source.chunkId)).toBe(true);
      }
    }
    const buttons = notes.getByTestId('research-source');
    expect(await buttons.count()).toBeGreaterThan(2);
    const pdfSource = notes.locator(
      `[data-testid="research-source"][data-document-id="${docs.find((d) => d.name === 'report.pdf')?.id}"]`,
    );
    await pdfSource.first().click();
    const panel = page.getByTestId('passage-panel');
    await expect
      .poll(() => panel.getAttribute('data-page'), { timeout: 10_000 })
      .toMatch(/^[123]$/);
    await page.keyboard.press('Escape');

    // Saved: after a reload the session is listed and opens with the same notes.
    await page.goto(`${appUrl}#/research`);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    const item = page.locator(`[data-testid="research-session"][data-session-id="${stored?.id}"]`);
    await item.getByRole('link').first().click();
    await page.getByTestId('research-page').waitFor();
    expect(await page.getByTestId('research-source').count()).toBe(await buttons.count());

    expectCleanSession(session);
    await session.close();
  });
});
