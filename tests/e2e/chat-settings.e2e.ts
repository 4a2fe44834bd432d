/**
 * The Chat section of Settings and the chat's persona/sampling controls: what the person
 * sets is what the settings table holds, survives a reload, and an invalid persona draft
 * explains itself (in English and Portuguese) without touching what is stored.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { dumpDatabase } from './idb';

const appUrl = inject('appUrl');
const browser = useBrowser();

interface SettingRow {
  key: string;
  value: unknown;
}
interface StoredPersona {
  id: string;
  name: string;
  systemPrompt: string;
  createdAt: number;
}

async function settings(page: Page): Promise<SettingRow[]> {
  return ((await dumpDatabase(page))['settings'] ?? []) as SettingRow[];
}

async function setting(page: Page, key: string): Promise<unknown> {
  return (await settings(page)).find((row) => row.key === key)?.value;
}

async function reload(page: Page): Promise<void> {
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
}

async function addPersona(page: Page, name: string, prompt: string): Promise<void> {
  await page.getByTestId('persona-name').fill(name);
  await page.getByTestId('persona-prompt').fill(prompt);
  await page.getByTestId('persona-save').click();
  await page.getByTestId('persona-saved').waitFor();
}

/** Submits a draft and returns the problems shown, after they appear. */
async function problemsFor(page: Page, name: string, prompt: string): Promise<string[]> {
  await page.getByTestId('persona-name').fill(name);
  await page.getByTestId('persona-prompt').fill(prompt);
  await page.getByTestId('persona-save').click();
  const error = page.getByTestId('persona-error');
  await error.waitFor();
  expect(await error.getAttribute('role')).toBe('alert');
  return error.locator('[data-problem]').allTextContents();
}

describe('chat settings', () => {
  it('adds, edits and deletes a custom persona, kept across reloads', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl, 'settings');
    await page.getByTestId('chat-settings').getByRole('heading', { name: 'Chat' }).waitFor();
    await page.getByTestId('persona-empty').waitFor();

    await addPersona(page, '  Revisor  ', 'Revise o texto com cuidado.\nAponte cada erro.');
    const item = page.getByTestId('persona-item');
    await item.waitFor();
    expect(await item.textContent()).toContain('Revise o texto com cuidado.');
    expect(await item.textContent()).not.toContain('Aponte cada erro.');
    const [saved] = (await setting(page, 'customPersonas')) as StoredPersona[];
    expect(saved).toMatchObject({
      name: 'Revisor',
      systemPrompt: 'Revise o texto com cuidado.\nAponte cada erro.',
    });
    expect(await item.getAttribute('data-persona-id')).toBe(saved?.id);

    await reload(page);
    await item.waitFor();
    expect(await item.locator('.persona-name').textContent()).toBe('Revisor');
    const options = await page
      .getByTestId('default-persona-select')
      .locator('option')
      .allTextContents();
    expect(options).toEqual(['Technical', 'Casual', 'Formal', 'Study', 'Revisor']);

    await page.getByTestId('persona-edit').click();
    const name = page.getByTestId('persona-name');
    expect(await name.inputValue()).toBe('Revisor');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'persona-name',
    );
    await name.fill('Revisor de textos');
    await page.getByTestId('persona-save').click();
    await page
      .getByTestId('persona-saved')
      .getByText('Saved the changes to “Revisor de textos”.')
      .waitFor();
    const edited = (await setting(page, 'customPersonas')) as StoredPersona[];
    expect(edited).toEqual([{ ...saved, name: 'Revisor de textos' }]);
    await page.getByTestId('persona-cancel').waitFor({ state: 'detached' });

    // Cancel keeps it; confirming deletes it.
    await page.getByTestId('persona-delete').click();
    const dialog = page.getByRole('dialog', { name: 'Delete the persona “Revisor de textos”?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await setting(page, 'customPersonas')).toEqual(edited);
    await page.getByTestId('persona-delete').click();
    await dialog.getByRole('button', { name: 'Delete persona' }).click();
    await page
      .getByTestId('chat-settings-message')
      .getByText('Deleted “Revisor de textos”.')
      .waitFor();
    expect(await page.getByTestId('persona-item').count()).toBe(0);
    expect(await setting(page, 'customPersonas')).toEqual([]);
    await reload(page);
    await page.getByTestId('persona-empty').waitFor();

    expectCleanSession(session);
    await session.close();
  });

  it('explains each invalid draft and stores nothing', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl, 'settings');
    await addPersona(page, 'Mine', 'Be brief.');
    const before = await settings(page);

    expect(await problemsFor(page, '   ', 'Be kind.')).toEqual(['Give the persona a name.']);
    expect(await problemsFor(page, 'a'.repeat(61), 'Be kind.')).toEqual([
      'The name is 61 characters; keep it to 60 or fewer.',
    ]);
    expect(await page.getByTestId('persona-name-count').textContent()).toBe(
      '1 over the limit of 60 characters',
    );
    expect(await problemsFor(page, 'Kind', ' \n ')).toEqual([
      'Write the instructions the assistant should follow.',
    ]);
    expect(await problemsFor(page, 'Kind', 'x'.repeat(4001))).toEqual([
      'The instructions are 4001 characters; keep them to 4000 or fewer.',
    ]);
    expect(await problemsFor(page, 'Técnico', 'Be kind.')).toEqual([
      'A persona called “Técnico” already exists; choose another name.',
    ]);
    expect(await problemsFor(page, ' technical ', 'Be kind.')).toEqual([
      'A persona called “Technical” already exists; choose another name.',
    ]);
    expect(await problemsFor(page, 'MINE', 'Be kind.')).toEqual([
      'A persona called “Mine” already exists; choose another name.',
    ]);
    expect(await problemsFor(page, '', '')).toEqual([
      'Give the persona a name.',
      'Write the instructions the assistant should follow.',
    ]);
    expect(await page.getByTestId('persona-error').textContent()).toContain('Nothing was saved.');
    expect(await settings(page)).toEqual(before);
    await page.getByTestId('builtin-personas').locator('summary').click();
    expect(await seriousViolations(page)).toEqual([]);

    // An invalid edit leaves the stored persona as it was.
    await page.getByTestId('persona-edit').click();
    expect(await problemsFor(page, 'Casual', 'Be brief.')).toEqual([
      'A persona called “Casual” already exists; choose another name.',
    ]);
    await page.getByTestId('persona-cancel').click();
    expect(await page.getByTestId('persona-name').inputValue()).toBe('');
    expect(await settings(page)).toEqual(before);
    await reload(page);
    expect(await page.getByTestId('persona-item').locator('.persona-name').textContent()).toBe(
      'Mine',
    );

    expectCleanSession(session);
    await session.close();
  });

  it('keeps the suggestions switch and the default persona across reloads', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl, 'settings');
    const toggle = page.getByTestId('suggestions-toggle');
    expect(await toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    await expect.poll(() => setting(page, 'suggestionsEnabled')).toBe(false);

    const select = page.getByTestId('default-persona-select');
    expect(await select.inputValue()).toBe('casual');
    await select.selectOption('formal');
    await expect
      .poll(() => setting(page, 'chatDefaults'))
      .toEqual({ personaId: 'formal', params: { temperature: 0.7, topP: 0.9, maxNewTokens: 512 } });

    await reload(page);
    await expect.poll(() => toggle.isChecked()).toBe(false);
    await expect.poll(() => select.inputValue()).toBe('formal');
    await toggle.check();
    await expect.poll(() => setting(page, 'suggestionsEnabled')).toBe(true);

    // The built-in personas are shown read-only, in the interface language.
    await page.getByTestId('builtin-personas').locator('summary').click();
    expect(await page.getByTestId('builtin-personas').textContent()).toContain(
      'You are a precise technical assistant.',
    );

    expectCleanSession(session);
    await session.close();
  });

  it('speaks Portuguese in pt-BR', async () => {
    const session = await newSession(browser(), appUrl, { locale: 'pt-BR' });
    const page = await gotoApp(session, appUrl, 'settings');
    await page.getByTestId('chat-settings').getByRole('heading', { name: 'Chat' }).waitFor();
    expect(await problemsFor(page, '', 'Seja breve.')).toEqual(['Dê um nome à persona.']);
    expect(await problemsFor(page, 'técnico', 'Seja breve.')).toEqual([
      'Já existe uma persona chamada “Técnico”; escolha outro nome.',
    ]);
    expect(await page.getByTestId('persona-error').textContent()).toContain('Nada foi salvo.');
    expect(await setting(page, 'customPersonas')).toBeUndefined();
    const options = await page
      .getByTestId('default-persona-select')
      .locator('option')
      .allTextContents();
    expect(options).toEqual(['Técnico', 'Casual', 'Formal', 'Estudo']);

    expectCleanSession(session);
    await session.close();
  });

  it('sets the persona and sampling for new conversations from the chat', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl, 'chat');
    const toggle = page.getByTestId('params-toggle');
    await toggle.waitFor();
    expect(await toggle.textContent()).toContain('T 0.7 · p 0.9 · 512');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByTestId('params-panel').isVisible()).toBe(false);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.getByTestId('params-panel').waitFor();
    expect(await page.getByTestId('params-reset').isDisabled()).toBe(true);

    await page.getByTestId('param-temperature').fill('0.3');
    await page.getByTestId('param-temperature').press('Tab');
    await page.getByTestId('param-max-tokens').fill('64');
    await page.getByTestId('param-max-tokens').press('Tab');
    await expect
      .poll(() => setting(page, 'chatDefaults'))
      .toEqual({ personaId: 'casual', params: { temperature: 0.3, topP: 0.9, maxNewTokens: 64 } });
    // Out of range comes back clamped.
    await page.getByTestId('param-top-p').fill('7');
    await page.getByTestId('param-top-p').press('Tab');
    await expect.poll(() => page.getByTestId('param-top-p').inputValue()).toBe('1');
    await page.getByTestId('param-top-p').fill('0.9');
    await page.getByTestId('param-top-p').press('Tab');
    await page.getByTestId('persona-select').selectOption('estudo');
    await expect
      .poll(() => setting(page, 'chatDefaults'))
      .toEqual({ personaId: 'estudo', params: { temperature: 0.3, topP: 0.9, maxNewTokens: 64 } });

    await reload(page);
    await toggle.waitFor();
    await expect.poll(() => toggle.textContent()).toContain('T 0.3 · p 0.9 · 64');
    await toggle.click();
    expect(await page.getByTestId('param-temperature').inputValue()).toBe('0.3');
    expect(await page.getByTestId('param-max-tokens').inputValue()).toBe('64');
    expect(await page.getByTestId('persona-select').inputValue()).toBe('estudo');

    await page.getByTestId('param-temperature').fill('0');
    await page.getByTestId('param-temperature').press('Tab');
    await page.getByTestId('params-greedy').waitFor();
    await page.getByTestId('persona-info').click();
    expect(await page.getByTestId('persona-info-text').textContent()).toContain(
      'You are a patient study mentor.',
    );
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('params-reset').click();
    await expect.poll(() => page.getByTestId('param-temperature').inputValue()).toBe('0.7');
    expect(await page.getByTestId('param-top-p').inputValue()).toBe('0.9');
    expect(await page.getByTestId('param-max-tokens').inputValue()).toBe('512');
    expect(await page.getByTestId('params-reset').isDisabled()).toBe(true);
    await expect
      .poll(() => setting(page, 'chatDefaults'))
      .toEqual({ personaId: 'estudo', params: { temperature: 0.7, topP: 0.9, maxNewTokens: 512 } });

    // Escape closes the panel and gives the focus back to its toggle.
    await page.getByTestId('param-top-p').focus();
    await page.keyboard.press('Escape');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'params-toggle',
    );

    expectCleanSession(session);
    await session.close();
  });
});
