/** Install criteria, offline reload from the precache, and the "update available" prompt. */
import { describe, expect, inject, it } from 'vitest';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  expectCleanSession,
  gotoApp,
  newSession,
  useBrowser,
  waitForServiceWorker,
} from './browser';
import { startRelay } from '../../src/relay/start.ts';

const appUrl = inject('appUrl');
const browser = useBrowser();

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

describe('progressive web app', () => {
  it('meets the install criteria: a complete manifest with real icons and an active service worker', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    const manifestHref = await page.evaluate(
      () => document.querySelector<HTMLLinkElement>('link[rel="manifest"]')?.href ?? null,
    );
    expect(manifestHref).toBe(`${appUrl}manifest.webmanifest`);
    const manifest = (await page.evaluate(
      async (href): Promise<unknown> => (await fetch(href)).json(),
      manifestHref!,
    )) as {
      name: string;
      short_name: string;
      start_url: string;
      display: string;
      theme_color: string;
      background_color: string;
      icons: ManifestIcon[];
    };
    expect(manifest.short_name).toBe('Omnia');
    expect(manifest.name).toContain('Omnia');
    expect(manifest.start_url).toBe('./');
    expect(manifest.display).toBe('standalone');
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    const sizes = await page.evaluate(async (icons: ManifestIcon[]) => {
      return Promise.all(
        icons.map(async (icon) => {
          const response = await fetch(new URL(icon.src, document.baseURI));
          const bitmap = await createImageBitmap(await response.blob());
          return `${bitmap.width}x${bitmap.height}${icon.purpose ? ` ${icon.purpose}` : ''}`;
        }),
      );
    }, manifest.icons);
    expect(sizes).toEqual(['192x192', '512x512', '512x512 maskable']);

    await page.getByTestId('offline-ready').getByText('Omnia is ready to work offline.').waitFor();
    const registration = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      return { scope: reg.scope, state: reg.active?.state };
    });
    expect(registration).toEqual({ scope: appUrl, state: 'activated' });
    expectCleanSession(session);
    await session.close();
  });

  it('reloads and works with no network once the shell is cached', async () => {
    const session = await newSession(browser(), appUrl, {
      expectedErrors: ['ERR_INTERNET_DISCONNECTED'],
    });
    const page = await gotoApp(session, appUrl);
    await waitForServiceWorker(page);

    await session.context.setOffline(true);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await page.getByRole('heading', { level: 1, name: 'Welcome to Omnia' }).waitFor();
    await page.getByTestId('network-status').getByText('Offline').waitFor();
    // Every view still works offline, and IndexedDB keeps answering.
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.getByLabel('Language').selectOption('pt-BR');
    await page.getByRole('heading', { level: 1, name: 'Configurações' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Configurações' }).waitFor();
    await session.context.setOffline(false);
    await page.getByTestId('network-status').getByText('Online').waitFor();
    expectCleanSession(session);
    await session.close();
  });

  it('offers an update when a new version is deployed, and reloads into it on request', async () => {
    const root = mkdtempSync(join(tmpdir(), 'omnia-update-'));
    cpSync('dist', root, { recursive: true });
    const relay = await startRelay({ dist: root, port: 0, base: '/app/' });
    const session = await newSession(browser(), relay.url);
    try {
      const page = await gotoApp(session, relay.url);
      await waitForServiceWorker(page);
      expect(await page.getByTestId('update-prompt').count()).toBe(0);

      // "Deploy" a new version: the service worker script changes byte for byte.
      appendFileSync(join(root, 'sw.js'), `\n// deployed ${Date.now()}\n`);
      await page.evaluate(async () => {
        await (await navigator.serviceWorker.ready).update();
      });
      const prompt = page.getByTestId('update-prompt');
      await prompt.getByText('A new version of Omnia is available.').waitFor();

      await page.evaluate(
        () => ((window as unknown as { beforeUpdate: boolean }).beforeUpdate = true),
      );
      await Promise.all([
        page.waitForEvent('load'),
        prompt.getByRole('button', { name: 'Reload' }).click(),
      ]);
      await page.waitForSelector('html[data-ready="true"]');
      expect(await page.evaluate(() => 'beforeUpdate' in window)).toBe(false);
      const waiting = await page.evaluate(
        async () => (await navigator.serviceWorker.ready).waiting,
      );
      expect(waiting).toBeNull();
      expect(await page.getByTestId('update-prompt').count()).toBe(0);
      expectCleanSession(session);
    } finally {
      await session.close();
      await relay.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
