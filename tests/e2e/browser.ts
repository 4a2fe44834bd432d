/**
 * Chromium for the browser suite: Debian's /usr/bin/chromium with the flags from TESTING.md,
 * a fresh profile per context, and guards that fail a test when the page talks to any host
 * but the app's own, or logs an error.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

export const CHROMIUM_PATH = process.env['OMNIA_CHROMIUM'] ?? '/usr/bin/chromium';

const BASE_FLAGS = [
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
];

export interface LaunchOptions {
  /** false launches without --enable-unsafe-webgpu: no adapter, as on a browser without WebGPU. */
  webgpu?: boolean;
  extraArgs?: string[];
}

export function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const args = [...BASE_FLAGS, ...(options.extraArgs ?? [])];
  if (options.webgpu !== false) args.push('--enable-unsafe-webgpu');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    chromiumSandbox: false,
    args,
  });
}

/** One browser per test file: launched before its tests, closed after them. */
export function useBrowser(options: LaunchOptions = {}): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser(options);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('useBrowser(): the browser is not launched yet');
    return browser;
  };
}

export interface AppSession {
  context: BrowserContext;
  page: Page;
  /** Every request to a host other than the app's own (each one is a test failure). */
  foreignRequests: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  locale?: string;
  colorScheme?: 'light' | 'dark';
  acceptDownloads?: boolean;
  /** Console errors a test provokes on purpose (matched as substrings). */
  expectedErrors?: string[];
  /** 'block' when a test routes the app's own scripts (a service worker would serve them). */
  serviceWorkers?: 'allow' | 'block';
}

function isOwnOrigin(url: string, appOrigin: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    return new URL(url).origin === appOrigin;
  } catch {
    return false;
  }
}

/** A new context (empty profile: no service worker, no IndexedDB) with the guards on. */
export async function newSession(
  browser: Browser,
  appUrl: string,
  options: OpenOptions = {},
): Promise<AppSession> {
  const appOrigin = new URL(appUrl).origin;
  const context = await browser.newContext({
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: options.acceptDownloads ?? true,
    serviceWorkers: options.serviceWorkers ?? 'allow',
  });
  const foreignRequests: string[] = [];
  const errors: string[] = [];
  // Block anything aimed elsewhere (nothing may leave the device); the listener below
  // records it, along with requests the route does not see.
  await context.route(
    (url) => !isOwnOrigin(url.href, appOrigin),
    (route) => route.abort('blockedbyclient'),
  );
  context.on('request', (request) => {
    if (!isOwnOrigin(request.url(), appOrigin)) foreignRequests.push(request.url());
  });
  const page = await context.newPage();
  const expected = options.expectedErrors ?? [];
  const record = (text: string): void => {
    if (!expected.some((e) => text.includes(e))) errors.push(text);
  };
  page.on('console', (msg) => {
    if (msg.type() === 'error') record(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => record(`pageerror: ${err.message}`));
  return { context, page, foreignRequests, errors, close: () => context.close() };
}

/** Opens the app at a hash route and waits until the shell is mounted. */
export async function gotoApp(session: AppSession, appUrl: string, route = ''): Promise<Page> {
  await session.page.goto(`${appUrl}${route ? `#/${route}` : ''}`);
  await session.page.waitForSelector('html[data-ready="true"]');
  return session.page;
}

/** The guards every test ends with. */
export function expectCleanSession(session: AppSession): void {
  expect(session.foreignRequests, 'requests to hosts other than the app').toEqual([]);
  expect(session.errors, 'console errors').toEqual([]);
}

/** Resolves once a service worker controls the page (first visit: after one reload). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
  }
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}
