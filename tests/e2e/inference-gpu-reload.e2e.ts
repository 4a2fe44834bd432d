/**
 * onnxruntime-web destroys its WebGPU device when its last WebGPU session is released, and a
 * worker cannot get another: so after an ONNX model ran on WebGPU and was unloaded (by Unload,
 * by idle time, or to make room for another model), the next WebGPU load starts a fresh
 * inference worker. Real Chromium, SwiftShader WebGPU, the fixture LM, exact greedy ids.
 */
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { installFixture, openModelsWithRelay, referenceChatPrompt, tryOut } from './models-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser();
const LM = 'omnia-fixture-causal-lm';
const prompt = referenceChatPrompt();

describe('WebGPU again after an ONNX model was unloaded', () => {
  it('loads on WebGPU a second time, in a fresh worker, with the same exact ids', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await openModelsWithRelay(page, appUrl);
    await installFixture(page, LM);

    expect(await tryOut(page, LM, 'webgpu', prompt, 120_000)).toEqual(prompt.generatedIds);
    await page.getByTestId('loaded-unload').click();
    await expect.poll(() => page.getByTestId('loaded-name').count()).toBe(0);
    expect(await tryOut(page, LM, 'webgpu', prompt, 120_000)).toEqual(prompt.generatedIds);
    await expect
      .poll(() => page.getByTestId('loaded-device').getAttribute('data-device'), {
        timeout: 30_000,
      })
      .toBe('webgpu');
    expectCleanSession(session);
    await session.close();
  }, 300_000);
});
