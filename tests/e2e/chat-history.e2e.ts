/**
 * The chat sidebar against a real IndexedDB: history search over 10,000 messages (accents
 * folded, hits marked, a click lands on the message), the date-grouped list and its actions
 * (rename, pin, archive, delete with its messages), and the rated-answers JSONL export.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectCleanSession, gotoApp, newSession, useBrowser, type AppSession } from './browser';
import type { ChatMessage, Conversation } from '../../src/storage';
import { dumpDatabase, seedDatabase } from './idb';

const appUrl = inject('appUrl');
const browser = useBrowser();

function conversation(id: string, title: string, updatedAt: number): Conversation {
  return {
    id,
    title,
    createdAt: updatedAt - 60_000,
    updatedAt,
    pinned: false,
    archived: false,
    collectionIds: [],
  };
}

/** A linear thread: each message answers the one before; the conversation's leaf is the last. */
function thread(conv: Conversation, contents: string[]): ChatMessage[] {
  const rows = contents.map((content, i) => ({
    id: `${conv.id}-m${i}`,
    conversationId: conv.id,
    parentId: i === 0 ? null : `${conv.id}-m${i - 1}`,
    role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
    content,
    createdAt: conv.createdAt + i * 1000,
  }));
  conv.leafId = rows.at(-1)?.id;
  return rows;
}

/** Opens #/chat on seeded rows (a reload, so the app reads what was written behind its back). */
async function openChat(session: AppSession, rows: Record<string, unknown[]>): Promise<Page> {
  const page = await gotoApp(session, appUrl, 'chat');
  await seedDatabase(page, rows);
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  await page.getByTestId('chat-sidebar').waitFor();
  return page;
}

const WORDS = [
  ...['casa', 'projeto', 'reunião', 'café', 'dados', 'janela', 'cliente', 'prazo', 'orçamento'],
  ...['viagem', 'jardim', 'tarefa', 'equipe', 'notícia', 'semana', 'música', 'cidade', 'livro'],
  ...['meeting', 'budget', 'window', 'garden', 'river', 'coffee', 'planning', 'schedule'],
  ...['invoice', 'travel', 'team', 'weekly', 'music', 'city', 'book', 'idea', 'noite'],
];
const PLANTED = 'O relatório de manutenção da turbina está na pasta azul';

/** 20 conversations × 500 messages of filler, deterministic; one planted sentence in #10. */
function bigHistory(now: number): { conversations: Conversation[]; messages: ChatMessage[] } {
  let seed = 42;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const conversations: Conversation[] = [];
  const messages: ChatMessage[] = [];
  for (let c = 0; c < 20; c++) {
    const conv = conversation(`hist-${c}`, `Histórico ${c}`, now - c * 3_600_000);
    conv.createdAt = conv.updatedAt - 600_000;
    const contents = Array.from({ length: 500 }, (_, m) =>
      c === 10 && m === 250
        ? PLANTED
        : Array.from({ length: 8 + next(7) }, () => WORDS[next(WORDS.length)]).join(' '),
    );
    conversations.push(conv);
    messages.push(...thread(conv, contents));
  }
  return { conversations, messages };
}

/** The list as the person reads it: headings and rows in document order. */
function outline(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll(
        '[data-testid="conversation-group"], [data-testid="conversation-item"]',
      ),
    ].map((el) =>
      el.getAttribute('data-testid') === 'conversation-group'
        ? `group:${el.getAttribute('data-group')}`
        : `item:${el.getAttribute('data-conversation-id')}`,
    ),
  );
}

describe('chat history sidebar', () => {
  it('finds one message among 10,000 without accents, marks it and opens it', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await openChat(session, bigHistory(Date.now()));
    const search = page.getByTestId('chat-search-input');
    expect(await search.getAttribute('type')).toBe('search');

    await search.fill('relatorio manutencao');
    const result = page.getByTestId('chat-search-result');
    await result.first().waitFor();
    expect(await result.count()).toBe(1);
    expect(await result.getAttribute('data-message-id')).toBe('hist-10-m250');
    expect(await result.getAttribute('data-conversation-id')).toBe('hist-10');
    expect(await result.locator('mark').allTextContents()).toEqual(['relatório', 'manutenção']);
    expect(await result.textContent()).toContain('Histórico 10');
    expect(await page.getByTestId('conversation-item').count()).toBe(0);

    await result.click();
    const expected = '#/chat/hist-10?m=hist-10-m250';
    await page.waitForFunction((hash) => location.hash === hash, expected);
    expect(new URL(page.url()).hash).toBe(expected);
    expect(await result.getAttribute('aria-current')).toBe('page');
    // The query stays, so other hits can be checked too.
    expect(await search.inputValue()).toBe('relatorio manutencao');
    await page
      .locator('[data-testid="chat-message"][data-message-id="hist-10-m250"]')
      .waitFor({ state: 'visible' });

    await search.fill('xilofone zumbido');
    await page.getByTestId('chat-search-empty').getByText('No messages match').waitFor();
    expect(await result.count()).toBe(0);

    await search.fill('');
    await page.getByTestId('conversation-item').first().waitFor();
    expect(await page.getByTestId('conversation-item').count()).toBe(20);
    expectCleanSession(session);
    await session.close();
  });

  it('groups by date, renames, pins, archives and deletes a conversation with its messages', async () => {
    const session = await newSession(browser(), appUrl);
    const d = new Date();
    const at = (days: number, month = 0): number =>
      new Date(
        d.getFullYear(),
        d.getMonth() - month,
        month ? 15 : d.getDate() - days,
        12,
      ).getTime();
    const convs = [
      conversation('c-today', 'Receita de bolo', Date.now()),
      conversation('c-yesterday', 'Trip plan 🧭', at(1)),
      conversation('c-3days', 'Revisão do contrato', at(3)),
      conversation('c-2months', 'Old notes', at(0, 2)),
    ];
    const messages = convs.flatMap((c) => thread(c, [`Pergunta ${c.id}`, `Resposta ${c.id}`]));
    const page = await openChat(session, { conversations: convs, messages });
    const old = new Date(at(0, 2));
    const monthKey = `month:${old.getFullYear()}-${String(old.getMonth() + 1).padStart(2, '0')}`;

    await expect
      .poll(() => outline(page))
      .toEqual([
        ...['group:today', 'item:c-today', 'group:yesterday', 'item:c-yesterday'],
        ...['group:previous7', 'item:c-3days', `group:${monthKey}`, 'item:c-2months'],
      ]);
    const headings = await page.getByTestId('conversation-group').allTextContents();
    expect(headings.map((h) => h.trim())).toEqual([
      'Today',
      'Yesterday',
      'Previous 7 days',
      new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric' }).format(old),
    ]);

    const item = (id: string) =>
      page.locator(`[data-testid="conversation-item"][data-conversation-id="${id}"]`);
    const act = async (id: string, action: string): Promise<void> => {
      await item(id).getByTestId('conversation-menu').click();
      await item(id).getByTestId(action).click();
    };

    // The menu: Escape closes it and gives focus back to its button.
    const menuButton = item('c-today').getByTestId('conversation-menu');
    await menuButton.click();
    expect(await menuButton.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    await item('c-today').getByTestId('conversation-rename').waitFor({ state: 'detached' });
    expect(await menuButton.getAttribute('aria-expanded')).toBe('false');
    expect(await menuButton.evaluate((el) => el === document.activeElement)).toBe(true);

    // Rename: Enter saves (and survives a reload), Escape cancels.
    await act('c-today', 'conversation-rename');
    const input = item('c-today').getByTestId('conversation-rename-input');
    await input.fill('Bolo de cenoura 🥕');
    await input.press('Enter');
    await item('c-today').getByText('Bolo de cenoura 🥕').waitFor();
    await act('c-today', 'conversation-rename');
    await input.fill('Não salvar');
    await input.press('Escape');
    await item('c-today').getByTestId('conversation-open').waitFor();
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await item('c-today').getByText('Bolo de cenoura 🥕').waitFor();
    const renamed = (await dumpDatabase(page))['conversations']?.find(
      (c) => (c as Conversation).id === 'c-today',
    );
    expect(renamed).toMatchObject({ title: 'Bolo de cenoura 🥕', titleSource: 'user' });

    // Pin: to the top, in its own group.
    await act('c-3days', 'conversation-pin');
    await expect
      .poll(() => outline(page))
      .toEqual([
        ...['group:pinned', 'item:c-3days', 'group:today', 'item:c-today'],
        ...['group:yesterday', 'item:c-yesterday', `group:${monthKey}`, 'item:c-2months'],
      ]);
    expect(await item('c-3days').getAttribute('data-pinned')).toBe('true');
    await item('c-3days').getByTestId('conversation-menu').click();
    expect((await item('c-3days').getByTestId('conversation-pin').textContent())?.trim()).toBe(
      'Unpin',
    );
    await page.keyboard.press('Escape');

    // Archive: hidden, until archived ones are shown.
    await act('c-yesterday', 'conversation-archive');
    await item('c-yesterday').waitFor({ state: 'detached' });
    const toggle = page.getByTestId('conversations-show-archived');
    await page.getByText('Show archived (1)').waitFor();
    await toggle.check();
    await item('c-yesterday').waitFor();
    expect(await item('c-yesterday').getAttribute('data-archived')).toBe('true');
    await toggle.uncheck();
    await item('c-yesterday').waitFor({ state: 'detached' });

    // Delete: Cancel keeps it; confirming deletes it and its messages, nothing else.
    await act('c-2months', 'conversation-delete');
    const dialog = page.getByRole('dialog', { name: 'Delete this conversation?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('“Old notes” and all its messages');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await item('c-2months').count()).toBe(1);
    await act('c-2months', 'conversation-delete');
    await dialog.getByRole('button', { name: 'Delete conversation' }).click();
    await item('c-2months').waitFor({ state: 'detached' });
    const dump = await dumpDatabase(page);
    const ids = (dump['conversations'] as Conversation[]).map((c) => c.id).sort();
    expect(ids).toEqual(['c-3days', 'c-today', 'c-yesterday']);
    const left = (dump['messages'] as ChatMessage[]).map((m) => m.conversationId);
    expect(left).not.toContain('c-2months');
    expect(left).toHaveLength(6);
    expectCleanSession(session);
    await session.close();
  });

  it('exports only rated answers as JSONL, one parseable line each', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl, 'chat');
    await page.getByTestId('conversations-empty').waitFor();
    await page.getByTestId('ratings-export').click();
    await page.getByTestId('ratings-export-status').getByText('No rated answers yet').waitFor();

    const conv = conversation('r1', 'Avaliações', Date.now());
    const messages = thread(conv, [
      ...['Como se diz "ação" em inglês?', 'Action 🚀', 'E "coração"?', 'Heart'],
      ...['Resuma o texto', 'Resumo curto', 'Traduza "olá"', 'Hello', 'Obrigado', 'De nada'],
    ]);
    const ratings: Record<string, ChatMessage['rating']> = {
      'r1-m1': { stars: 5, comment: 'Linha 1\nLinha 2 com "aspas" e ação 🚀' },
      'r1-m3': { stars: 2 },
      'r1-m7': { stars: 4, comment: 'bom' },
    };
    for (const m of messages) {
      if (m.role !== 'assistant') continue;
      m.modelId = 'fixture-llm';
      m.personaId = m.id === 'r1-m7' ? 'translator' : 'assistant';
      const rating = ratings[m.id];
      if (rating) m.rating = rating;
    }
    await seedDatabase(page, { conversations: [conv], messages });
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await page.getByTestId('conversation-item').waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('ratings-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^omnia-ratings-\d{4}-\d{2}-\d{2}\.jsonl$/);
    const text = readFileSync(await download.path(), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const rows = text
      .slice(0, -1)
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows).toHaveLength(3);
    const byId = new Map(messages.map((m) => [m.id, m]));
    const rated = ['r1-m1', 'r1-m3', 'r1-m7'];
    for (const [i, row] of rows.entries()) {
      const id = rated[i];
      const answer = byId.get(id ?? '');
      const prompt = byId.get(answer?.parentId ?? '');
      expect(row).toMatchObject({
        prompt: prompt?.content,
        answer: answer?.content,
        rating: answer?.rating?.stars,
        model: 'fixture-llm',
        persona: answer?.personaId,
        conversationId: 'r1',
        messageId: id,
      });
      if (answer?.rating?.comment) expect(row['comment']).toBe(answer.rating.comment);
      else expect(row).not.toHaveProperty('comment');
    }
    await page.getByTestId('ratings-export-status').getByText('Exported 3 rated answers').waitFor();
    expectCleanSession(session);
    await session.close();
  });
});
