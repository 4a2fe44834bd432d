/** First load of the app shell: header, navigation, indicators, keyboard, CSP, own-origin only. */
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { startRelay } from '../../src/relay/start.ts';

const appUrl = inject('appUrl');
const browser = useBrowser();
/** The build under test (the one global-setup serves). */
const DIST = process.env['OMNIA_E2E_DIST'] ?? 'dist';

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
      'Prompts',
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

  it('loads each view when first opened, and says so when its code cannot be fetched', async () => {
    const session = await newSession(browser(), appUrl, {
      expectedErrors: ['ERR_INTERNET_DISCONNECTED'],
    });
    const page = await gotoApp(session, appUrl);
    await page.getByRole('heading', { level: 1, name: 'Welcome to Omnia' }).waitFor();
    const loaded = (): Promise<string[]> =>
      page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((e) => e.name.replace(/^.*\//, ''))
          .filter((name) => /View-[\w-]{8}\.js$/.test(name))
          .map((name) => name.replace(/-[\w-]{8}\.js$/, '')),
      );
    // Home is part of the shell: the first page fetched no view's chunk.
    expect(await loaded()).toEqual([]);

    // A first visit: the service worker installs (once it has, going offline fails nothing of
    // its own) but controls no page until the next load, and with no network the Library's
    // code cannot arrive.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    await session.context.setOffline(true);
    await page.getByRole('link', { name: 'Library' }).click();
    const failure = page.getByTestId('view-load-error');
    await failure.waitFor();
    expect(await failure.getAttribute('role')).toBe('alert');
    expect(await page.locator('main').getAttribute('data-route')).toBe('library');
    // The header and the other views keep working.
    await page.getByRole('link', { name: 'Home' }).click();
    await page.getByRole('heading', { level: 1, name: 'Welcome to Omnia' }).waitFor();

    await page.getByRole('link', { name: 'Library' }).click();
    await failure.waitFor();

    await session.context.setOffline(false);
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { level: 1, name: 'Library' }).waitFor();
    expect(await page.getByTestId('view-load-error').count()).toBe(0);
    expect(await page.locator('main').getAttribute('aria-busy')).toBeNull();
    expect(await loaded()).toContain('LibraryView');
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
    const relay = await startRelay({ dist: DIST, port: 0, base: '/' });
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
