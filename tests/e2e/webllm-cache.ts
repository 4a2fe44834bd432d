/**
 * Reads web-llm's own store (the Cache API caches its loader opens) in the page, independently
 * of the app's code, and loads web-llm's own published module into the page so a test can ask
 * web-llm itself — hasModelInCache, MLCEngine.reload — about what the app stored. The module is
 * node_modules/@mlc-ai/web-llm/lib/index.js, served on the app's origin by a route.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { FIXTURES_DIR, sha256Of } from './models-helpers';

export const WEBLLM_CACHES = ['webllm/config', 'webllm/wasm', 'webllm/model'] as const;
export const WEBLLM_FIXTURE = 'omnia-fixture-webllm';

interface WebLlmFixtureManifest {
  models: {
    id: string;
    repo: string;
    contextWindow: number;
    webllm: { modelId: string; libRepo: string; libRevision: string; libPath: string };
    files: { path: string; size: number; sha256: string }[];
  }[];
}

export function webLlmFixture(): WebLlmFixtureManifest['models'][number] {
  const manifest = JSON.parse(
    readFileSync(`${FIXTURES_DIR}/webllm-manifest.json`, 'utf8'),
  ) as WebLlmFixtureManifest;
  const model = manifest.models.find((m) => m.id === WEBLLM_FIXTURE);
  if (!model) throw new Error('no web-llm fixture in webllm-manifest.json');
  return model;
}

/** The URLs web-llm's prebuiltAppConfig convention gives the fixture's files. */
export function expectedWebLlmStore(): Record<
  string,
  { cache: string; size: number; sha256: string }
> {
  const model = webLlmFixture();
  const folder = `https://huggingface.co/${model.repo}/resolve/main/`;
  const lib = `https://raw.githubusercontent.com/${model.webllm.libRepo}/${model.webllm.libRevision}/${model.webllm.libPath}`;
  return Object.fromEntries(
    model.files.map((f) => {
      const isLib = f.path === model.webllm.libPath;
      const cache = isLib
        ? 'webllm/wasm'
        : f.path === 'mlc-chat-config.json'
          ? 'webllm/config'
          : 'webllm/model';
      return [isLib ? lib : folder + f.path, { cache, size: f.size, sha256: f.sha256 }];
    }),
  );
}

/** web-llm's AppConfig for the fixture, written here from web-llm's documented fields. */
export function fixtureAppConfig(): {
  model_list: Record<string, unknown>[];
  cacheBackend: string;
} {
  const model = webLlmFixture();
  return {
    cacheBackend: 'cache',
    model_list: [
      {
        model: `https://huggingface.co/${model.repo}`,
        model_id: model.webllm.modelId,
        model_lib: `https://raw.githubusercontent.com/${model.webllm.libRepo}/${model.webllm.libRevision}/${model.webllm.libPath}`,
      },
    ],
  };
}

/** Every entry of web-llm's three caches: URL → cache, size, SHA-256 of the stored bytes. */
export function webLlmStore(
  page: Page,
): Promise<Record<string, { cache: string; size: number; sha256: string }>> {
  return page.evaluate(async (names) => {
    const out: Record<string, { cache: string; size: number; sha256: string }> = {};
    for (const name of names) {
      if (!(await caches.has(name))) continue;
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const body = await (await cache.match(request))!.arrayBuffer();
        const digest = await crypto.subtle.digest('SHA-256', body);
        out[request.url] = {
          cache: name,
          size: body.byteLength,
          sha256: [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join(''),
        };
      }
    }
    return out;
  }, WEBLLM_CACHES);
}

const MODULE_PATH = '__test__/web-llm.js';
const SHIM_PATH = '__test__/expose-web-llm.js';

/** What the page holds as `window.__webllm` after exposeWebLlm(). */
export interface WebLlmGlobal {
  hasModelInCache(id: string, appConfig: unknown): Promise<boolean>;
  MLCEngine: new (config: unknown) => { reload(id: string): Promise<void> };
}

/**
 * Serves web-llm's published ESM on the app's origin and imports it into the page as
 * `window.__webllm` (a module script: the test's own code is transformed by Vite, so it cannot
 * call import() inside page.evaluate).
 */
export async function exposeWebLlm(page: Page, appUrl: string): Promise<void> {
  const url = new URL(MODULE_PATH, appUrl).href;
  const body = readFileSync('node_modules/@mlc-ai/web-llm/lib/index.js');
  await page.route(url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body }),
  );
  // The app's CSP allows only same-origin scripts: the shim that exposes it is a file too.
  const shim = new URL(SHIM_PATH, appUrl).href;
  await page.route(shim, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/javascript',
      body: `import * as webllm from ${JSON.stringify(url)}; window.__webllm = webllm;`,
    }),
  );
  await page.addScriptTag({ type: 'module', url: shim });
  await page.waitForFunction(() => '__webllm' in window);
}

export { sha256Of };
