/**
 * The model in memory, in a real browser: the Models panel and the header say what the one
 * inference worker holds and where it runs; loading another model replaces it; Unload frees
 * it; an unused model is unloaded after the idle time unless pinned; and the chat and Try-it
 * share the worker, so a model Try-it loaded answers in the chat without loading again.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { seriousViolations } from './axe';
import { expectCleanSession, gotoApp, newSession, useBrowser, type AppSession } from './browser';
import {
  chooseDevice,
  dismissOfflineNotice,
  finishedAnswer,
  send,
  SHORT_PERSONA,
} from './chat-helpers';
import { seedDatabase } from './idb';
import { card, openModelsWithRelay, waitForStatus } from './models-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser();

const LM = 'omnia-fixture-causal-lm';
const EMBEDDER = 'omnia-fixture-embedder';

/** What the page saw: inference workers constructed, and the load stages the panel showed. */
interface Seen {
  inferenceWorkers: number;
  stages: string[];
  indicatorLoading: number;
  /** What the chat's placeholder said while the answer was on its way. */
  pending: string[];
}

// Runs in the page before the app: counts `new Worker(…, { name: 'omnia-inference' })` and
// records every load stage the panel shows and every time the header says "loading".
function watchPage(): void {
  const seen: Seen = { inferenceWorkers: 0, stages: [], indicatorLoading: 0, pending: [] };
  (window as unknown as { __seen: Seen }).__seen = seen;
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      if (options?.name === 'omnia-inference') seen.inferenceWorkers += 1;
    }
  };
  let indicatorWasLoading = false;
  new MutationObserver(() => {
    const stage = document
      .querySelector('[data-testid="loaded-stage"]')
      ?.getAttribute('data-stage');
    if (stage && seen.stages.at(-1) !== stage) seen.stages.push(stage);
    const loading =
      document.querySelector('[data-testid="loaded-indicator"]')?.getAttribute('data-state') ===
      'loading';
    if (loading && !indicatorWasLoading) seen.indicatorLoading += 1;
    indicatorWasLoading = loading;
    const pending = document.querySelector('[data-testid="chat-pending"]')?.textContent?.trim();
    if (pending && seen.pending.at(-1) !== pending) seen.pending.push(pending);
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

const seen = (page: Page): Promise<Seen> =>
  page.evaluate(() => (window as unknown as { __seen: Seen }).__seen);

const panel = (page: Page) => page.getByTestId('loaded-models');
const indicator = (page: Page) => page.getByTestId('loaded-indicator');

async function expectPanel(page: Page, state: string, modelId?: string): Promise<void> {
  await expect.poll(() => panel(page).getAttribute('data-state'), { timeout: 60_000 }).toBe(state);
  if (modelId) expect(await panel(page).getAttribute('data-model-id')).toBe(modelId);
}

/** Runs Try-it on WASM for `modelId` and waits until it has run. */
async function tryIt(page: Page, modelId: string): Promise<void> {
  const tryout = card(page, modelId).getByTestId('model-tryout');
  if ((await tryout.getAttribute('open')) === null) await tryout.locator('summary').click();
  await tryout.getByTestId('tryout-device-select').selectOption('wasm');
  await tryout.getByTestId('tryout-run').click();
  await tryout.getByTestId('tryout-ran-on').waitFor({ timeout: 90_000 });
  await expect.poll(() => tryout.getByTestId('tryout-run').isEnabled()).toBe(true);
}

async function openView(page: Page, route: 'models' | 'chat' | 'settings'): Promise<void> {
  // A click, not a reload: the worker (and what it holds) must live on.
  await page.getByTestId(`nav-${route}`).click();
  await page.waitForSelector(`main[data-route="${route}"]`);
}

describe('loaded models: one resident, visible and bounded', () => {
  let session: AppSession | undefined;
  const page = (): Page => {
    if (!session) throw new Error('the first test opens the session');
    return session.page;
  };

  afterAll(async () => {
    await session?.close();
  });

  it('shows the Try-it model in the panel and header; another model replaces it; Unload frees it', async () => {
    session = await newSession(browser(), appUrl);
    await session.context.addInitScript(watchPage);
    const p = await gotoApp(session, appUrl);
    await openModelsWithRelay(p, appUrl);
    await dismissOfflineNotice(p);
    for (const id of [LM, EMBEDDER]) {
      await card(p, id).getByTestId('model-install').click();
      await waitForStatus(p, id, 'installed');
    }
    // A persona short enough for the fixture's 128-token window, for the chat test below.
    await seedDatabase(p, {
      settings: [
        { key: 'customPersonas', value: [SHORT_PERSONA] },
        {
          key: 'chatDefaults',
          value: {
            personaId: SHORT_PERSONA.id,
            params: { temperature: 0, topP: 0.9, maxNewTokens: 8 },
          },
        },
      ],
    });
    await p.reload();
    await p.waitForSelector('html[data-ready="true"]');
    await expectPanel(p, 'none');
    expect(await p.getByTestId('loaded-none').textContent()).toBe('No model loaded');
    expect(await indicator(p).count()).toBe(0);
    // Nothing asked for a model yet, so the inference worker has not even started.
    expect((await seen(p)).inferenceWorkers).toBe(0);

    await tryIt(p, LM);
    await expectPanel(p, 'loaded', LM);
    expect(await p.getByTestId('loaded-name').textContent()).toBe(LM);
    expect(await p.getByTestId('loaded-device').getAttribute('data-device')).toBe('wasm');
    expect(await p.getByTestId('loaded-device').textContent()).toContain('CPU (WASM)');
    expect(await p.getByTestId('loaded-memory').textContent()).toMatch(/about \d+ MB/);
    await expect
      .poll(() => p.getByTestId('loaded-unloads').textContent(), { timeout: 10_000 })
      .toMatch(/^in (10|9) min if unused$/);
    expect((await seen(p)).stages).toEqual(expect.arrayContaining(['checking', 'reading']));
    expect((await seen(p)).indicatorLoading, 'the header said "loading"').toBeGreaterThan(0);
    expect(await indicator(p).getAttribute('data-device')).toBe('wasm');
    const link = p.getByRole('link', { name: `Model in memory: ${LM} WASM` });
    expect(await link.getAttribute('href')).toMatch(/#\/models$/);
    expect(await seriousViolations(p)).toEqual([]);

    await tryIt(p, EMBEDDER);
    await expectPanel(p, 'loaded', EMBEDDER);
    expect(await panel(p).textContent()).not.toContain(LM);
    expect(await indicator(p).getAttribute('data-model-id')).toBe(EMBEDDER);

    await p.getByTestId('loaded-unload').click();
    await expectPanel(p, 'none');
    expect(await p.getByTestId('loaded-none').isVisible()).toBe(true);
    await indicator(p).waitFor({ state: 'detached' });
    expect((await seen(p)).inferenceWorkers).toBe(1);
    expectCleanSession(session);
  });

  it('the chat answers with the model Try-it loaded, in the same worker, without loading it again', async () => {
    const p = page();
    await tryIt(p, LM);
    await expectPanel(p, 'loaded', LM);
    const loadedAt = await p.getByTestId('loaded-since').getAttribute('data-loaded-at');
    const loadsBefore = (await seen(p)).indicatorLoading;

    await openView(p, 'chat');
    await p.getByTestId('chat-input').waitFor();
    await chooseDevice(p, 'wasm');
    await send(p, 'Hi');
    await finishedAnswer(p, 'last');
    expect((await seen(p)).indicatorLoading, 'the header never said "loading"').toBe(loadsBefore);
    expect(await indicator(p).getAttribute('data-model-id')).toBe(LM);

    await openView(p, 'models');
    await expectPanel(p, 'loaded', LM);
    expect(await p.getByTestId('loaded-since').getAttribute('data-loaded-at')).toBe(loadedAt);
    expect((await seen(p)).inferenceWorkers).toBe(1);

    // With nothing loaded, the chat loads the model itself, and its placeholder says how far.
    await p.getByTestId('loaded-unload').click();
    await expectPanel(p, 'none');
    await openView(p, 'chat');
    await send(p, 'Hi again');
    await finishedAnswer(p, 'last');
    expect((await seen(p)).pending).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Loading the model: Checking files…$/)]),
    );
    expect((await seen(p)).indicatorLoading).toBeGreaterThan(loadsBefore);
    expectCleanSession(session as AppSession);
  });

  it('unloads an unused model after the idle time, but never a pinned one', async () => {
    const p = page();
    await openView(p, 'settings');
    // Developer mode (on for the fixtures) offers 15 seconds, so the test can watch it happen.
    await p.getByTestId('idle-unload-select').selectOption('0.25');
    await openView(p, 'models');
    // The setting reached the running worker: the LM the chat used goes within 15 s.
    await expectPanel(p, 'none');
    await indicator(p).waitFor({ state: 'detached' });

    await tryIt(p, LM);
    await expectPanel(p, 'loaded', LM);
    await expect
      .poll(() => p.getByTestId('loaded-unloads').textContent(), { timeout: 10_000 })
      .toBe('in less than a minute if unused');
    await expectPanel(p, 'none');
    await indicator(p).waitFor({ state: 'detached' });

    await tryIt(p, LM);
    await expectPanel(p, 'loaded', LM);
    await p.getByTestId('loaded-pin').check();
    await expect
      .poll(() => p.getByTestId('loaded-unloads').textContent(), { timeout: 10_000 })
      .toBe('never: pinned');
    await p.waitForTimeout(20_000);
    expect(await panel(p).getAttribute('data-state'), 'pinned past the idle time').toBe('loaded');

    // Unpinned, it has been idle longer than 15 s already: it goes at once — so fast that the
    // checkbox leaves with the panel, which uncheck() would wait to see unchecked: click it.
    await p.getByTestId('loaded-pin').click();
    await expectPanel(p, 'none');
    await indicator(p).waitFor({ state: 'detached' });
    expectCleanSession(session as AppSession);
  }, 120_000);
});
