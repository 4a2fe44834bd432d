/**
 * A lost GPU is survivable, for real: the fixture LM answers on WebGPU (SwiftShader), and after
 * its first streamed tokens the developer tool destroys onnxruntime-web's WebGPU device inside
 * the inference worker (TESTING.md "Forcing failures for real"). No mock anywhere. Then: the
 * partial answer is in IndexedDB, marked 'device-lost', its ids the start of the reference
 * answer; the person is told what happened and what comes next; the page never reloaded; and
 * the next message is answered on WASM with exactly the reference ids computed in Node.
 * What onnxruntime does on the lost device: its next run fails ~2 s later with "failed to call
 * OrtRun(). ERROR_CODE: 6, ERROR_MESSAGE: __next_prime overflow", and every later run in that
 * worker fails the same way, WASM included — so the engine stops at the device's `lost`
 * promise and the app starts a fresh worker.
 * OMNIA_GPU_SHOTS=<folder> also saves screenshots of the marked answer and the notice.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { ChatMessage } from '../../src/storage/types';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import {
  answers,
  chooseDevice,
  dismissOfflineNotice,
  finishedAnswer,
  installLmAndOpenChat,
  referenceEngine,
  referenceIds,
  send,
  SHORT_PERSONA,
  storedMessages,
  tokenIdsOf,
} from './chat-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser({ webgpu: true });
const SHOTS = process.env['OMNIA_GPU_SHOTS'];
/** Room for the loss to land mid-answer (SwiftShader: ~0.1–0.3 s a token after the first). */
const MAX_NEW_TOKENS = 48;
/**
 * What transformers.js logs when onnxruntime's run on the dead device fails before the worker
 * is replaced — the loss itself, not a bug of the app. Which one depends on where the run was:
 * a read-back in flight fails at once, a run started on the destroyed device a little later.
 */
const LOSS_ERRORS = [
  'ERROR_MESSAGE: /mnt/azure_nvme_temp/_work/1/s/onnxruntime/core/providers/webgpu/buffer_manager.cc:643 void onnxruntime::webgpu::BufferManager::Download(WGPUBuffer, void *, size_t) const map_async_result.status == wgpu::MapAsyncStatus::Success was false. Failed to download data from buffer.',
  'An error occurred during model execution: "Error: failed to call OrtRun(). ERROR_CODE: 6, ERROR_MESSAGE: __next_prime overflow"',
  'Inputs given to model: {input_ids: Object, attention_mask: Object, position_ids: Object, past_key_values.0.key: Object, past_key_values.0.value: Object}',
];

async function assistantRows(page: Page): Promise<ChatMessage[]> {
  return (await storedMessages(page))
    .filter((m) => m.role === 'assistant')
    .sort((a, b) => a.createdAt - b.createdAt);
}

async function screenshots(page: Page, folder: string, locale: string): Promise<void> {
  mkdirSync(folder, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await answers(page).first().scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({
        path: `${folder}/gpu-loss-${locale}-${scheme}-${width}x${height}.png`,
      });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function switchLocale(page: Page, locale: string, chatUrl: string): Promise<void> {
  await page.goto(`${appUrl}#/settings`);
  await page.locator('#settings-language').selectOption(locale);
  await page.goto(chatUrl);
  await page.getByTestId('chat-input').waitFor();
}

describe('a lost GPU mid-answer', () => {
  it('keeps the partial answer, says so, and answers the next message on WASM with the reference ids', async () => {
    const session = await newSession(browser(), appUrl, { expectedErrors: LOSS_ERRORS });
    const page = await gotoApp(session, appUrl);
    await installLmAndOpenChat(page, appUrl, {
      temperature: 0,
      topP: 0.9,
      maxNewTokens: MAX_NEW_TOKENS,
    });
    await dismissOfflineNotice(page);
    await chooseDevice(page, 'webgpu');
    // Survives only if the page is never reloaded.
    await page.evaluate(() => Object.assign(window, { omniaNoReload: 'still here' }));

    const system = { role: 'system' as const, content: SHORT_PERSONA.systemPrompt };
    const question = 'hello there';
    const reference = await referenceIds(
      [system, { role: 'user', content: question }],
      MAX_NEW_TOKENS,
    );
    expect(reference.length).toBe(MAX_NEW_TOKENS); // no early EOS: the loss lands mid-answer
    await send(page, question);

    // Mid-answer: at least one token has streamed (SwiftShader's first one takes seconds).
    const writing = page.locator('[data-role="assistant"][data-streaming="true"]');
    await expect
      .poll(async () => Number((await writing.getAttribute('data-streamed-tokens')) ?? 0), {
        timeout: 90_000,
        interval: 50,
      })
      .toBeGreaterThanOrEqual(1);
    const lostAt = Date.now();
    await page.getByTestId('chat-simulate-gpu-loss').click();

    const cut = answers(page).first();
    await expect
      .poll(() => cut.getAttribute('data-finish'), { timeout: 30_000, interval: 50 })
      .toBe('device-lost');
    const stopMs = Date.now() - lostAt;
    console.log(`[device-lost] the answer stopped ${stopMs} ms after the loss`);
    expect(stopMs).toBeLessThan(10_000);
    expect(await page.getByTestId('chat-simulate-gpu-loss').getAttribute('data-result')).toBe(
      'lost',
    );

    // The partial answer: the reference's first tokens, stored and marked in IndexedDB.
    const partialIds = await tokenIdsOf(cut);
    console.log(`[device-lost] kept ${partialIds.length} of ${MAX_NEW_TOKENS} tokens`);
    expect(partialIds.length).toBeGreaterThanOrEqual(1);
    expect(partialIds.length).toBeLessThan(MAX_NEW_TOKENS);
    expect(partialIds).toEqual(reference.slice(0, partialIds.length));
    const [partial] = await assistantRows(page);
    expect(partial?.generation).toMatchObject({ finishReason: 'device-lost', device: 'webgpu' });
    expect(partial?.generation?.error).toMatch(/^The WebGPU device was lost \(destroyed: /);
    const referenceText = (
      await (
        await referenceEngine()
      ).generate([system, { role: 'user', content: question }], {
        maxNewTokens: MAX_NEW_TOKENS,
      })
    ).text;
    expect(referenceText.startsWith(partial?.content ?? '\u0000')).toBe(true);
    expect(await cut.getByTestId('message-finish').getAttribute('data-finish')).toBe('device-lost');
    await expect
      .poll(() => cut.getByTestId('message-finish').textContent())
      .toMatch(/Cut short: the GPU failed mid-answer/);

    // The person is told, in plain words, what happened and what happens next.
    const notice = page.getByTestId('gpu-loss-notice');
    await notice.waitFor();
    expect(await notice.getAttribute('data-kind')).toBe('device-lost');
    expect(await notice.getAttribute('data-during')).toBe('answer');
    expect(await notice.getAttribute('data-plan')).toBe('same-model');
    const told = (await notice.innerText()).replace(/\s+/g, ' ');
    expect(told).toContain(
      'The GPU stopped responding (device lost). Your partial answer is kept.',
    );
    expect(told).toContain('Omnia switched this chat to the CPU (WASM), which is slower.');
    expect(await page.getByTestId('chat-error').count()).toBe(0);
    expect(await page.getByTestId('chat-gpu-fallback').isVisible()).toBe(true);
    expect(await page.getByTestId('chat-device-select').inputValue()).toBe('wasm');
    expect(await page.getByTestId('chat-ran-on').count()).toBe(0); // no stale "on webgpu"
    expect(await page.evaluate(() => (window as { omniaNoReload?: string }).omniaNoReload)).toBe(
      'still here',
    );

    if (SHOTS) {
      const chatUrl = page.url();
      await screenshots(page, SHOTS, 'en');
      await switchLocale(page, 'pt-BR', chatUrl);
      await expect.poll(() => notice.innerText()).toContain('A GPU parou de responder');
      await screenshots(page, SHOTS, 'pt-BR');
      await page.goto(`${appUrl}#/system`);
      await page.getByTestId('system-developer').waitFor();
      await page.screenshot({ path: `${SHOTS}/gpu-loss-pt-BR-system.png` });
      await switchLocale(page, 'en', chatUrl);
    }

    // The conversation goes on, on the CPU, without a reload: exact reference ids.
    const second = 'and again';
    const expectedSecond = await referenceIds(
      [
        system,
        { role: 'user', content: question },
        { role: 'assistant', content: partial?.content ?? '' },
        { role: 'user', content: second },
      ],
      MAX_NEW_TOKENS,
    );
    await send(page, second);
    const reply = await finishedAnswer(page, 2);
    expect(await tokenIdsOf(reply)).toEqual(expectedSecond);
    await expect
      .poll(() => page.getByTestId('chat-ran-on').getAttribute('data-device'))
      .toBe('wasm');
    const [, answered] = await assistantRows(page);
    expect(answered?.generation).toMatchObject({ device: 'wasm', droppedTurns: 0 });
    expect(answered?.generation?.finishReason).not.toBe('device-lost');
    expect(await page.evaluate(() => (window as { omniaNoReload?: string }).omniaNoReload)).toBe(
      'still here',
    );

    expectCleanSession(session);
    await session.close();
  }, 150_000);

  it('a model that cannot load on a lost GPU is answered on WASM at once, nothing half-stored', async () => {
    const session = await newSession(browser(), appUrl, { expectedErrors: LOSS_ERRORS });
    const page = await gotoApp(session, appUrl);
    const params = { temperature: 0, topP: 0.9, maxNewTokens: 4 };
    await installLmAndOpenChat(page, appUrl, params);
    await dismissOfflineNotice(page);
    await chooseDevice(page, 'webgpu');
    const system = { role: 'system' as const, content: SHORT_PERSONA.systemPrompt };
    const question = 'hello there';
    await send(page, question);
    await finishedAnswer(page, 1);
    expect(await page.getByTestId('chat-ran-on').getAttribute('data-device')).toBe('webgpu');

    // Lost while idle, under the loaded model: nobody notices until a model has to load in
    // that worker, whose onnxruntime the loss broke — here on WASM (a WebGPU load would be
    // sent to a new worker by the inference client, where the GPU works again).
    await page.getByTestId('chat-simulate-gpu-loss').click();
    await expect
      .poll(() => page.getByTestId('chat-simulate-gpu-loss').getAttribute('data-result'))
      .toBe('lost');
    expect(await page.getByTestId('gpu-loss-notice').count()).toBe(0);
    await chooseDevice(page, 'wasm');
    const [first] = await assistantRows(page);
    const second = 'and again';
    const expected = await referenceIds(
      [
        system,
        { role: 'user', content: question },
        { role: 'assistant', content: first?.content ?? '' },
        { role: 'user', content: second },
      ],
      params.maxNewTokens,
    );
    await send(page, second);
    const reply = await finishedAnswer(page, 2);
    expect(await tokenIdsOf(reply)).toEqual(expected);

    const notice = page.getByTestId('gpu-loss-notice');
    expect(await notice.getAttribute('data-during')).toBe('load');
    const told = (await notice.innerText()).replace(/\s+/g, ' ');
    expect(told).toContain(
      'The GPU stopped responding (device lost). Because of that, the model could not load.',
    );
    expect(told).toContain('Omnia switched this chat to the CPU (WASM), which is slower.');
    expect(await page.getByTestId('chat-error').count()).toBe(0);
    const rows = await assistantRows(page);
    expect(rows.map((m) => [m.generation?.device, m.generation?.finishReason])).toEqual([
      ['webgpu', 'length'],
      ['wasm', 'length'],
    ]);
    expectCleanSession(session);
    await session.close();
  }, 120_000);
});
