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
import { seedDatabase } from './idb';
import { startRelay } from '../../src/relay/start.ts';

const appUrl = inject('appUrl');
/** The build under test (the one global-setup serves). */
const DIST = process.env['OMNIA_E2E_DIST'] ?? 'dist';
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

  it('opens a view never visited online, with the libraries it loads on demand, from the precache', async () => {
    const session = await newSession(browser(), appUrl, {
      expectedErrors: ['ERR_INTERNET_DISCONNECTED'],
    });
    const page = await gotoApp(session, appUrl);
    await waitForServiceWorker(page);
    const code = 'const answer: number = 42;';
    const now = Date.now();
    await seedDatabase(page, {
      conversations: [
        {
          id: 'c-offline',
          title: 'Offline',
          createdAt: now,
          updatedAt: now + 2,
          pinned: false,
          archived: false,
          collectionIds: [],
          leafId: 'm-offline-2',
        },
      ],
      messages: [
        {
          id: 'm-offline-1',
          conversationId: 'c-offline',
          parentId: null,
          role: 'user',
          content: 'show me',
          createdAt: now + 1,
        },
        {
          id: 'm-offline-2',
          conversationId: 'c-offline',
          parentId: 'm-offline-1',
          role: 'assistant',
          content: `Some **code**:\n\n\`\`\`ts\n${code}\n\`\`\``,
          createdAt: now + 2,
          generation: { finishReason: 'stop', droppedTurns: 0, device: 'wasm' },
        },
      ],
    });
    // The home page loaded the shell only: no view but its own, no markdown, no highlighter.
    const lazy = /\/assets\/(ChatView|render-markdown|highlighter|marked)[-.][^/]*\.js$/;
    const scripts = (): Promise<string[]> =>
      page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect((await scripts()).filter((url) => lazy.test(url))).toEqual([]);

    const served: { url: string; fromServiceWorker: boolean }[] = [];
    page.on('response', (response) => {
      if (lazy.test(response.url())) {
        served.push({ url: response.url(), fromServiceWorker: response.fromServiceWorker() });
      }
    });
    await session.context.setOffline(true);
    await page.getByRole('link', { name: 'Chat' }).click();
    await page.getByTestId('chat-view').waitFor();
    await page.evaluate(() => {
      location.hash = '#/chat/c-offline';
    });
    const answer = page.locator('[data-testid="chat-message"][data-message-id="m-offline-2"]');
    await answer.locator('pre code.hljs span.hljs-keyword').first().waitFor();
    expect(await answer.locator('pre code').textContent()).toBe(code);
    expect(await answer.locator('strong').textContent()).toBe('code');
    // Each on-demand chunk came from the service worker's precache, with no network at all.
    const names = served.map((r) =>
      r.url.replace(/^.*\/assets\//, '').replace(/-[\w-]{8}\.js$/, ''),
    );
    expect(names).toEqual(expect.arrayContaining(['ChatView', 'render-markdown', 'highlighter']));
    expect(served.every((r) => r.fromServiceWorker)).toBe(true);
    await session.context.setOffline(false);
    expectCleanSession(session);
    await session.close();
  });

  it('offers an update when a new version is deployed, and reloads into it on request', async () => {
    const root = mkdtempSync(join(tmpdir(), 'omnia-update-'));
    cpSync(DIST, root, { recursive: true });
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
