/**
 * On SwiftShader (the software WebGPU adapter TESTING.md sets up) Home and the Models view say
 * the same thing about the GPU — models run on the CPU — and the recommendations follow: the
 * Fast tier, an ONNX chat model on WASM, and no badge on a model no engine of the app runs.
 */
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';

const appUrl = inject('appUrl');
const browser = useBrowser();

describe('device summary on a software adapter', () => {
  it('Home and Models agree, in pt-BR, and only runnable models are recommended', async () => {
    const session = await newSession(browser(), appUrl, { locale: 'pt-BR' });
    const page = await gotoApp(session, appUrl);
    const home = page.getByTestId('home-webgpu');
    await home.waitFor();
    expect(await home.getAttribute('data-gpu')).toBe('software');
    const homeText = (await home.textContent())?.trim() ?? '';
    expect(homeText).toMatch(/adaptador de software.*CPU \(WASM\)/);

    await page.goto(`${appUrl}#/models`);
    const gpu = page.getByTestId('models-device-gpu');
    await gpu.waitFor();
    expect(await gpu.getAttribute('data-gpu')).toBe('software');
    expect((await gpu.getByTestId('models-device-gpu-use').textContent())?.trim()).toBe(homeText);
    expect(await page.getByTestId('models-tier').getAttribute('data-tier')).toBe('fast');

    const recommended = page.locator(
      '[data-testid="model-card"]:has([data-testid="model-recommended"])',
    );
    await expect.poll(() => recommended.count()).toBeGreaterThan(0);
    for (const id of await recommended.evaluateAll((cards) =>
      cards.map((c) => c.getAttribute('data-model-id')),
    )) {
      const verdict = page.locator(`[data-model-id="${id}"] [data-testid="model-verdict"]`);
      expect(await verdict.getAttribute('data-engine-runs'), `${id}`).toBe('true');
      expect(await verdict.getAttribute('data-fits'), `${id}`).toBe('true');
    }
    // Image-to-text: SmolVLM (q4, fast on WASM) is the one recommended here; Florence-2 runs too
    // (its adapter, transformers-florence2.ts) but is the quality tier's pick, not this device's.
    const images = page.locator('[data-testid="models-task"][data-task="image-to-text"]');
    const imageRecommended = await images
      .locator('[data-testid="model-card"]:has([data-testid="model-recommended"])')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-model-id')));
    expect(imageRecommended).toEqual(['smolvlm-256m-instruct-q4']);
    const runs = images.locator(
      '[data-testid="model-card"]:has([data-testid="model-verdict"][data-engine-runs="true"])',
    );
    expect(
      await runs.evaluateAll((cards) => cards.map((c) => c.getAttribute('data-model-id')).sort()),
    ).toEqual(['florence-2-base-ft-fp32', 'smolvlm-256m-instruct-q4']);
    expectCleanSession(session);
    await session.close();
  });
});
