/**
 * web-llm models keep one verified copy, in web-llm's own store. The Models view installs the
 * web-llm-layout fixture from the relay on 127.0.0.1 (a real mlc-chat-config.json, tokenizer,
 * tensor-cache.json with two shards, and a STAND-IN model library: an empty WebAssembly
 * module, since no real MLC library can be built here). Then web-llm's own published code —
 * not the app's — is asked about it: hasModelInCache says yes, and MLCEngine.reload reads
 * config and library from the store with zero network requests before it stops at the
 * stand-in. A flipped bit in a shard is caught by deep repair, evicted and fetched again;
 * Delete leaves nothing in web-llm's store.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { card, openModelsWithRelay, opfsFiles, waitForStatus } from './models-helpers';
import {
  expectedWebLlmStore,
  fixtureAppConfig,
  exposeWebLlm,
  webLlmFixture,
  webLlmStore,
  WEBLLM_FIXTURE,
  type WebLlmGlobal,
} from './webllm-cache';

const appUrl = inject('appUrl');
const browser = useBrowser();

declare global {
  interface Window {
    __webllm: WebLlmGlobal;
  }
}

function hasModelInCache(page: Page): Promise<boolean> {
  const { webllm } = webLlmFixture();
  return page.evaluate(({ id, appConfig }) => window.__webllm.hasModelInCache(id, appConfig), {
    id: webllm.modelId,
    appConfig: fixtureAppConfig(),
  });
}

async function install(page: Page): Promise<void> {
  await card(page, WEBLLM_FIXTURE).getByTestId('model-install').click();
  await waitForStatus(page, WEBLLM_FIXTURE, 'installed');
}

describe('web-llm models: one verified copy in the store web-llm reads', () => {
  it('installs into web-llm’s own store; web-llm finds it and loads with no request', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await openModelsWithRelay(page, appUrl);
    await exposeWebLlm(page, appUrl);
    await install(page);

    // Every file, byte for byte, under the URL web-llm looks it up by; none left in OPFS.
    expect(await webLlmStore(page)).toEqual(expectedWebLlmStore());
    expect(await opfsFiles(page, WEBLLM_FIXTURE)).toEqual({});
    expect(await hasModelInCache(page)).toBe(true);

    // web-llm's own loader, from here on: no request for a model file (config, library,
    // tokenizer, shards) may leave the page. The app's own code may load a chunk meanwhile (a
    // worker starting after the install), which is not what this asks.
    const requests: string[] = [];
    const appCode = new URL('assets/', appUrl).href;
    session.context.on('request', (r) => {
      if (!r.url().startsWith(appCode)) requests.push(r.url());
    });
    const outcome = await page.evaluate(
      async ({ id, appConfig }) => {
        const progress: string[] = [];
        // Which entries web-llm read from the store (a spy on the browser's Cache.match).
        const looked: string[] = [];
        const original = Object.getOwnPropertyDescriptor(Cache.prototype, 'match')!;
        const match = original.value as Cache['match'];
        Cache.prototype.match = function (this: Cache, request, options) {
          looked.push(
            typeof request === 'string'
              ? request
              : request instanceof URL
                ? request.href
                : request.url,
          );
          return match.call(this, request, options);
        };
        const engine = new window.__webllm.MLCEngine({
          appConfig,
          logLevel: 'SILENT',
          initProgressCallback: (r: { text: string }) => progress.push(r.text),
        });
        try {
          await engine.reload(id);
          return { loaded: true, error: '', progress, looked };
        } catch (error) {
          return { loaded: false, error: String(error), progress, looked };
        } finally {
          Object.defineProperty(Cache.prototype, 'match', original);
        }
      },
      { id: webLlmFixture().webllm.modelId, appConfig: fixtureAppConfig() },
    );
    // It read the chat config and then the library from the store, and stopped at the
    // stand-in (an empty module exports no memory: "reading 'buffer'" of undefined) ...
    const urls = Object.keys(expectedWebLlmStore());
    expect(outcome.looked).toContain(urls.find((u) => u.endsWith('mlc-chat-config.json')));
    expect(outcome.looked).toContain(urls.find((u) => u.endsWith('.wasm')));
    expect(outcome.loaded).toBe(false);
    expect(outcome.error).not.toMatch(/fetch|network|Failed to store|Cannot fetch/i);
    // ... having read config and library from the store: nothing went to the network.
    expect(requests).toEqual([]);
    expectCleanSession(session);
    await session.close();
  });

  it('catches a flipped bit in a shard, evicts it, fetches it again; delete empties the store', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await openModelsWithRelay(page, appUrl);
    await exposeWebLlm(page, appUrl);
    await install(page);
    const expected = expectedWebLlmStore();
    const shardUrl = Object.keys(expected).find((u) => u.endsWith('params_shard_0.bin'))!;

    await page.evaluate(async (url) => {
      const cache = await caches.open('webllm/model');
      const response = (await cache.match(url))!;
      const bytes = new Uint8Array(await response.arrayBuffer());
      bytes[100] = (bytes[100] ?? 0) ^ 0x01;
      await cache.put(url, new Response(bytes, { headers: response.headers }));
    }, shardUrl);

    await page.getByTestId('models-repair-deep').click();
    await expect
      .poll(() => page.getByTestId('models-repair-result').textContent(), { timeout: 30_000 })
      .toMatch(/1/);
    await waitForStatus(page, WEBLLM_FIXTURE, 'failed');
    expect(await card(page, WEBLLM_FIXTURE).getByTestId('model-error').textContent()).toMatch(
      /params_shard_0\.bin/,
    );
    expect(Object.keys(await webLlmStore(page))).not.toContain(shardUrl);
    expect(await hasModelInCache(page)).toBe(false);

    // Installing again fetches what was evicted; the store is whole and exact once more.
    await card(page, WEBLLM_FIXTURE).getByTestId('model-retry').click();
    await waitForStatus(page, WEBLLM_FIXTURE, 'installed');
    expect(await webLlmStore(page)).toEqual(expected);
    expect(await hasModelInCache(page)).toBe(true);

    await card(page, WEBLLM_FIXTURE).getByTestId('model-delete').click();
    await page.locator('dialog[open] .button-danger').click();
    await waitForStatus(page, WEBLLM_FIXTURE, 'available');
    expect(await webLlmStore(page)).toEqual({});
    expect(await hasModelInCache(page)).toBe(false);
    expect(await opfsFiles(page, WEBLLM_FIXTURE)).toEqual({});
    expectCleanSession(session);
    await session.close();
  });
});
