/** First load of the app shell: header, navigation, indicators, keyboard, CSP, own-origin only. */
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { startRelay } from '../../src/relay/start.ts';

const appUrl = inject('appUrl');
const browser = useBrowser();

describe('app shell', () => {
  it('loads from a sub-path with header, navigation, offline and storage indicators', async () => {
    expect(new URL(appUrl).pathname).toBe('/omnia/');
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);

    expect(await page.title()).toBe('Omnia');
    await page.getByRole('banner').getByText('Omnia', { exact: true }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Home',
      'Chat',
      'Library',
      'Research',
      'Transcribe',
      'Models',
      'Settings',
      'System',
    ]);
    expect(await nav.getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('network-status').textContent()).toContain('Online');

    // The storage indicator shows what navigator.storage.estimate() says.
    await page
      .getByTestId('storage-indicator')
      .getByTestId('storage-usage')
      .filter({ hasText: 'used of' })
      .waitFor();
    const persisted = await page.evaluate(() => navigator.storage.persisted());
    expect(
      await page.getByTestId('storage-indicator').getByTestId('storage-persisted').textContent(),
    ).toContain(persisted ? 'Persistent' : 'Not persistent');

    await nav.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(page.url()).toBe(`${appUrl}#/settings`);
    await nav.getByRole('link', { name: 'System' }).click();
    await page.getByRole('heading', { level: 1, name: 'System' }).waitFor();
    // Deep links open the right view directly.
    await page.goto(`${appUrl}#/settings`);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expectCleanSession(session);
    await session.close();
  });

  it('is keyboard friendly: the skip link comes first and moves focus to the content', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      'Skip to content',
    );
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    expectCleanSession(session);
    await session.close();
  });

  it('ships a Content-Security-Policy that allows only its own origin and the model hub', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(meta).toContain("worker-src 'self' blob:");
    expect(meta).toContain("img-src 'self' data: blob:");
    expect(meta).toMatch(/connect-src 'self' https:\/\/huggingface\.co/);
    expect(meta).not.toContain('unsafe-inline');
    // An inline script is refused by the policy.
    const ran = await page.evaluate(async () => {
      const w = window as unknown as { __inlineRan?: boolean };
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.head.append(s);
      await new Promise((r) => setTimeout(r, 50));
      return w.__inlineRan === true;
    });
    expect(ran).toBe(false);
    session.errors.splice(0); // the refused inline script logs a CSP error on purpose
    expectCleanSession(session);
    await session.close();
  });

  it('runs from the root of a host as well', async () => {
    const relay = await startRelay({ dist: 'dist', port: 0, base: '/' });
    const session = await newSession(browser(), relay.url);
    try {
      const page = await gotoApp(session, relay.url);
      await page.getByRole('heading', { level: 1, name: 'Welcome to Omnia' }).waitFor();
      expectCleanSession(session);
    } finally {
      await session.close();
      await relay.close();
    }
  });
});
