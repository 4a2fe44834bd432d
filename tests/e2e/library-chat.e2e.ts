/**
 * The chat's side of the Library. A conversation asks the whole Library by default once it
 * holds a ready document, and can be switched off. An answer's citations open the passage
 * panel on the exact page, [n] markers become buttons only for citations the message has
 * (never inside code), and a citation outlives its document's deletion.
 *
 * The fixture LM's 128-token window cannot hold the sources prompt (its byte-level tokenizer
 * needs ~127 tokens for the instructions alone), so the cited answer here is a stored one;
 * tests/unit/core/chat/answer-sources.test.ts runs the real model with sources in the prompt.
 */
import { describe, expect, inject, it } from 'vitest';
import type { ChatMessage, Conversation } from '../../src/storage/types';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { finishedAnswer, installLmAndOpenChat, openChat, send } from './chat-helpers';
import { seedDatabase } from './idb';
import {
  addFixtures,
  deleteDocument,
  openLibrary,
  planted,
  settledStatus,
  storeRows,
} from './library-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser();

describe('library in the chat', () => {
  it('asks the Library by default, opens cited passages, and keeps citations of deleted documents', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await installLmAndOpenChat(page, appUrl);
    await openLibrary(page, appUrl);
    await addFixtures(page, ['report.pdf']);
    expect(await settledStatus(page, 'report.pdf')).toBe('ready');
    const [doc] = await storeRows<{ id: string }>(page, 'documents', ['id']);
    const chunks = await storeRows<{ id: string; page?: number; text: string }>(page, 'chunks', [
      'id',
      'page',
      'text',
    ]);
    const cited = chunks.find((c) => c.text.includes(planted('report.pdf').text));
    expect(cited?.page).toBe(2);

    // A new conversation asks the whole Library; the answer still comes.
    await openChat(page, appUrl);
    await send(page, 'zircon turbine interval?');
    await finishedAnswer(page, 1);
    expect(await page.getByTestId('library-scope-toggle').getAttribute('data-scope')).toBe('all');
    const [conversation] = await storeRows<Conversation>(page, 'conversations', [
      'id',
      'libraryScope',
    ]);
    expect(conversation?.libraryScope).toBe('all');

    // Switched off from the header, stored on the conversation.
    await page.getByTestId('library-scope-toggle').click();
    await page.getByTestId('library-scope-none').check();
    await expect
      .poll(async () => (await storeRows<Conversation>(page, 'conversations', ['libraryScope']))[0])
      .toEqual({ libraryScope: 'none' });

    // A cited answer (as a model with a real window writes it).
    const answer: ChatMessage = {
      id: 'cited-answer',
      conversationId: 'cited',
      parentId: 'cited-q',
      role: 'assistant',
      content: 'The interval is 47 days [1]. Not a source: [7]. Code stays code: `[1]`.',
      createdAt: 2,
      citations: [
        {
          index: 1,
          documentId: doc?.id ?? '',
          chunkId: cited?.id ?? '',
          documentName: 'report.pdf',
          page: 2,
          text: cited?.text ?? '',
        },
      ],
      generation: { finishReason: 'stop', droppedTurns: 0, device: 'wasm' },
    };
    await seedDatabase(page, {
      conversations: [
        {
          id: 'cited',
          title: 'Cited',
          createdAt: 1,
          updatedAt: 2,
          pinned: false,
          archived: false,
          collectionIds: [],
          libraryScope: 'all',
          leafId: 'cited-answer',
        },
      ],
      messages: [
        {
          id: 'cited-q',
          conversationId: 'cited',
          parentId: null,
          role: 'user',
          content: 'How often?',
          createdAt: 1,
        },
        answer,
      ],
    });
    await openChat(page, appUrl, 'cited');
    const bubble = page.locator('[data-message-id="cited-answer"]');
    await bubble.waitFor();
    const markers = bubble.locator('button[data-cite]');
    expect(await markers.count()).toBe(1);
    expect(await bubble.locator('code').textContent()).toBe('[1]');
    await markers.first().click();
    const panel = page.getByTestId('passage-panel');
    await expect.poll(() => panel.getAttribute('data-page'), { timeout: 10_000 }).toBe('2');
    await expect
      .poll(() => panel.getByTestId('passage-highlight').textContent())
      .toContain(planted('report.pdf').text);
    await page.keyboard.press('Escape');
    expect(await bubble.getByTestId('message-source').textContent()).toContain('report.pdf, p. 2');

    // The document goes; its citation still shows what the answer quoted.
    await openLibrary(page, appUrl);
    await deleteDocument(page, 'report.pdf');
    await openChat(page, appUrl, 'cited');
    await page.locator('[data-message-id="cited-answer"]').getByTestId('message-source').click();
    await panel.getByTestId('passage-deleted').waitFor();
    expect(await panel.textContent()).toContain(planted('report.pdf').text);

    expectCleanSession(session);
    await session.close();
  });
});
