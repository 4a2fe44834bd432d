/**
 * What the share browser tests check on the recipient's side: that opening a link asked only
 * for the app's own built files, and that the page made no IndexedDB write.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { newSession, type AppSession } from './browser';

const DIST = process.env['OMNIA_E2E_DIST'] ?? 'dist';

/** Every file of the build, as a path under the app's URL. */
export function builtFiles(): Set<string> {
  const out = new Set<string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.add(relative(DIST, path).split('\\').join('/'));
    }
  };
  walk(DIST);
  return out;
}

/** Fails on any request that is not one of the app's own built files. */
export function expectOnlyAppFiles(requests: readonly string[], appUrl: string): void {
  const files = builtFiles();
  const base = new URL(appUrl);
  for (const request of requests) {
    const u = new URL(request);
    expect(u.origin, request).toBe(base.origin);
    const path = decodeURIComponent(u.pathname).slice(base.pathname.length);
    expect(path === '' || files.has(path), `not an app file: ${request}`).toBe(true);
  }
}

/** Counts IndexedDB writes made by the page (put, add, delete, clear, cursor writes, deleteDatabase). */
export async function countIdbWrites(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __idbWrites: string[] };
    w.__idbWrites = [];
    const wrap = (proto: object, names: string[], label: string): void => {
      for (const name of names) {
        const target = proto as Record<string, (...args: unknown[]) => unknown>;
        const original = target[name];
        if (typeof original !== 'function') continue;
        target[name] = function (this: unknown, ...args: unknown[]) {
          const store = (this as { name?: string; source?: { name?: string } }).name ?? '';
          w.__idbWrites.push(`${label}.${name}:${store}`);
          return original.apply(this, args);
        };
      }
    };
    wrap(IDBObjectStore.prototype, ['put', 'add', 'delete', 'clear'], 'store');
    wrap(IDBCursor.prototype, ['update', 'delete'], 'cursor');
    wrap(IDBFactory.prototype, ['deleteDatabase'], 'factory');
  });
}

export const idbWrites = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __idbWrites: string[] }).__idbWrites);

/** The link body after `#/share/`. */
export const linkBody = (url: string): string =>
  url.slice(url.indexOf('#/share/') + '#/share/'.length);

/**
 * Opens `link` in a fresh profile that counts its IndexedDB writes (idbWrites) and records
 * every request it makes, as a recipient of the link would.
 */
export async function openAsRecipient(
  browser: Browser,
  appUrl: string,
  link: string,
): Promise<{ recipient: AppSession; requests: string[] }> {
  const recipient = await newSession(browser, appUrl);
  await countIdbWrites(recipient.context);
  const requests: string[] = [];
  recipient.context.on('request', (r) => requests.push(r.url()));
  await recipient.page.goto(link);
  await recipient.page.waitForSelector('html[data-ready="true"]');
  return { recipient, requests };
}
