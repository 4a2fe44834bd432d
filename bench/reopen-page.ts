/**
 * What the reopen bench runs inside the app's page and its library worker. Kept as strings and
 * self-contained functions: they are evaluated in the browser, not bundled.
 */
import type MiniSearchType from 'minisearch';
import type { Page } from 'playwright-core';

/** sessionStorage key: the question the init script asks the moment the ask box appears. */
export const ASK_KEY = 'omnia-bench-reopen-ask';

/** Timestamps (the page's performance.now(), so ms since navigation start) the script records. */
export interface ReopenMarks {
  viewAt?: number;
  submitAt?: number;
  progressAt?: number;
  answerAt?: number;
  /** The first cited passage's document id. */
  firstDocument?: string;
  /** What the page said instead of an answer (an error, or no results). */
  failed?: string;
}

/**
 * Installed before every navigation: records when the ask box, the embedder's load progress
 * and the first answer appear, and asks the stored question the moment the box appears (as a
 * person who types at once would, without a round trip to the driver).
 */
export const RECORDER = `(() => {
  const marks = (window.__reopen = {});
  const question = sessionStorage.getItem('${ASK_KEY}');
  const find = (selector) => document.querySelector(selector);
  const observer = new MutationObserver(() => {
    const now = performance.now();
    if (marks.viewAt === undefined && find('[data-testid="library-ask"]')) {
      marks.viewAt = now;
      // In the next frame, once the view's handlers are surely bound (no one types faster).
      if (question) requestAnimationFrame(() => {
        const input = find('[data-testid="library-ask"]');
        input.value = question;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        marks.submitAt = performance.now();
        find('[data-testid="library-ask-submit"]').click();
      });
    }
    if (marks.progressAt === undefined && find('[data-testid="library-embedder-load"]')) {
      marks.progressAt = now;
    }
    const failed = find('[data-testid="library-ask-error"], [data-testid="library-no-results"]');
    if (marks.failed === undefined && failed) marks.failed = failed.textContent;
    const passage = find('[data-testid="library-answer"] [data-testid="library-passage"]');
    if (marks.answerAt === undefined && passage) {
      marks.answerAt = now;
      marks.firstDocument = passage.getAttribute('data-document-id');
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

export function readMarks(page: Page): Promise<ReopenMarks> {
  return page.evaluate(() => ({ ...(window as unknown as { __reopen: ReopenMarks }).__reopen }));
}

/** Asks `question` now, in the page, and resolves with submit → first passage shown (ms). */
export function askTimed(page: Page, question: string): Promise<number> {
  return page.evaluate(async (q) => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="library-ask"]')!;
    const section = document.querySelector('[data-testid="library-ask-section"]')!;
    const before = section.getAttribute('data-answered');
    input.value = q;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const start = performance.now();
    document.querySelector<HTMLButtonElement>('[data-testid="library-ask-submit"]')!.click();
    return new Promise<number>((resolve) => {
      const check = (): void => {
        if (section.getAttribute('data-answered') !== before) resolve(performance.now() - start);
        else requestAnimationFrame(check);
      };
      check();
    });
  }, question);
}

/** The library worker's phase measures (omnia-library:*), its start, and its time origin. */
export interface WorkerPhases {
  /** Worker time origin − page time origin: when the page created the worker (ms). */
  createdAt: number;
  /** When the worker's module had run (its `omnia-library:ready` mark), page time. */
  readyAt: number | null;
  /** Phase name → duration (ms) and start (page time). */
  phases: Record<string, { ms: number; at: number }>;
}

export async function workerPhases(page: Page): Promise<WorkerPhases | null> {
  const worker = page.workers().find((w) => w.url().includes('library'));
  if (!worker) return null;
  const pageOrigin = await page.evaluate(() => performance.timeOrigin);
  return worker.evaluate((origin) => {
    const offset = performance.timeOrigin - origin;
    const phases: Record<string, { ms: number; at: number }> = {};
    for (const entry of performance.getEntriesByType('measure')) {
      if (!entry.name.startsWith('omnia-library:')) continue;
      phases[entry.name.slice('omnia-library:'.length)] = {
        ms: entry.duration,
        at: entry.startTime + offset,
      };
    }
    const ready = performance.getEntriesByName('omnia-library:ready')[0];
    return { createdAt: offset, readyAt: ready ? ready.startTime + offset : null, phases };
  }, pageOrigin);
}

export interface BareTiming {
  readMs: number;
  loadMs: number;
  queryMs: number;
  hits: number;
  snapshotChars: number;
}

/**
 * Bare MiniSearch (injected as its UMD build) on the same page: the raw IndexedDB read of the
 * stored snapshot row, MiniSearch.loadJSON of its index, and one search of `question`.
 */
export function bareMiniSearch(page: Page, question: string): Promise<BareTiming> {
  return page.evaluate(async (q) => {
    const MiniSearch = (window as unknown as { MiniSearch: typeof MiniSearchType }).MiniSearch;
    const t0 = performance.now();
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('omnia');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const row = await new Promise<{ json: string }>((resolve, reject) => {
      const request = db.transaction('libraryIndex').objectStore('libraryIndex').get('keyword');
      request.onsuccess = () => resolve(request.result as { json: string });
      request.onerror = () => reject(request.error ?? new Error('read failed'));
    });
    const readMs = performance.now() - t0;
    db.close();
    // The MiniSearch part of our snapshot, as MiniSearch's own toJSON would write it (untimed).
    const snapshot = JSON.parse(row.json) as { index: unknown };
    const indexJson =
      typeof snapshot.index === 'string' ? snapshot.index : JSON.stringify(snapshot.index);
    const t1 = performance.now();
    const index = MiniSearch.loadJSON(indexJson, { fields: ['text', 'section', 'documentName'] });
    const t2 = performance.now();
    const hits = index.search(q, { combineWith: 'OR', prefix: true, fuzzy: 0.2 }).length;
    const t3 = performance.now();
    return { readMs, loadMs: t2 - t1, queryMs: t3 - t2, hits, snapshotChars: row.json.length };
  }, question);
}

/** The stored snapshot's version and the library's, read raw (the snapshot is written). */
export function snapshotVersions(page: Page): Promise<{ snapshot: number; library: number }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('omnia');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const store = db.transaction('libraryIndex').objectStore('libraryIndex');
    const get = (key: string): Promise<{ version?: number } | undefined> =>
      new Promise((resolve) => {
        const request = store.get(key);
        request.onsuccess = () => resolve(request.result as { version?: number } | undefined);
        request.onerror = () => resolve(undefined);
      });
    const [snapshot, library] = await Promise.all([get('keyword'), get('version')]);
    db.close();
    return { snapshot: snapshot?.version ?? -1, library: library?.version ?? 0 };
  });
}
