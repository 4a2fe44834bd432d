/**
 * The chat across tabs and before any model: two tabs on one conversation see each other's
 * turns live and never lose one, even when both send at once; a first visit with no chat
 * model is guided, in one click, to the model that suits the device.
 */
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import {
  chooseDevice,
  finishedAnswer,
  installLmAndOpenChat,
  send,
  storedMessages,
} from './chat-helpers';
import { openModelsWithRelay } from './models-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser();

describe('chat: tabs and first visit', () => {
  it('two tabs on one conversation see each other live and keep every message', async () => {
    const session = await newSession(browser(), appUrl);
    const one = await gotoApp(session, appUrl);
    await installLmAndOpenChat(one, appUrl);
    await chooseDevice(one, 'wasm');
    await send(one, 'from tab one');
    await finishedAnswer(one, 1);
    const url = one.url();

    const two = await session.context.newPage();
    await two.goto(url);
    await two.waitForSelector('html[data-ready="true"]');
    await expect.poll(() => two.locator('[data-testid="chat-message"]').count()).toBe(2);
    await chooseDevice(two, 'wasm');
    await send(two, 'from tab two');
    await finishedAnswer(two, 2);
    // Tab one follows without a reload.
    await expect
      .poll(() => one.locator('[data-testid="chat-message"]').count(), { timeout: 10_000 })
      .toBe(4);

    // Both send at the same moment: both turns are stored (as sibling branches).
    await Promise.all([send(one, 'race one'), send(two, 'race two')]);
    await expect
      .poll(
        async () =>
          (await storedMessages(one)).filter((m) => m.role === 'assistant' && m.generation).length,
        { timeout: 60_000 },
      )
      .toBe(4);
    const rows = await storedMessages(one);
    expect(
      rows
        .filter((m) => m.role === 'user')
        .map((m) => m.content)
        .sort(),
    ).toEqual(['from tab one', 'from tab two', 'race one', 'race two'].sort());
    expect(new Set(rows.map((m) => m.conversationId)).size).toBe(1);
    expectCleanSession(session);
    await session.close();
  });

  it('with no chat model, the chat names the one for this device and gets it in one click', async () => {
    const session = await newSession(browser(), appUrl, {
      // The relay has no copy of real models and no internet here: the download fails, as
      // it would offline. What matters is where the click leads.
      expectedErrors: ['Failed to load resource'],
    });
    const page = await gotoApp(session, appUrl);
    await openModelsWithRelay(page, appUrl);
    await page.goto(`${appUrl}#/chat`);
    const guide = page.getByTestId('chat-no-model');
    await guide.waitFor();
    const recommended = await guide.getAttribute('data-recommended');
    expect(recommended).toBeTruthy();
    expect(await page.getByTestId('chat-input').isDisabled()).toBe(true);
    await page.getByTestId('chat-no-model-install').click();
    await page.waitForURL(new RegExp(`#/models/${recommended ?? ''}$`));
    const target = page.locator(`[data-testid="model-card"][data-model-id="${recommended}"]`);
    await expect.poll(() => target.getAttribute('data-targeted')).toBe('true');
    await expect
      .poll(() => target.getAttribute('data-status'), { timeout: 30_000 })
      .toMatch(/downloading|failed|paused/);
    expectCleanSession(session);
    await session.close();
  });
});
