/**
 * onnxruntime-web destroys its WebGPU device when its last WebGPU session is released, and a
 * worker cannot get another: so after an ONNX model ran on WebGPU and was unloaded (by Unload,
 * by idle time, or to make room for another model), the next WebGPU load starts a fresh
 * inference worker. Real Chromium, SwiftShader WebGPU, the fixture LM, exact greedy ids.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { card, FIXTURES_DIR, openModelsWithRelay, waitForStatus } from './models-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser();
const LM = 'omnia-fixture-causal-lm';

interface Reference {
  causal_lm: {
    prompts: {
      kind: string;
      messages?: { role: string; content: string }[];
      q8: { generated_ids: number[] };
    }[];
  };
}
const reference = JSON.parse(readFileSync(`${FIXTURES_DIR}/reference.json`, 'utf8')) as Reference;
const chat = reference.causal_lm.prompts.find((p) => p.kind === 'chat');

async function tryOnWebGpu(page: Page): Promise<number[]> {
  const lm = card(page, LM);
  const details = lm.getByTestId('model-tryout');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await lm.getByTestId('tryout-device-select').selectOption('webgpu');
  await lm
    .getByTestId('tryout-system')
    .fill(chat?.messages?.find((m) => m.role === 'system')?.content ?? '');
  await lm
    .getByTestId('tryout-prompt')
    .fill(chat?.messages?.find((m) => m.role === 'user')?.content ?? '');
  await lm.getByTestId('tryout-run').click();
  const ranOn = lm.getByTestId('tryout-ran-on');
  await ranOn.waitFor({ timeout: 120_000 });
  expect(await ranOn.getAttribute('data-device')).toBe('webgpu');
  const raw = JSON.parse((await lm.getByTestId('tryout-raw').textContent()) ?? '{}') as {
    tokenIds: number[];
  };
  return raw.tokenIds;
}

describe('WebGPU again after an ONNX model was unloaded', () => {
  it('loads on WebGPU a second time, in a fresh worker, with the same exact ids', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await openModelsWithRelay(page, appUrl);
    await card(page, LM).getByTestId('model-install').click();
    await waitForStatus(page, LM, 'installed');

    expect(await tryOnWebGpu(page)).toEqual(chat?.q8.generated_ids);
    await page.getByTestId('loaded-unload').click();
    await expect.poll(() => page.getByTestId('loaded-name').count()).toBe(0);
    expect(await tryOnWebGpu(page)).toEqual(chat?.q8.generated_ids);
    await expect
      .poll(() => page.getByTestId('loaded-device').getAttribute('data-device'), {
        timeout: 30_000,
      })
      .toBe('webgpu');
    expectCleanSession(session);
    await session.close();
  }, 300_000);
});
