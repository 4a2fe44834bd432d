/**
 * Model sources other than a plain download: files imported from disk (air-gapped use, no
 * request for model files at all), and one download per model across tabs (Web Locks).
 */
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { dumpDatabase } from './idb';
import {
  card,
  enableDeveloperMode,
  expectedOpfs,
  fixtureFiles,
  FIXTURES_DIR,
  openModelsWithRelay,
  opfsFiles,
  waitForStatus,
} from './models-helpers';

const appUrl = inject('appUrl');
const slowAppUrl = inject('slowAppUrl');
const browser = useBrowser();
const EMBEDDER = 'omnia-fixture-embedder';
const LM = 'omnia-fixture-causal-lm';

describe('model sources', () => {
  it('imports a model from picked files without any download, and it runs', async () => {
    const session = await newSession(browser(), appUrl);
    const modelRequests: string[] = [];
    session.context.on('request', (r) => {
      if (r.url().includes('/models/')) modelRequests.push(r.url());
    });
    const page = await gotoApp(session, appUrl);
    await enableDeveloperMode(page);
    await page.goto(`${appUrl}#/models`);
    const files = fixtureFiles(EMBEDDER).map((f) => join(FIXTURES_DIR, EMBEDDER, f.path));
    await card(page, EMBEDDER).getByTestId('model-import-files').setInputFiles(files);
    await waitForStatus(page, EMBEDDER, 'installed');
    expect(await opfsFiles(page, EMBEDDER)).toEqual(expectedOpfs(EMBEDDER));
    const rows = (await dumpDatabase(page))['modelInstalls'] as { source: string }[];
    expect(rows.map((r) => r.source)).toEqual(['imported']);

    const emb = card(page, EMBEDDER);
    await emb.getByTestId('model-tryout').locator('summary').click();
    await emb.getByTestId('tryout-device-select').selectOption('wasm');
    await emb.getByTestId('tryout-run').click();
    await emb.getByTestId('tryout-ran-on').waitFor({ timeout: 60_000 });
    expect(await emb.getByTestId('tryout-output').textContent()).toMatch(/2 vectors of 32/);
    expect(modelRequests).toEqual([]);
    expectCleanSession(session);
    await session.close();
  });

  it('refuses an import whose files do not match the catalog, and installs nothing', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await enableDeveloperMode(page);
    await page.goto(`${appUrl}#/models`);
    // The embedder's files, but the LM's tokenizer in place of its own.
    const files = fixtureFiles(EMBEDDER).map((f) =>
      f.path === 'tokenizer.json'
        ? join(FIXTURES_DIR, LM, 'tokenizer.json')
        : join(FIXTURES_DIR, EMBEDDER, f.path),
    );
    await card(page, EMBEDDER).getByTestId('model-import-files').setInputFiles(files);
    await waitForStatus(page, EMBEDDER, 'failed');
    expect(await card(page, EMBEDDER).getByTestId('model-error').textContent()).toMatch(
      /tokenizer\.json/,
    );
    expect((await dumpDatabase(page))['modelInstalls']).toEqual([]);
    await session.close();
  });

  it('lets only one tab download a model; the other follows its progress and sees it installed', async () => {
    const session = await newSession(browser(), slowAppUrl);
    const first = await gotoApp(session, slowAppUrl);
    await openModelsWithRelay(first, slowAppUrl);
    await card(first, LM).getByTestId('model-install').click();
    await waitForStatus(first, LM, 'downloading');

    const second = await session.context.newPage();
    await second.goto(`${slowAppUrl}#/models`);
    await second.waitForSelector('html[data-ready="true"]');
    // The record shows the other tab's download; starting it here too is refused.
    await waitForStatus(second, LM, 'downloading');
    expect(await card(second, LM).getByTestId('model-install').count()).toBe(0);
    await waitForStatus(second, LM, 'installed', 60_000);
    await waitForStatus(first, LM, 'installed', 60_000);
    expect(await opfsFiles(second, LM)).toEqual(expectedOpfs(LM));
    expectCleanSession(session);
    await session.close();
  });
});
