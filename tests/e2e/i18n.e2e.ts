/** The UI speaks the browser's language (pt or en), switches in Settings, and remembers. */
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';

const appUrl = inject('appUrl');
const browser = useBrowser();

describe('languages', () => {
  for (const [locale, expected, home] of [
    ['pt-BR', 'pt-BR', 'Início'],
    ['pt-PT', 'pt-BR', 'Início'],
    ['en-GB', 'en', 'Home'],
    ['fr-FR', 'en', 'Home'],
  ] as const) {
    it(`a browser in ${locale} gets ${expected}`, async () => {
      const session = await newSession(browser(), appUrl, { locale });
      const page = await gotoApp(session, appUrl);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(expected);
      await page.getByRole('navigation').getByRole('link', { name: home }).waitFor();
      expectCleanSession(session);
      await session.close();
    });
  }

  it('switches in Settings, applies at once and is remembered after a reload', async () => {
    const session = await newSession(browser(), appUrl, { locale: 'en-US' });
    const page = await gotoApp(session, appUrl, 'settings');
    await page.getByLabel('Language').selectOption('pt-BR');
    await page.getByRole('heading', { level: 1, name: 'Configurações' }).waitFor();
    expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual([
      'Início',
      'Chat',
      'Biblioteca',
      'Pesquisa',
      'Prompts',
      'Transcrever',
      'Modelos',
      'Configurações',
      'Sistema',
    ]);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('pt-BR');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Configurações' }).waitFor();
    await page.getByLabel('Idioma').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expectCleanSession(session);
    await session.close();
  });

  it('switches theme in Settings and remembers it', async () => {
    const session = await newSession(browser(), appUrl, { colorScheme: 'light' });
    const page = await gotoApp(session, appUrl, 'settings');
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('light');
    await page.getByLabel('Dark').check();
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    expectCleanSession(session);
    await session.close();
  });
});
