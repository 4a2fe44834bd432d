/**
 * The hash worker in a real browser: the digest is right, progress shows, cancel works,
 * an idle worker is stopped, and a worker that cannot start becomes a readable error.
 */
import { describe, expect, inject, it } from 'vitest';
import { createHash } from 'node:crypto';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';

const appUrl = inject('appUrl');
const browser = useBrowser();

/** The same pattern the self-test generates, hashed independently with node:crypto. */
function expectedDigest(mib: number): string {
  const block = new Uint8Array(1024 * 1024);
  for (let i = 0; i < block.length; i++) block[i] = (i * 31 + 7) & 0xff;
  const hash = createHash('sha256');
  for (let i = 0; i < mib; i++) hash.update(block);
  return hash.digest('hex');
}

describe('workers', () => {
  it('reports the device: SwiftShader WebGPU adapter and cross-origin isolation', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl, 'system');
    expect(await page.getByTestId('device-webgpu').textContent()).toMatch(/google · swiftshader/i);
    expect(await page.getByTestId('device-isolated').textContent()).toBe('Yes');
    expectCleanSession(session);
    await session.close();
  });

  it('hashes in a worker with progress, matches node:crypto, and stops the idle worker', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl, 'system');
    const state = page.getByTestId('worker-state');
    expect(await state.getAttribute('data-state')).toBe('stopped');
    await page.getByTestId('worker-test-size').selectOption('16');
    await page.getByRole('button', { name: 'Run worker test' }).click();
    const result = page.getByTestId('worker-test-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toContain(`SHA-256 ${expectedDigest(16)}`);
    expect(await state.getAttribute('data-state')).toBe('idle');
    // The self-test stops its worker after 5 s idle; the next run starts a fresh one.
    await page.waitForSelector('[data-testid="worker-state"][data-state="stopped"]', {
      timeout: 15_000,
    });
    await page.getByRole('button', { name: 'Run worker test' }).click();
    await page.waitForSelector('[data-testid="worker-state"][data-state="idle"]', {
      timeout: 60_000,
    });
    expect(await result.textContent()).toContain(expectedDigest(16));
    expectCleanSession(session);
    await session.close();
  });

  it('cancels a long hash at once and can run again', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl, 'system');
    await page.getByTestId('worker-test-size').selectOption('256');
    await page.getByRole('button', { name: 'Run worker test' }).click();
    await page.getByTestId('worker-test-progress').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    const result = page.getByTestId('worker-test-result');
    await result.getByText('The test was cancelled.').waitFor();
    await page.getByTestId('worker-test-size').selectOption('16');
    await page.getByRole('button', { name: 'Run worker test' }).click();
    await result.getByText(expectedDigest(16)).waitFor({ timeout: 60_000 });
    expectCleanSession(session);
    await session.close();
  });

  it('turns a worker that fails to start into a message a person can act on', async () => {
    const session = await newSession(browser(), appUrl, { expectedErrors: ['hash.worker', '500'] });
    await session.page.route('**/hash.worker*', (route) =>
      route.fulfill({ status: 500, contentType: 'text/plain', body: 'broken' }),
    );
    const page = await gotoApp(session, appUrl, 'system');
    await page.getByTestId('worker-test-size').selectOption('16');
    await page.getByRole('button', { name: 'Run worker test' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toContain(
      'The background worker stopped unexpectedly. Reload the page and try again.',
    );
    expect(await page.getByTestId('worker-state').getAttribute('data-state')).toBe('stopped');
    expectCleanSession(session);
    await session.close();
  });
});
