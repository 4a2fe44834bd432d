/**
 * A conversation of 10,000 messages in the chat view, against a real IndexedDB: it opens at
 * its end (the last message at the bottom, only a screenful of messages in the DOM), the oldest
 * message is reached by scrolling up, and a branch whose messages are all old (so not among the
 * newest ones the view reads first) opens on that branch, with its other version one click
 * away. How fast it opens is the chat-history benchmark's business, not this test's.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import type { ChatMessage, Conversation } from '../../src/storage';
import { seedDatabase } from './idb';

const appUrl = inject('appUrl');
const browser = useBrowser();
const SIZE = 10_000;
const MESSAGE = '[data-testid="chat-message"]';

function longConversation(
  id: string,
  now: number,
): { conversation: Conversation; messages: ChatMessage[] } {
  const createdAt = now - SIZE * 1000;
  const messages: ChatMessage[] = Array.from({ length: SIZE }, (_, i) => ({
    id: `${id}-m${i}`,
    conversationId: id,
    parentId: i === 0 ? null : `${id}-m${i - 1}`,
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: `Message number ${i}. ${'Some words to give it a few lines. '.repeat(1 + (i % 5))}`,
    createdAt: createdAt + i * 1000,
  }));
  const conversation: Conversation = {
    id,
    title: `Long ${id}`,
    createdAt,
    updatedAt: createdAt + SIZE * 1000,
    pinned: false,
    archived: false,
    collectionIds: [],
    leafId: messages.at(-1)!.id,
  };
  return { conversation, messages };
}

/** Ids of the messages in the DOM, top to bottom. */
function messagesInDom(page: Page): Promise<string[]> {
  return page.evaluate(
    (selector) =>
      [...document.querySelectorAll(selector)]
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
        .map((el) => el.getAttribute('data-message-id') ?? ''),
    MESSAGE,
  );
}

/** Whether the message is wholly inside the list's visible box. */
function onScreen(page: Page, id: string): Promise<boolean> {
  return page.evaluate(
    ({ selector, id }) => {
      const list = document.querySelector('[data-testid="chat-messages"]');
      const el = document.querySelector(`${selector}[data-message-id="${id}"]`);
      if (!list || !el) return false;
      const box = list.getBoundingClientRect();
      const rect = el.getBoundingClientRect();
      return rect.top >= box.top - 1 && rect.bottom <= box.bottom + 1;
    },
    { selector: MESSAGE, id },
  );
}

describe('a conversation of 10,000 messages', () => {
  it('opens at its end; older messages are reached by scrolling up', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl, 'chat');
    const { conversation, messages } = longConversation('long', Date.now());
    await seedDatabase(page, { conversations: [conversation], messages });
    await page.evaluate(() => (location.hash = '#/chat/long'));

    const last = page.locator(`${MESSAGE}[data-message-id="long-m9999"]`);
    await last.waitFor({ state: 'visible' });
    await expect.poll(() => onScreen(page, 'long-m9999')).toBe(true);
    const first = await messagesInDom(page);
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(60);
    expect(first).not.toContain('long-m0');

    // The wheel moves back through the conversation, in order.
    const list = page.getByTestId('chat-messages');
    await list.hover();
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, -600);
    await expect
      .poll(async () => Number((await messagesInDom(page))[0]?.split('-m')[1] ?? SIZE))
      .toBeLessThan(9990);
    const middle = (await messagesInDom(page)).map((id) => Number(id.split('-m')[1]));
    expect(middle).toEqual([...middle].sort((a, b) => a - b));
    expect(middle.length).toBeLessThan(60);

    // All the way up (as often as it takes: the older messages may still be arriving, and
    // sizes measured on the way correct the scroll height): the very first message.
    await expect
      .poll(async () => {
        await page.evaluate(() => {
          const el = document.querySelector('[data-testid="chat-messages"]');
          if (el) el.scrollTop = 0;
        });
        await page.evaluate(() => new Promise(requestAnimationFrame));
        return onScreen(page, 'long-m0');
      })
      .toBe(true);
    expect((await messagesInDom(page)).length).toBeLessThan(60);
    expectCleanSession(session);
    await session.close();
  });

  it('opens on an old branch, and its newer version is one click away', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl, 'chat');
    const { conversation, messages } = longConversation('branchy', Date.now());
    // An edit of message 10 made long ago, and the conversation left on that branch.
    const old = messages[10]!;
    const edit: ChatMessage = {
      ...old,
      id: 'branchy-edit',
      content: 'The edited question',
      createdAt: old.createdAt + 1,
    };
    conversation.leafId = edit.id;
    await seedDatabase(page, { conversations: [conversation], messages: [...messages, edit] });
    await page.evaluate(() => (location.hash = '#/chat/branchy'));

    const edited = page.locator(`${MESSAGE}[data-message-id="branchy-edit"]`);
    await edited.waitFor({ state: 'visible' });
    expect(await messagesInDom(page)).not.toContain('branchy-m10');
    expect(await messagesInDom(page)).not.toContain('branchy-m9999');
    const position = edited.getByTestId('branch-position');
    await expect.poll(() => position.textContent()).toBe('2 / 2');

    await edited.getByTestId('branch-prev').click();
    await page.locator(`${MESSAGE}[data-message-id="branchy-m9999"]`).waitFor({ state: 'visible' });
    await expect.poll(() => onScreen(page, 'branchy-m9999')).toBe(true);
    expect(await messagesInDom(page)).not.toContain('branchy-edit');
    expectCleanSession(session);
    await session.close();
  });
});
