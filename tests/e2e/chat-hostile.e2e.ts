/**
 * Model output is untrusted: the chat must show every hostile answer in the corpus as inert
 * text (no script runs, no request leaves, no dangerous element or handler reaches the DOM),
 * and still render real markdown (tables, highlighted code with a working Copy button, lists,
 * links that open safely). Answers are seeded straight into IndexedDB, as if a model had
 * written them, and read back through the real, virtualized chat view.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectCleanSession, gotoApp, newSession, useBrowser, type AppSession } from './browser';
import { seedDatabase } from './idb';
import { HOSTILE_PAYLOADS } from '../fixtures/hostile-output';

const appUrl = inject('appUrl');
const browser = useBrowser();

const LIST = '[data-testid="chat-messages"]';
const MESSAGE = '[data-testid="chat-message"]';
const FORBIDDEN =
  'script, iframe, object, embed, img, svg, math, form, style, link, meta, base, video, audio, source';
/** Where hostile payloads aim: any request here means one of them got out. */
const LEAK_MARKERS = ['127.0.0.1:9', 'pwned', 'leak'];

const now = Date.UTC(2026, 10, 21, 12, 0, 0);
const messageId = (n: number): string => `m-${String(n).padStart(4, '0')}`;

interface SeedMessage {
  id: string;
  conversationId: string;
  parentId: string | null;
  role: 'user' | 'assistant';
  content: string;
  createdAt: number;
  generation?: { finishReason: 'stop'; droppedTurns: number; device: string };
}

/** "show me" / answer pairs, chained through parentId, 1 ms apart. */
function conversationRows(
  conversationId: string,
  answers: readonly string[],
): { conversations: unknown[]; messages: SeedMessage[] } {
  const messages: SeedMessage[] = [];
  for (const answer of answers) {
    for (const role of ['user', 'assistant'] as const) {
      const n = messages.length + 1;
      messages.push({
        id: messageId(n),
        conversationId,
        parentId: n === 1 ? null : messageId(n - 1),
        role,
        content: role === 'user' ? 'show me' : answer,
        createdAt: now + n,
        ...(role === 'assistant'
          ? { generation: { finishReason: 'stop', droppedTurns: 0, device: 'wasm' } }
          : {}),
      });
    }
  }
  const conversation = {
    id: conversationId,
    title: conversationId === 'c-hostile' ? 'Hostile' : 'Features',
    createdAt: now,
    updatedAt: now + messages.length,
    pinned: false,
    archived: false,
    collectionIds: [],
    leafId: messages.at(-1)?.id,
  };
  return { conversations: [conversation], messages };
}

/** A session that records every request and dialog, opened on a seeded conversation. */
async function openSeededChat(
  conversationId: string,
  answers: readonly string[],
): Promise<{ session: AppSession; page: Page; requests: string[]; dialogs: string[] }> {
  const session = await newSession(browser(), appUrl);
  const requests: string[] = [];
  const dialogs: string[] = [];
  session.context.on('request', (request) => requests.push(request.url()));
  session.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const page = await gotoApp(session, appUrl);
  await seedDatabase(page, conversationRows(conversationId, answers));
  await page.goto(`${appUrl}#/chat/${conversationId}`);
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  await page.waitForSelector(`${LIST} ${MESSAGE}`);
  return { session, page, requests, dialogs };
}

interface Inspection {
  ids: string[];
  problems: string[];
  /** Text of every `code` element, per message id in the DOM now. */
  code: Record<string, string[]>;
  pwned: unknown;
}

/** The checks on whatever messages the virtualized list has in the DOM right now. */
function inspect(page: Page): Promise<Inspection> {
  return page.evaluate(
    ({ list, message, forbidden }) => {
      const root = document.querySelector(list);
      const problems: string[] = [];
      const code: Record<string, string[]> = {};
      const ids: string[] = [];
      if (!root) return { ids, problems: ['no message list'], code, pwned: undefined };
      for (const el of Array.from(root.querySelectorAll(message))) {
        const id = el.getAttribute('data-message-id') ?? '?';
        ids.push(id);
        code[id] = Array.from(el.querySelectorAll('code')).map((c) => c.textContent ?? '');
      }
      for (const el of Array.from(root.querySelectorAll('*'))) {
        for (const name of el.getAttributeNames()) {
          if (name.toLowerCase().startsWith('on')) problems.push(`<${el.localName} ${name}>`);
        }
      }
      for (const el of Array.from(root.querySelectorAll(forbidden))) {
        problems.push(`forbidden <${el.localName}>: ${el.outerHTML.slice(0, 120)}`);
      }
      for (const a of Array.from(root.querySelectorAll('a[href]'))) {
        const href = a.getAttribute('href') ?? '';
        if (!/^(https?:|mailto:)/i.test(href)) problems.push(`link to ${href}`);
        if (!(a.getAttribute('rel') ?? '').includes('noopener'))
          problems.push(`no noopener on ${href}`);
      }
      const pwned = (window as unknown as Record<string, unknown>)['__pwned'];
      return { ids, problems, code, pwned };
    },
    { list: LIST, message: MESSAGE, forbidden: FORBIDDEN },
  );
}

/** Scrolls half a screen; false once the list cannot go further down. */
function scrollDown(page: Page): Promise<boolean> {
  return page.evaluate((list) => {
    const el = document.querySelector(list);
    if (!el) return false;
    const before = el.scrollTop;
    el.scrollTop += el.clientHeight / 2;
    return el.scrollTop !== before;
  }, LIST);
}

describe('chat: untrusted model output', () => {
  it('shows every hostile answer as inert text: no script, request, handler or dangerous tag', async () => {
    const { session, page, requests, dialogs } = await openSeededChat(
      'c-hostile',
      HOSTILE_PAYLOADS.map((p) => p.markdown),
    );
    const assistantIds = HOSTILE_PAYLOADS.map((_, i) => messageId(2 * i + 2));
    const seen = new Set<string>();
    const codeByMessage = new Map<string, string[]>();

    // The view opens at the newest message and settles there (rows are measured as they
    // render); start from the top once it is still.
    await page.waitForFunction(
      (list) =>
        new Promise<boolean>((resolve) => {
          const el = document.querySelector(list);
          const first = el?.scrollTop;
          setTimeout(() => resolve(el !== null && el.scrollTop === first), 300);
        }),
      LIST,
    );
    await page.evaluate((list) => {
      const el = document.querySelector(list);
      if (el) el.scrollTop = 0;
    }, LIST);
    await page.waitForTimeout(100);
    // Two still steps in a row: the end (a virtual list may grow as it measures rows).
    for (let step = 0, still = 0; step < 2000 && still < 2; step++) {
      const found = await inspect(page);
      expect(found.problems, `step ${step}`).toEqual([]);
      expect(found.pwned, `step ${step}`).toBeUndefined();
      for (const id of found.ids) seen.add(id);
      for (const [id, texts] of Object.entries(found.code)) codeByMessage.set(id, texts);
      still = (await scrollDown(page)) ? 0 : still + 1;
      await page.waitForTimeout(60);
    }

    expect(assistantIds.filter((id) => !seen.has(id))).toEqual([]);
    HOSTILE_PAYLOADS.forEach((payload, i) => {
      if (payload.codeText === undefined) return;
      const texts = codeByMessage.get(messageId(2 * i + 2)) ?? [];
      expect(
        texts.some((t) => t.includes(payload.codeText ?? '')),
        `${payload.name} shows as code`,
      ).toBe(true);
    });

    // Late effects (a load error firing a handler, a refresh) would show by now.
    await page.waitForTimeout(1000);
    expect(
      await page.evaluate(() => (window as unknown as Record<string, unknown>)['__pwned']),
    ).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(requests.filter((url) => LEAK_MARKERS.some((m) => url.includes(m)))).toEqual([]);
    expectCleanSession(session);
    await session.close();
  });

  it('renders real markdown: table, highlighted code with Copy, lists, task list, safe links', async () => {
    const code =
      'const answer: number = 42;\nfunction twice(n: number): number {\n  return n * 2;\n}';
    const answer = [
      'Here is **bold** and *italic* text with a [link](https://example.com/docs).',
      '',
      '| Name | Qty |',
      '|------|----:|',
      '| apple | 3 |',
      '| pear | 5 |',
      '',
      '```ts',
      code,
      '```',
      '',
      '- fruit',
      '  - apple',
      '  - pear',
      '- vegetables',
      '',
      '- [x] done',
      '- [ ] to do',
    ].join('\n');
    const { session, page } = await openSeededChat('c-features', [answer]);
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(appUrl).origin,
    });
    const message = page.locator(`${MESSAGE}[data-message-id="${messageId(2)}"]`);
    await message.locator('table').waitFor();

    expect(await message.locator('table th').allTextContents()).toEqual(['Name', 'Qty']);
    expect(await message.locator('table td').allTextContents()).toEqual([
      'apple',
      '3',
      'pear',
      '5',
    ]);
    expect(await message.locator('pre code.hljs span.hljs-keyword').count()).toBeGreaterThan(0);
    expect(await message.locator('pre code.hljs').textContent()).toBe(code);
    expect(await message.locator('strong').textContent()).toBe('bold');
    expect(await message.locator('em').textContent()).toBe('italic');
    expect(await message.locator('ul ul li').allTextContents()).toEqual(['apple', 'pear']);
    const boxes = message.locator('li input[type="checkbox"]');
    expect(await boxes.count()).toBe(2);
    expect(
      await boxes.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked)),
    ).toEqual([true, false]);
    expect(
      await boxes.evaluateAll((els) => els.every((e) => (e as HTMLInputElement).disabled)),
    ).toBe(true);

    const link = message.getByRole('link', { name: 'link' });
    expect(await link.getAttribute('href')).toBe('https://example.com/docs');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toContain('noopener');

    const copy = message.locator('button[data-copy]');
    expect(await copy.count()).toBe(1);
    const label = await copy.textContent();
    // The clipboard API writes only from a focused document; with several pages in one headless
    // browser the page under test is not always the focused one.
    await page.bringToFront();
    await page.waitForFunction(() => document.hasFocus());
    await copy.click();
    // The copy is an async clipboard write: read until it has landed (a loaded machine is slow).
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()), { timeout: 5_000 })
      .toBe(code);
    // The button says it worked, then goes back to its label.
    await page.waitForFunction(
      ([selector, original]) => document.querySelector(selector)?.textContent !== original,
      [`${MESSAGE}[data-message-id="${messageId(2)}"] button[data-copy]`, label] as const,
    );
    await page.waitForFunction(
      ([selector, original]) => document.querySelector(selector)?.textContent === original,
      [`${MESSAGE}[data-message-id="${messageId(2)}"] button[data-copy]`, label] as const,
    );

    expectCleanSession(session);
    await session.close();
  });
});
