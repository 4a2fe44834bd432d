/**
 * Runs inside the REAL app's page (bench/chat-history.bench.ts injects this module into the
 * built app served by the relay), so the app and the bare baselines share one page, one
 * origin and one IndexedDB. It times, in the page, what a person waits for:
 *  - opening a long conversation: from `location.hash` assignment to the first message in
 *    the DOM and painted (MutationObserver, then two animation frames), and to the branch's
 *    last message visible at the bottom of the list;
 *  - history search through the sidebar's search box, from the input event to the first
 *    result painted, and from the box's debounce timer firing to the same moment.
 * Bare baselines: raw IndexedDB getAll of the same rows, and MiniSearch used directly.
 */
import MiniSearch, { type SearchOptions } from 'minisearch';

const MESSAGE = '[data-testid="chat-message"]';
const RESULT = '[data-testid="chat-search-result"]';
const EMPTY = '[data-testid="chat-search-empty"]';
/** ChatSearchBox.svelte's debounce; the timer with this delay is the one we watch. */
const SEARCH_DEBOUNCE_MS = 150;
const TIMEOUT_MS = 60_000;

export interface OpenTiming {
  /** Hash assignment → first chat message in the DOM. */
  domMs: number;
  /** … → first chat message painted (two frames later). */
  firstPaintMs: number;
  /** … → the branch's last message visible at the bottom of the list, painted. */
  lastVisibleMs: number;
  /** Whether that last message was already on screen in the first painted frame. */
  lastInFirstPaint: boolean;
}

export interface SearchTiming {
  /** Input event → first result painted (includes the debounce). */
  totalMs: number;
  /** Debounce timer fired → first result painted: what searching costs. */
  afterDebounceMs: number;
  /** Debounce timer fired → results in the DOM (no wait for frames). */
  domAfterDebounceMs: number;
  /** Results on screen (the app shows at most 50). */
  results: number;
}

/** performance.now() in the next animation frame's callback. */
function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
}

async function painted(): Promise<number> {
  await nextFrame();
  await nextFrame();
  return performance.now();
}

/** Resolves with performance.now() as soon as `ready()` holds after a DOM change. */
function whenDom(ready: () => boolean, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      if (!ready()) return false;
      observer.disconnect();
      clearTimeout(timer);
      resolve(performance.now());
      return true;
    };
    const observer = new MutationObserver(() => void check());
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`timed out waiting for ${what}`));
    }, TIMEOUT_MS);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    check();
  });
}

/** Resolves with performance.now() at the first animation frame where `ready()` holds. */
async function whenFrame(ready: () => boolean, what: string): Promise<number> {
  const deadline = performance.now() + TIMEOUT_MS;
  for (;;) {
    const at = await nextFrame();
    if (ready()) return at;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

function lastVisible(leafId: string): boolean {
  const list = document.querySelector('[data-testid="chat-messages"]');
  const last = document.querySelector(`${MESSAGE}[data-message-id="${CSS.escape(leafId)}"]`);
  if (!list || !last) return false;
  const box = list.getBoundingClientRect();
  const rect = last.getBoundingClientRect();
  return rect.bottom <= box.bottom + 1 && rect.bottom > box.top;
}

/** Back to a new, empty chat (the chat view stays mounted), with no message on screen. */
async function leave(): Promise<void> {
  location.hash = '#/chat';
  await whenDom(() => document.querySelector(MESSAGE) === null, 'the thread to close');
  await painted();
}

async function openConversation(id: string, leafId: string): Promise<OpenTiming> {
  await leave();
  const first = whenDom(() => document.querySelector(MESSAGE) !== null, 'the first message');
  const start = performance.now();
  location.hash = `#/chat/${encodeURIComponent(id)}`;
  const domAt = await first;
  await nextFrame();
  // The frame being painted now: is the conversation's end what the person sees first?
  const lastInFirstPaint = lastVisible(leafId);
  const firstPaintAt = await nextFrame();
  await whenFrame(() => lastVisible(leafId), 'the last message at the bottom');
  const lastAt = await nextFrame();
  return {
    domMs: domAt - start,
    firstPaintMs: firstPaintAt - start,
    lastVisibleMs: lastAt - start,
    lastInFirstPaint,
  };
}

let rawDb: Promise<IDBDatabase> | undefined;

function openRaw(): Promise<IDBDatabase> {
  rawDb ??= new Promise((resolve, reject) => {
    const request = indexedDB.open('omnia');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
  });
  return rawDb;
}

function getAll(source: IDBObjectStore | IDBIndex, range?: IDBKeyRange): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const request = source.getAll(range);
    request.onsuccess = () => resolve(request.result as unknown[]);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB getAll failed'));
  });
}

/** The data alone: one conversation's rows through the index the app reads them by. */
async function bareRead(id: string): Promise<{ ms: number; rows: number }> {
  const db = await openRaw();
  const start = performance.now();
  const index = db
    .transaction('messages')
    .objectStore('messages')
    .index('[conversationId+createdAt]');
  const rows = await getAll(index, IDBKeyRange.bound([id, -Infinity], [id, Infinity]));
  return { ms: performance.now() - start, rows: rows.length };
}

/** Calls `run` with every SEARCH_DEBOUNCE_MS timer reporting when it fired. */
async function watchingDebounce<T>(run: (firedAt: () => number | null) => Promise<T>): Promise<T> {
  const original = window.setTimeout.bind(window);
  let fired: number | null = null;
  const patched = (handler: TimerHandler, timeout?: number, ...args: unknown[]): number => {
    if (timeout !== SEARCH_DEBOUNCE_MS || typeof handler !== 'function') {
      return original(handler, timeout, ...args);
    }
    const call = handler as (...a: unknown[]) => void;
    return original(
      (...a: unknown[]) => {
        fired = performance.now();
        call(...a);
      },
      timeout,
      ...args,
    );
  };
  window.setTimeout = patched as typeof window.setTimeout;
  try {
    return await run(() => fired);
  } finally {
    window.setTimeout = original;
  }
}

function typeInto(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Types `query` into the sidebar's search box (emptied first) and waits for results. */
async function search(query: string): Promise<SearchTiming> {
  const input = document.querySelector<HTMLInputElement>('[data-testid="chat-search-input"]');
  if (!input) throw new Error('no search box on screen');
  typeInto(input, '');
  await whenDom(() => document.querySelector(RESULT) === null, 'the old results to go');
  await painted();
  return watchingDebounce(async (firedAt) => {
    const shown = whenDom(
      () => document.querySelector(RESULT) !== null || document.querySelector(EMPTY) !== null,
      `results for "${query}"`,
    );
    const start = performance.now();
    typeInto(input, query);
    const domAt = await shown;
    const end = await painted();
    const results = document.querySelectorAll(RESULT).length;
    if (results === 0) {
      const status = document.querySelector('.search-status')?.textContent?.trim();
      throw new Error(`the app found nothing for "${query}" (${status}; box: "${input.value}")`);
    }
    const fired = firedAt();
    if (fired === null) throw new Error('the search debounce timer was not seen');
    return {
      totalMs: end - start,
      afterDebounceMs: end - fired,
      domAfterDebounceMs: domAt - fired,
      results,
    };
  });
}

/** The app's own options (history-search.ts), to tell the library's cost from the app's. */
const APP_LIKE_OPTIONS: SearchOptions = {
  combineWith: 'AND',
  prefix: (_term, i, terms) => i === terms.length - 1,
  fuzzy: (term) => (term.length >= 5 ? 1 : false),
};

let bare: MiniSearch | undefined;
let bareContent = new Map<string, string>();

/** Bare MiniSearch (default options) over every stored message, read with raw getAll. */
async function bareSearchSetup(): Promise<{ readMs: number; buildMs: number; count: number }> {
  const db = await openRaw();
  const start = performance.now();
  const rows = await getAll(db.transaction('messages').objectStore('messages'));
  const read = performance.now();
  const index = new MiniSearch({ fields: ['content'] });
  const messages = rows as { id: string; content: string }[];
  index.addAll(messages);
  bare = index;
  bareContent = new Map(messages.map((m) => [m.id, m.content]));
  return { readMs: read - start, buildMs: performance.now() - read, count: rows.length };
}

function bareSearch(query: string, appLike: boolean): { ms: number; hits: number } {
  if (!bare) throw new Error('bareSearchSetup() first');
  const start = performance.now();
  const hits = bare.search(query, appLike ? APP_LIKE_OPTIONS : {});
  return { ms: performance.now() - start, hits: hits.length };
}

/**
 * Bare MiniSearch (the app's options) and the least DOM that shows its first 50 hits: plain
 * list items with the first 160 characters of each message, in a box over the page, timed to
 * the frame they are painted in — what "results on screen" costs without the app.
 */
async function barePainted(query: string): Promise<{ domMs: number; paintedMs: number }> {
  if (!bare) throw new Error('bareSearchSetup() first');
  const start = performance.now();
  const hits = bare.search(query, APP_LIKE_OPTIONS).slice(0, 50);
  const list = document.createElement('ol');
  list.style.cssText = 'position:fixed;inset:0 auto auto 0;width:17rem;z-index:9;background:#fff';
  for (const hit of hits) {
    const item = document.createElement('li');
    item.textContent = (bareContent.get(String(hit.id)) ?? '').slice(0, 160);
    list.append(item);
  }
  document.body.append(list);
  const domMs = performance.now() - start;
  const end = await painted();
  list.remove();
  await painted();
  return { domMs, paintedMs: end - start };
}

export const chatHistoryBench = {
  barePainted,
  openConversation,
  bareRead,
  search,
  bareSearchSetup,
  bareSearch,
  leave,
};

export type ChatHistoryBenchApi = typeof chatHistoryBench;

(window as unknown as { chatHistoryBench: ChatHistoryBenchApi }).chatHistoryBench =
  chatHistoryBench;
