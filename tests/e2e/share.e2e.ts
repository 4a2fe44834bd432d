/**
 * Share links in Chromium against the built app: a conversation shared from one profile opens
 * in a fresh one as a read-only preview with no request beyond the app's own files and no
 * IndexedDB write until Import, which copies it in with new ids and takes the payload out of
 * the address bar; a passphrase link opens with its passphrase only; hostile links (bad
 * base64, a decompression bomb, too long, wrong schema, altered) get their message in en and
 * pt-BR and change nothing.
 */
import { deflateRawSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { decodeShare } from '../../src/core/share/link';
import type { ChatMessage, Conversation } from '../../src/storage';
import { expectCleanSession, gotoApp, newSession, useBrowser, type AppSession } from './browser';
import { dumpDatabase, seedDatabase } from './idb';
import { expectOnlyAppFiles, idbWrites, openAsRecipient } from './share-helpers';
import { typicalConversation } from '../unit/core/share/share-fixtures';

const appUrl = inject('appUrl');
const browser = useBrowser();

const CONVERSATION: Conversation = {
  id: 'sender-c1',
  title: 'Devoluções e bicicletas',
  createdAt: Date.UTC(2025, 4, 1),
  updatedAt: Date.UTC(2025, 4, 1),
  pinned: false,
  archived: false,
  collectionIds: [],
};

function senderMessages(): ChatMessage[] {
  const rows = typicalConversation().map((m) => ({ ...m, conversationId: CONVERSATION.id }));
  rows[0]!.content += ' Meu e-mail é maria.silva@exemplo.com.br e meu CPF 529.982.247-25.';
  return rows;
}

/** Opens the seeded conversation in the sender's profile and creates a link with `protect`. */
async function createLink(
  session: AppSession,
  protect: 'none' | 'random-key' | 'passphrase',
  passphrase = '',
): Promise<{ url: string; page: Page }> {
  const page = await gotoApp(session, appUrl, 'chat');
  await seedDatabase(page, {
    conversations: [{ ...CONVERSATION, leafId: 'a9' }],
    messages: senderMessages(),
  });
  await page.goto(`${appUrl}#/chat/${CONVERSATION.id}`);
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  await page.getByTestId('chat-share').click();
  const dialog = page.getByTestId('share-dialog');
  await dialog.waitFor();
  await page.getByTestId(`share-protect-${protect}`).check();
  if (passphrase) await page.getByTestId('share-passphrase').fill(passphrase);
  return { url: await readLink(page), page };
}

async function readLink(page: Page): Promise<string> {
  await page.getByTestId('share-create').click();
  await page.getByTestId('share-result').waitFor();
  return page.getByTestId('share-link').inputValue();
}

describe('share links', () => {
  it('shares a conversation and opens it elsewhere as a preview: no requests, no writes until Import', async () => {
    const sender = await newSession(browser(), appUrl);
    const { url, page } = await createLink(sender, 'none');
    // Personal data was pointed out; one click masks it, and the link is made again.
    const pii = page.getByTestId('share-pii');
    expect(Number(await pii.getAttribute('data-count'))).toBe(2);
    await page.getByTestId('share-pii-mask-all').click();
    expect(await pii.getAttribute('data-count')).toBe('0');
    const masked = await readLink(page);
    expect(masked).not.toBe(url);
    const length = Number(await page.getByTestId('share-length').getAttribute('data-length'));
    expect(length).toBe(masked.length);
    console.log(`20-message conversation link in the browser: ${length} characters`);
    expect(await page.getByTestId('share-too-long').count()).toBe(length > 2000 ? 1 : 0);
    const shared = await decodeShare(masked.slice(masked.indexOf('#/share/') + '#/share/'.length));
    if (shared.kind !== 'conversation') throw new Error(`a ${shared.kind} link`);
    expect(shared.content.messages).toHaveLength(20);
    expect(JSON.stringify(shared)).not.toContain('maria.silva');
    expect(JSON.stringify(shared)).not.toContain('529.982.247-25');
    expectCleanSession(sender);
    await sender.close();

    const { recipient, requests } = await openAsRecipient(browser(), appUrl, masked);
    const view = recipient.page;
    await view.getByTestId('share-preview').waitFor();
    expect(await view.getByTestId('share-preview-message').count()).toBe(20);
    expect(await view.getByTestId('share-preview-title').innerText()).toBe(CONVERSATION.title);
    await view.locator('[data-testid="share-preview"] pre code').first().waitFor();
    await view.waitForTimeout(1_000);
    // Only the app's own built files were asked for: no model, no data, nothing elsewhere.
    expectOnlyAppFiles(requests, appUrl);
    expect(await idbWrites(view)).toEqual([]);
    const before = await dumpDatabase(view);
    expect(Object.values(before).every((rows) => rows.length === 0)).toBe(true);

    await view.getByTestId('share-import').click();
    await view.waitForFunction(() => location.hash.startsWith('#/chat/'));
    expect(await view.evaluate(() => location.href)).not.toContain('share');
    const after = await dumpDatabase(view);
    const conversations = after['conversations'] as Conversation[];
    const messages = after['messages'] as ChatMessage[];
    expect(conversations).toHaveLength(1);
    expect(conversations[0]?.id).not.toBe(CONVERSATION.id);
    expect(messages).toHaveLength(20);
    expect(messages.every((m) => m.conversationId === conversations[0]?.id)).toBe(true);
    const senderIds = new Set(senderMessages().map((m) => m.id));
    expect(messages.filter((m) => senderIds.has(m.id))).toEqual([]);
    await view.getByTestId('chat-title').filter({ hasText: CONVERSATION.title }).waitFor();
    expectCleanSession(recipient);
    await recipient.close();
  });

  it('opens a passphrase link with its passphrase only', async () => {
    const sender = await newSession(browser(), appUrl);
    const { url } = await createLink(sender, 'passphrase', 'senha longa e secreta');
    await sender.close();
    const recipient = await newSession(browser(), appUrl, { locale: 'pt-BR' });
    const page = recipient.page;
    await page.goto(url);
    await page.getByTestId('share-unlock').waitFor();
    await page.getByTestId('share-unlock-passphrase').fill('senha errada');
    await page.getByTestId('share-unlock-submit').click();
    const error = page.getByTestId('share-error');
    await error.waitFor();
    expect(await error.getAttribute('data-kind')).toBe('wrong-key');
    expect(await error.innerText()).toContain('Senha incorreta');
    await page.getByTestId('share-unlock-passphrase').fill('senha longa e secreta');
    await page.getByTestId('share-unlock-submit').click();
    await page.getByTestId('share-preview').waitFor();
    expectCleanSession(recipient);
    await recipient.close();
  });

  it('refuses hostile links with a clear message and changes nothing', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl, 'chat');
    await seedDatabase(page, { conversations: [CONVERSATION], messages: senderMessages() });
    const before = await dumpDatabase(page);
    const json = (value: unknown): string =>
      `1.z.${deflateRawSync(Buffer.from(JSON.stringify(value))).toString('base64url')}`;
    const bomb = `1.z.${deflateRawSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }).toString('base64url')}`;
    const cases: [string, string][] = [
      ['1.z.%%%not-base64$$', 'bad-base64'],
      ['1.z.A', 'bad-base64'],
      ['hello', 'bad-format'],
      [bomb, 'too-large'],
      [`1.z.${'A'.repeat(300_000)}`, 'too-long'],
      [json({ format: 'omnia-share', version: 1, kind: 'conversation', content: 1 }), 'bad-schema'],
      [
        json({
          format: 'omnia-share',
          version: 1,
          kind: 'agent-preset',
          content: {},
          provenance: {},
        }),
        'unknown-kind',
      ],
    ];
    for (const [body, kind] of cases) {
      await page.goto(`${appUrl}#/share/${body}`);
      await page.reload();
      const error = page.getByTestId('share-error');
      await error.waitFor({ timeout: 30_000 });
      expect(await error.getAttribute('data-kind'), body.slice(0, 30)).toBe(kind);
      expect(await page.getByTestId('share-import').count()).toBe(0);
    }
    expect(await page.getByTestId('share-error').innerText()).toContain('Nothing was changed.');
    expect(await dumpDatabase(page)).toEqual(before);
    expectCleanSession(session);
    await session.close();
  });
});
