/**
 * Whisper and the captioner on the WebGPU path (SwiftShader's adapter, as TESTING.md sets up):
 * 'auto' would run them on WASM on a software adapter (the Models view's verdict), so the test
 * chooses "Run on: WebGPU" in the chat header, which the speech and vision workers follow; on a
 * hardware GPU 'auto' takes this path. The fixture Whisper, installed through the Models view, transcribes dictation.wav
 * in the Transcribe view (language detected) to exactly its reference ids and says it ran on
 * webgpu; the fixture captioner describes scene.png in the chat to its reference caption, and
 * the answer records webgpu as its device. The catalog dtype, q8, is what WebGPU loads too.
 * SwiftShader is slow but correct: the first window takes ~20 s here (~35 s on a busy machine),
 * mostly first-use shader compilation (encoder's first run ~9 s, the first 1-token and 3-token
 * decoder steps ~2 s and ~4 s); later decoder steps ~0.2 s. The test prints its timings.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { chooseDevice, dismissOfflineNotice } from './chat-helpers';
import { storeRows } from './library-helpers';
import { card, openModelsWithRelay, waitForStatus } from './models-helpers';
import { sceneCaption } from './voice-chat-reference';

const appUrl = inject('appUrl');
const browser = useBrowser({ webgpu: true });
const WHISPER = 'omnia-fixture-whisper';
const CAPTIONER = 'omnia-fixture-captioner';
const DICTATION_WAV = resolve('tests/fixtures/audio/dictation.wav');
const SCENE_PNG = resolve('tests/fixtures/images/scene.png');

interface DictationReference {
  language: string;
  ids: number[];
  /** The segments' texts, as the transcript shows them (one space between segments). */
  text: string;
}

/** reference.json "whisper" → clips["dictation.wav"].q8: detected language and timestamped ids. */
function dictationReference(): DictationReference {
  const json = JSON.parse(readFileSync('tests/fixtures/models/reference.json', 'utf8')) as {
    whisper?: {
      clips?: Record<
        string,
        {
          q8?: {
            language?: { language: string };
            timestamps?: { ids: number[]; segments: { text: string }[] };
          };
        }
      >;
    };
  };
  const q8 = json.whisper?.clips?.['dictation.wav']?.q8;
  if (!q8?.language || !q8.timestamps) {
    throw new Error('reference.json has no whisper.clips["dictation.wav"].q8: build the fixtures.');
  }
  const text = q8.timestamps.segments.map((s) => s.text.trim()).join(' ');
  return { language: q8.language.language, ids: q8.timestamps.ids, text };
}

async function install(page: Page, modelId: string): Promise<void> {
  await openModelsWithRelay(page, appUrl);
  await card(page, modelId).getByTestId('model-install').click();
  await waitForStatus(page, modelId, 'installed');
}

/** Opens the chat and chooses "Run on: WebGPU" (developer mode is on after install). */
async function runOnWebGpu(page: Page): Promise<void> {
  await page.goto(`${appUrl}#/chat`);
  await page.waitForSelector('html[data-ready="true"]');
  await page.getByTestId('chat-input').waitFor();
  await dismissOfflineNotice(page);
  await chooseDevice(page, 'webgpu');
}

async function webGpuAdapter(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const adapter = await navigator.gpu?.requestAdapter();
    return adapter ? `${adapter.info.vendor} ${adapter.info.architecture}` : 'none';
  });
}

describe('voice and vision on WebGPU', () => {
  it('transcribes dictation.wav on webgpu to the reference ids', async () => {
    const reference = dictationReference();
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    expect(await webGpuAdapter(page)).toMatch(/swiftshader/i);
    await install(page, WHISPER);
    await runOnWebGpu(page);

    await page.goto(`${appUrl}#/transcribe`);
    await page.waitForSelector('html[data-ready="true"]');
    await page.getByTestId('transcribe-file-input').setInputFiles(DICTATION_WAV);
    await page.getByTestId('transcribe-picked').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('transcribe-language').inputValue()).toBe('auto');
    const started = Date.now();
    await page.getByTestId('transcribe-start').click();
    const view = page.getByTestId('transcript');
    await view.waitFor({ timeout: 75_000 });
    const facts = (await view.locator('.hint').first().textContent()) ?? '';
    console.log(`[voice-webgpu] whisper: ${Date.now() - started} ms in the page; ${facts}`);

    expect(facts).toMatch(/ on webgpu$/);
    expect(await view.getAttribute('data-language')).toBe(reference.language);
    expect(await view.getAttribute('data-window-token-ids')).toBe(reference.ids.join(','));
    expect((await view.getByTestId('transcript-text').textContent())?.trim()).toBe(reference.text);
    expectCleanSession(session);
    await session.close();
  });

  it('the captioner describes scene.png on webgpu with its reference caption', async () => {
    const caption = sceneCaption();
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await install(page, CAPTIONER);
    await runOnWebGpu(page);

    const started = Date.now();
    await page.getByTestId('composer-image-input').setInputFiles(SCENE_PNG);
    await page.getByTestId('chat-send').click();
    const shown = page.getByTestId('message-image-caption').first();
    await shown.waitFor({ timeout: 60_000 });
    console.log(`[voice-webgpu] captioner: ${Date.now() - started} ms in the page`);
    expect((await shown.textContent())?.trim()).toBe(caption);

    // With no chat model the caption is the answer, saved with the device that made it.
    await expect
      .poll(
        async () =>
          (
            await storeRows<{ role: string; generation?: { device?: string } }>(page, 'messages', [
              'role',
              'generation',
            ])
          ).find((m) => m.role === 'assistant')?.generation?.device,
        { timeout: 10_000 },
      )
      .toBe('webgpu');
    expectCleanSession(session);
    await session.close();
  });
});
