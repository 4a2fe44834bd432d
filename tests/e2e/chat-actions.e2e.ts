/**
 * What a person does with turns, in a real browser with the fixture LM on WASM: stop an
 * answer mid-stream (the partial text is kept), edit and resend (the old branch stays),
 * choose a persona and sampling (asserted on what the engine applied and on exact tokens),
 * and a long conversation trimmed to the model's window with the system prompt kept.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import {
  answers,
  chooseDevice,
  finishedAnswer,
  installLmAndOpenChat,
  openChat,
  PIRATE_PERSONA,
  referenceEngine,
  referenceIds,
  send,
  SHORT_PERSONA,
  storedMessages,
  tokenIdsOf,
} from './chat-helpers';
import { seedDatabase } from './idb';

const appUrl = inject('appUrl');
const browser = useBrowser();

const system = (content: string) => ({ role: 'system' as const, content });

/** The `n`th stored answer (in creation order) once it is finished, as shown on screen. */
async function answerNumber(page: Page, n: number) {
  await expect
    .poll(async () => (await storedMessages(page)).filter((m) => m.generation).length, {
      timeout: 60_000,
    })
    .toBeGreaterThanOrEqual(n);
  const done = (await storedMessages(page)).filter((m) => m.generation);
  done.sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0));
  const answer = page.locator(`[data-testid="chat-message"][data-message-id="${done[n - 1]?.id}"]`);
  await answer.locator('[data-testid="message-stats"]').waitFor();
  return answer;
}

describe('chat: acting on turns', () => {
  it('stop mid-stream keeps the partial answer, stored as stopped', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await installLmAndOpenChat(page, appUrl, { temperature: 0, topP: 0.9, maxNewTokens: 100 });
    // WebGPU on SwiftShader writes a few tokens a second: Stop surely lands mid-answer (on
    // WASM the tiny model can finish 100 tokens before the first frame is painted).
    await chooseDevice(page, 'webgpu');
    const question = 'tell me a long story';
    const full = await (
      await referenceEngine()
    ).generate([system(SHORT_PERSONA.systemPrompt), { role: 'user', content: question }], {
      maxNewTokens: 100,
    });
    expect(full.completionTokens).toBeGreaterThan(20);
    // Click Stop from inside the page the moment the first text shows (no test round trip).
    await page.evaluate(() => {
      const observer = new MutationObserver(() => {
        const streaming = document.querySelector(
          '[data-testid="chat-message"][data-streaming="true"] .markdown',
        );
        const stop = document.querySelector<HTMLButtonElement>('[data-testid="chat-stop"]');
        if (streaming && (streaming.textContent ?? '').length > 0 && stop) {
          stop.click();
          observer.disconnect();
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await send(page, question);
    const answer = await finishedAnswer(page, 1);
    await expect
      .poll(() => answer.getByTestId('message-finish').getAttribute('data-finish'))
      .toBe('aborted');
    const stored = (await storedMessages(page)).find((m) => m.role === 'assistant');
    expect(stored?.generation?.finishReason).toBe('aborted');
    expect(stored?.content.length).toBeGreaterThan(0);
    expect(stored?.content.length).toBeLessThan(full.text.length);
    expect(full.text.startsWith(stored?.content ?? '∅')).toBe(true);
    // The composer is usable again and a new turn works after a stop.
    await send(page, 'ok');
    await finishedAnswer(page, 2);
    expectCleanSession(session);
    await session.close();
  });

  it('edit and resend makes a new branch; the old one stays reachable', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await installLmAndOpenChat(page, appUrl);
    await chooseDevice(page, 'wasm');
    await send(page, 'first version');
    await finishedAnswer(page, 1);
    const userMessage = page.locator('[data-testid="chat-message"][data-role="user"]').first();
    await userMessage.getByTestId('message-edit').click();
    await userMessage.getByTestId('message-edit-input').fill('second version');
    await userMessage.getByTestId('message-edit-send').click();
    const edited = await answerNumber(page, 2);
    expect(await tokenIdsOf(edited)).toEqual(
      await referenceIds(
        [system(SHORT_PERSONA.systemPrompt), { role: 'user', content: 'second version' }],
        24,
      ),
    );
    const user = page.locator('[data-testid="chat-message"][data-role="user"]').first();
    await expect
      .poll(() => user.getByTestId('message-content').textContent())
      .toBe('second version');
    await expect
      .poll(() => user.getByTestId('branch-position').textContent())
      .toMatch(/2\s*\/\s*2/);
    await user.getByTestId('branch-prev').click();
    await expect
      .poll(() => user.getByTestId('message-content').textContent())
      .toBe('first version');
    await expect.poll(() => answers(page).count()).toBe(1);
    const rows = await storedMessages(page);
    const users = rows.filter((m) => m.role === 'user');
    expect(users.map((m) => m.content).sort()).toEqual(['first version', 'second version']);
    expect(users[0]?.parentId).toBeNull();
    expect(users[1]?.parentId).toBeNull();
    expect(rows.filter((m) => m.role === 'assistant')).toHaveLength(2);
    // Regenerate adds a sibling answer too.
    await answers(page).first().getByTestId('message-regenerate').click();
    await finishedAnswer(page, 1);
    await expect
      .poll(() => answers(page).first().getByTestId('branch-position').textContent())
      .toMatch(/2\s*\/\s*2/);
    expectCleanSession(session);
    await session.close();
  });

  it('persona and parameters reach the engine: exact tokens, applied sampling', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await installLmAndOpenChat(page, appUrl);
    await chooseDevice(page, 'wasm');
    await page.getByTestId('persona-select').selectOption(PIRATE_PERSONA.id);
    await page.getByTestId('params-toggle').click();
    await page.getByTestId('param-temperature').fill('0');
    await page.getByTestId('param-temperature').blur();
    await page.getByTestId('param-max-tokens').fill('5');
    await page.getByTestId('param-max-tokens').blur();
    await send(page, 'ahoy');
    const first = await finishedAnswer(page, 1);
    const expected = await referenceIds(
      [system(PIRATE_PERSONA.systemPrompt), { role: 'user', content: 'ahoy' }],
      5,
    );
    expect(await tokenIdsOf(first)).toEqual(expected);
    let answer = (await storedMessages(page)).find((m) => m.role === 'assistant');
    expect(answer?.params).toMatchObject({ temperature: 0, maxNewTokens: 5 });
    expect(answer?.generation?.applied).toEqual({ maxNewTokens: 5, temperature: 0, topP: null });

    // Sampling settings reach the engine as given.
    await page.getByTestId('param-temperature').fill('0.8');
    await page.getByTestId('param-temperature').blur();
    await page.getByTestId('param-top-p').fill('0.5');
    await page.getByTestId('param-top-p').blur();
    await send(page, 'again');
    await finishedAnswer(page, 2);
    const rows = (await storedMessages(page)).filter((m) => m.role === 'assistant');
    answer = rows.find((m) => m.generation?.applied?.temperature === 0.8);
    expect(answer?.generation?.applied).toEqual({ maxNewTokens: 5, temperature: 0.8, topP: 0.5 });
    expect(answer?.tokens?.completion).toBeLessThanOrEqual(5);
    expectCleanSession(session);
    await session.close();
  });

  it('a long conversation is trimmed to the window; the system prompt is always kept', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await installLmAndOpenChat(page, appUrl, { temperature: 0, topP: 0.9, maxNewTokens: 16 });
    const now = Date.now() - 60_000;
    const history = Array.from({ length: 16 }, (_, i) => ({
      id: `m-${String(i).padStart(3, '0')}`,
      conversationId: 'c-long',
      parentId: i === 0 ? null : `m-${String(i - 1).padStart(3, '0')}`,
      role: i % 2 === 0 ? 'user' : 'assistant',
      content: `turn ${i} the cat sat on the mat and looked around`,
      createdAt: now + i,
    }));
    await seedDatabase(page, {
      conversations: [
        {
          id: 'c-long',
          title: 'Long',
          createdAt: now,
          updatedAt: now + 16,
          pinned: false,
          archived: false,
          collectionIds: [],
          personaId: SHORT_PERSONA.id,
          leafId: 'm-015',
        },
      ],
      messages: history,
    });
    await openChat(page, appUrl, 'c-long');
    await chooseDevice(page, 'wasm');
    await send(page, 'what now');
    await expect
      .poll(
        async () =>
          (await storedMessages(page)).find(
            (m) => m.generation && m.role === 'assistant' && m.conversationId === 'c-long',
          )?.id ?? null,
        { timeout: 60_000 },
      )
      .not.toBeNull();
    const stored = (await storedMessages(page)).find((m) => m.generation && m.role === 'assistant');
    const answer = page.locator(
      `[data-testid="chat-message"][data-message-id="${stored?.id ?? ''}"]`,
    );
    await answer.waitFor();

    // The oracle: the most recent turns (starting with a user turn) whose templated prompt
    // fits 128 − 16 tokens, found by brute force with the model's own tokenizer in Node.
    const engine = await referenceEngine();
    const turns = [
      ...history.map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content })),
      { role: 'user' as const, content: 'what now' },
    ];
    let kept = turns;
    for (let start = 0; start < turns.length; start += 2) {
      kept = turns.slice(start);
      const count = await engine.tokens?.countPrompt([system(SHORT_PERSONA.systemPrompt), ...kept]);
      if ((count ?? Infinity) <= 128 - 16) break;
    }
    expect(kept.length).toBeLessThan(turns.length);
    const expected = await referenceIds([system(SHORT_PERSONA.systemPrompt), ...kept], 16);
    expect(await tokenIdsOf(answer)).toEqual(expected);
    await expect
      .poll(() => answer.getByTestId('message-trimmed').getAttribute('data-dropped'))
      .toBe(String(turns.length - kept.length));
    expectCleanSession(session);
    await session.close();
  });

  it('a message that shows confusion gets one suggested next step; it can be turned off', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await installLmAndOpenChat(page, appUrl);
    await chooseDevice(page, 'wasm');
    await send(page, 'Não entendi, pode explicar de novo?');
    await finishedAnswer(page, 1);
    const chip = page.getByTestId('chat-suggestion');
    await chip.waitFor();
    expect(await chip.getAttribute('data-signal')).toBe('clarification');
    expect(await page.getByTestId('chat-suggestion').count()).toBe(1);
    await page.getByTestId('chat-suggestion-act').click();
    // The chip sends its follow-up on the person's behalf, and goes away.
    await answerNumber(page, 2);
    const users = (await storedMessages(page)).filter((m) => m.role === 'user');
    expect(users).toHaveLength(2);
    expect(users.some((m) => /simpl/i.test(m.content))).toBe(true);

    // Neutral text: no chip. Then switched off in Settings: no chip even for doubt.
    await send(page, 'Write a short poem about the sea');
    await answerNumber(page, 3);
    expect(await page.getByTestId('chat-suggestion').count()).toBe(0);
    const url = page.url();
    await page.goto(`${appUrl}#/settings`);
    await page.getByTestId('suggestions-toggle').uncheck();
    await page.goto(url);
    await page.waitForSelector('html[data-ready="true"]');
    await chooseDevice(page, 'wasm');
    await send(page, 'estou em dúvida entre os dois');
    await answerNumber(page, 4);
    expect(await page.getByTestId('chat-suggestion').count()).toBe(0);
    expectCleanSession(session);
    await session.close();
  });
});
