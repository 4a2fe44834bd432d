/**
 * The download failures people meet, in a real browser against the real relay on 127.0.0.1:
 * a tab killed part-way (resumes with a Range request, never installed unverified), a cached
 * file damaged on disk (found, evicted, fetched again), a relay that sends a web page instead
 * of weights (rejected), and too little storage (a clear message, nothing else lost).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startRelay, type RunningRelay } from '../../src/relay/start.ts';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { dumpDatabase } from './idb';
import {
  card,
  expectedOpfs,
  FIXTURES_DIR,
  installFixture,
  openModelsWithRelay,
  opfsFiles,
  waitForStatus,
} from './models-helpers';
import { APP_SUB_PATH } from './global-setup';

const appUrl = inject('appUrl');
const browser = useBrowser();
const EMBEDDER = 'omnia-fixture-embedder';
const LM = 'omnia-fixture-causal-lm';

let relay: RunningRelay | undefined;
let tempDir: string | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  tempDir = undefined;
});

async function ownRelay(
  modelsDir: string,
  extra: { rateLimitBytesPerSecond?: number } = {},
): Promise<{ url: string; log: string[] }> {
  const log: string[] = [];
  relay = await startRelay({
    dist: 'dist',
    port: 0,
    base: APP_SUB_PATH,
    models: { dir: modelsDir, upstreams: [], ...extra },
    log: (line) => log.push(line),
  });
  return { url: relay.url, log };
}

async function recordOf(page: Page, modelId: string): Promise<Record<string, unknown> | undefined> {
  const rows = (await dumpDatabase(page))['modelInstalls'] as Record<string, unknown>[];
  return rows.find((r) => r['modelId'] === modelId);
}

describe('model download failures', () => {
  it('resumes a download after the tab is killed at ~40% of a file, and verifies before installing', async () => {
    // 32 KiB/s: the 212 kB weights file takes ~6 s, time enough to kill the tab part-way.
    const { url, log } = await ownRelay(FIXTURES_DIR, { rateLimitBytesPerSecond: 32 * 1024 });
    const session = await newSession(browser(), url);
    const page = await gotoApp(session, url);
    await openModelsWithRelay(page, url);
    await card(page, LM).getByTestId('model-install').click();
    // ~35% of the whole model is ~40% into onnx/model.onnx (the small files come first).
    await page.waitForFunction(
      (id) => {
        const bar = document.querySelector<HTMLProgressElement>(
          `[data-model-id="${id}"] [data-testid="model-progress"] progress, [data-model-id="${id}"] progress`,
        );
        return bar !== null && bar.max > 0 && bar.value / bar.max >= 0.35;
      },
      LM,
      { timeout: 30_000, polling: 50 },
    );
    const cdp = await session.context.newCDPSession(page);
    const crashed = page.waitForEvent('crash');
    void cdp.send('Page.crash').catch(() => undefined); // the renderer and its workers die
    await crashed;

    const reopened = await session.context.newPage();
    await reopened.goto(`${url}#/models`);
    await reopened.waitForSelector('html[data-ready="true"]');
    await waitForStatus(reopened, LM, 'paused');
    const before = await recordOf(reopened, LM);
    expect(before?.['status']).toBe('paused');
    const weights = (before?.['files'] as { path: string; state: string }[]).find(
      (f) => f.path === 'onnx/model.onnx',
    );
    expect(weights?.state).not.toBe('verified');
    const partial = (await opfsFiles(reopened, LM))['onnx/model.onnx'];
    expect(partial?.size ?? 0).toBeGreaterThan(0);
    expect(partial?.size ?? 0).toBeLessThan(211_599);

    await card(reopened, LM).getByTestId('model-resume').click();
    await waitForStatus(reopened, LM, 'installed', 60_000);
    expect(await opfsFiles(reopened, LM)).toEqual(expectedOpfs(LM));
    // The resume asked for the rest only: a 206 for the weights, after the first 200.
    const weightLines = log.filter((l) => l.includes('/onnx/model.onnx '));
    expect(weightLines.some((l) => / 206 /.test(l))).toBe(true);
    await session.close();
  });

  it('finds a bit-flipped cached file with the deep check, evicts it and fetches it again', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await openModelsWithRelay(page, appUrl);
    await installFixture(page, EMBEDDER);
    await page.evaluate(async (id) => {
      const root = await navigator.storage.getDirectory();
      const dir = await (
        await (
          await root.getDirectoryHandle('omnia-models')
        ).getDirectoryHandle(encodeURIComponent(id))
      ).getDirectoryHandle('onnx');
      const handle = await dir.getFileHandle('model_quantized.onnx');
      const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
      bytes[20_000] = (bytes[20_000] ?? 0) ^ 0x01;
      const writable = await handle.createWritable();
      await writable.write(bytes);
      await writable.close();
    }, EMBEDDER);
    await page.getByTestId('models-repair-deep').click();
    await expect
      .poll(() => page.getByTestId('models-repair-result').textContent(), { timeout: 30_000 })
      .toMatch(/1 damaged/);
    await waitForStatus(page, EMBEDDER, 'failed');
    expect((await opfsFiles(page, EMBEDDER))['onnx/model_quantized.onnx']).toBeUndefined();
    await card(page, EMBEDDER).getByTestId('model-retry').click();
    await waitForStatus(page, EMBEDDER, 'installed');
    expect(await opfsFiles(page, EMBEDDER)).toEqual(expectedOpfs(EMBEDDER));
    expectCleanSession(session);
    await session.close();
  });

  it('rejects a relay that serves a web page instead of the weights', async () => {
    tempDir = mkdtempSync(join(tmpdir(), 'omnia-html-relay-'));
    cpSync(join(FIXTURES_DIR, EMBEDDER), join(tempDir, EMBEDDER), { recursive: true });
    writeFileSync(
      join(tempDir, EMBEDDER, 'onnx', 'model_quantized.onnx'),
      '<!DOCTYPE html><html><head><title>Welcome</title></head><body>It works!</body></html>',
    );
    const { url } = await ownRelay(tempDir);
    const session = await newSession(browser(), url);
    const page = await gotoApp(session, url);
    await openModelsWithRelay(page, url);
    await card(page, EMBEDDER).getByTestId('model-install').click();
    await waitForStatus(page, EMBEDDER, 'failed');
    const record = await recordOf(page, EMBEDDER);
    expect(record?.['status']).toBe('failed');
    // Caught before a byte is stored: its size is not the catalog's (a page of the right size
    // would be caught by its first bytes, see http-checks.test.ts, or by its SHA-256).
    const error = record?.['error'] as { kind: string; message: string; path: string };
    expect(error.kind).toBe('bad-response');
    expect(error.path).toBe('onnx/model_quantized.onnx');
    expect(await card(page, EMBEDDER).getByTestId('model-error').textContent()).toMatch(
      /something other than the model.s file.*model_quantized\.onnx/,
    );
    expect((await opfsFiles(page, EMBEDDER))['onnx/model_quantized.onnx']).toBeUndefined();
    expectCleanSession(session);
    await session.close();
  });

  it('explains a storage quota too small for the model, and keeps everything already stored', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await openModelsWithRelay(page, appUrl);
    await installFixture(page, EMBEDDER);
    const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', {
      origin: new URL(appUrl).origin,
      quotaSize: usage + 100_000,
    });
    await card(page, LM).getByTestId('model-install').click();
    await waitForStatus(page, LM, 'failed');
    expect(await card(page, LM).getByTestId('model-error').textContent()).toMatch(
      /storage|space|quota/i,
    );
    // What was there before is untouched: the other model, its files, and the source setting.
    expect(await card(page, EMBEDDER).getAttribute('data-status')).toBe('installed');
    expect(await opfsFiles(page, EMBEDDER)).toEqual(expectedOpfs(EMBEDDER));
    const settings = (await dumpDatabase(page))['settings'] as { key: string }[];
    expect(settings.map((s) => s.key)).toContain('modelSource');
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(appUrl).origin });
    expectCleanSession(session);
    await session.close();
  });
});
