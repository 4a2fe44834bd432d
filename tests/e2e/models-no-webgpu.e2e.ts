/**
 * A browser without WebGPU (Chromium launched without --enable-unsafe-webgpu): the Models
 * view says so, and a model asked to run on WebGPU runs on WASM and says why.
 */
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { card, openModelsWithRelay, waitForStatus } from './models-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser({ webgpu: false });
const LM = 'omnia-fixture-causal-lm';

describe('models without WebGPU', () => {
  it('falls back to WASM and announces it', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await openModelsWithRelay(page, appUrl);
    expect(await page.getByTestId('models-device').textContent()).toMatch(/No WebGPU/i);
    const lm = card(page, LM);
    await lm.getByTestId('model-install').click();
    await waitForStatus(page, LM, 'installed');
    await lm.getByTestId('model-tryout').locator('summary').click();
    for (const device of ['auto', 'webgpu']) {
      await lm.getByTestId('tryout-device-select').selectOption(device);
      await lm.getByTestId('tryout-run').click();
      const ranOn = lm.getByTestId('tryout-ran-on');
      await ranOn.waitFor({ timeout: 60_000 });
      expect(await ranOn.getAttribute('data-device')).toBe('wasm');
      expect(await ranOn.getAttribute('data-fallback')).toBe('no-webgpu');
      expect(await ranOn.textContent()).toMatch(/CPU \(WASM\).*no WebGPU adapter/s);
      expect(await lm.getByTestId('tryout-output').textContent()).not.toBe('');
    }
    expectCleanSession(session);
    await session.close();
  });
});
