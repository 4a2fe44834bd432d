/**
 * Models in a real browser: install the fixtures through the Models view from the relay on
 * 127.0.0.1 (the download worker, OPFS, IndexedDB records), then run them with the real
 * engines in the inference worker: exact greedy token ids and embeddings against the numpy
 * reference, on WASM and on WebGPU (SwiftShader). Delete frees the disk.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { dumpDatabase } from './idb';
import {
  card,
  expectedOpfs,
  FIXTURES_DIR,
  openModelsWithRelay,
  installFixture,
  opfsFiles,
  referenceChatPrompt,
  tryOut,
} from './models-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser();

interface Reference {
  tolerances: { q8: number };
  embedder: { sentences: { text: string; q8: { embedding: number[] } }[] };
}
const reference = JSON.parse(readFileSync(`${FIXTURES_DIR}/reference.json`, 'utf8')) as Reference;

const EMBEDDER = 'omnia-fixture-embedder';
const LM = 'omnia-fixture-causal-lm';

describe('models: install from the relay and run in the browser', () => {
  it('installs both fixtures with progress, verified byte for byte, and records them', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await openModelsWithRelay(page, appUrl);
    for (const id of [EMBEDDER, LM]) {
      await installFixture(page, id);
      expect(await opfsFiles(page, id)).toEqual(expectedOpfs(id));
    }
    const rows = (await dumpDatabase(page))['modelInstalls'] as {
      modelId: string;
      status: string;
      source: string;
    }[];
    expect(rows.map((r) => [r.modelId, r.status, r.source]).sort()).toEqual(
      [
        [LM, 'installed', 'relay'],
        [EMBEDDER, 'installed', 'relay'],
      ].sort(),
    );
    await expect.poll(() => page.getByTestId('models-disk-total').textContent()).toMatch(/[1-9]/);
    expectCleanSession(session);
    await session.close();
  });

  for (const device of ['wasm', 'webgpu'] as const) {
    it(`runs the fixture LM on ${device}: exact greedy ids, streamed`, async () => {
      const session = await newSession(browser(), appUrl);
      const page = await gotoApp(session, appUrl);
      await openModelsWithRelay(page, appUrl);
      const lm = card(page, LM);
      if ((await lm.getAttribute('data-status')) !== 'installed') await installFixture(page, LM);
      const prompt = referenceChatPrompt();
      expect(await tryOut(page, LM, device, prompt)).toEqual(prompt.generatedIds);
      expect(await lm.getByTestId('tryout-stats').textContent()).toMatch(/tokens\/s/);
      expectCleanSession(session);
      await session.close();
    });
  }

  it('embeds with the fixture embedder on wasm within the q8 tolerance', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await openModelsWithRelay(page, appUrl);
    const emb = card(page, EMBEDDER);
    if ((await emb.getAttribute('data-status')) !== 'installed') {
      await installFixture(page, EMBEDDER);
    }
    const sentence = reference.embedder.sentences[0];
    await emb.getByTestId('model-tryout').locator('summary').click();
    await emb.getByTestId('tryout-device-select').selectOption('wasm');
    await emb.getByTestId('tryout-lines').fill(sentence?.text ?? '');
    await emb.getByTestId('tryout-run').click();
    await emb.getByTestId('tryout-ran-on').waitFor({ timeout: 90_000 });
    const raw = JSON.parse((await emb.getByTestId('tryout-raw').textContent()) ?? '{}') as {
      vectors: number[][];
    };
    const got = raw.vectors[0] ?? [];
    const want = sentence?.q8.embedding ?? [];
    expect(got).toHaveLength(want.length);
    const worst = Math.max(...want.map((w, i) => Math.abs(w - (got[i] ?? NaN))));
    expect(worst).toBeLessThan(reference.tolerances.q8);
    expectCleanSession(session);
    await session.close();
  });
});
