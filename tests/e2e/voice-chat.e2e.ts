/**
 * Voice and images in the chat, in Chromium with a fake microphone fed from the dictation
 * fixture: the fixture Whisper, installed through the Models view, turns ~3 s of it into
 * exactly its reference text in the composer (click, push-to-talk, the shortcut, at the
 * cursor; Esc discards); images attached by the picker and by a paste reach the fixture
 * captioner, whose reference caption shows under the image and answers when no chat model
 * is there; with the fixture LM the description reaches its prompt; read aloud speaks the
 * answer in its language and Stop cancels it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { seriousViolations } from './axe';
import { expectCleanSession, gotoApp, newSession, useBrowser, type AppSession } from './browser';
import {
  dismissOfflineNotice,
  finishedAnswer,
  LM,
  referenceIds,
  SHORT_PERSONA,
  tokenIdsOf,
} from './chat-helpers';
import { seedDatabase } from './idb';
import { card, openModelsWithRelay, waitForStatus } from './models-helpers';
import { dictationReferenceText, sceneCaption } from './voice-chat-reference';

const WHISPER = 'omnia-fixture-whisper';
const CAPTIONER = 'omnia-fixture-captioner';
const DICTATION_WAV = resolve('tests/fixtures/audio/dictation.wav');
const SCENE_PNG = resolve('tests/fixtures/images/scene.png');

const appUrl = inject('appUrl');
const browser = useBrowser({
  extraArgs: [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${DICTATION_WAV}`,
    '--autoplay-policy=no-user-gesture-required',
  ],
});

/**
 * Records speechSynthesis calls in the page while still calling the real ones. Headless
 * Chromium has no voices, so its engine fails every utterance at once ('synthesis-failed'):
 * that one failure is kept from the app, which then sees an utterance still being spoken,
 * as with a real voice, and Stop and leaving can be exercised.
 */
const SPEECH_SPY = `
  window.__speech = { spoken: [], cancels: 0 };
  if (window.speechSynthesis) {
    const speak = speechSynthesis.speak.bind(speechSynthesis);
    const cancel = speechSynthesis.cancel.bind(speechSynthesis);
    speechSynthesis.speak = (u) => {
      window.__speech.spoken.push({ text: u.text, lang: u.lang });
      const onerror = u.onerror;
      u.onerror = (e) => {
        if (e.error !== 'synthesis-failed' && onerror) onerror.call(u, e);
      };
      return speak(u);
    };
    speechSynthesis.cancel = () => {
      window.__speech.cancels++;
      return cancel();
    };
  }
`;

interface SpeechLog {
  spoken: { text: string; lang: string }[];
  cancels: number;
}

function speechLog(page: Page): Promise<SpeechLog> {
  return page.evaluate(() => (window as unknown as { __speech: SpeechLog }).__speech);
}

async function install(page: Page, modelIds: readonly string[]): Promise<void> {
  await openModelsWithRelay(page, appUrl);
  for (const id of modelIds) {
    await card(page, id).getByTestId('model-install').click();
    await waitForStatus(page, id, 'installed');
  }
}

async function openNewChat(page: Page, micState = 'idle'): Promise<void> {
  await page.goto(`${appUrl}#/chat`);
  await page.waitForSelector('html[data-ready="true"]');
  await page.getByTestId('chat-input').waitFor();
  await expect.poll(() => mic(page).getAttribute('data-state'), { timeout: 10_000 }).toBe(micState);
  await dismissOfflineNotice(page);
}

function mic(page: Page): Locator {
  return page.getByTestId('dictation-button');
}

function input(page: Page): Locator {
  return page.getByTestId('chat-input');
}

/** Waits for the recording to run, and returns the meter's readings over `ms`. */
async function levelsWhileRecording(page: Page, ms: number): Promise<number[]> {
  await expect
    .poll(() => mic(page).getAttribute('data-state'), { timeout: 10_000 })
    .toBe('recording');
  const levels: number[] = [];
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const level = await page.getByTestId('dictation-level').getAttribute('data-level');
    levels.push(Number(level));
    await page.waitForTimeout(150);
  }
  return levels;
}

async function dictatedText(page: Page, before = ''): Promise<string> {
  await expect.poll(() => input(page).inputValue(), { timeout: 60_000 }).not.toBe(before);
  await expect.poll(() => mic(page).getAttribute('data-state'), { timeout: 10_000 }).toBe('idle');
  return input(page).inputValue();
}

async function closeClean(session: AppSession): Promise<void> {
  expectCleanSession(session);
  await session.close();
}

describe('chat: dictation', () => {
  it('click, push-to-talk and the shortcut put the reference text in the composer', async () => {
    const reference = dictationReferenceText();
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await install(page, [WHISPER, LM]);
    await openNewChat(page);
    expect(await mic(page).getAttribute('aria-keyshortcuts')).toBe('Control+Shift+M');
    expect(await mic(page).getAttribute('title')).toContain('Ctrl+Shift+M');
    expect(await seriousViolations(page), 'axe on the chat composer').toEqual([]);

    // Click to start, click to stop; the level meter moves while it records.
    await mic(page).click();
    const levels = await levelsWhileRecording(page, 3000);
    expect(new Set(levels.filter((l) => l > 0)).size).toBeGreaterThan(3);
    expect(await page.getByTestId('dictation-elapsed').textContent()).toMatch(/^0:0[2-9]$/);
    expect(await seriousViolations(page), 'axe while recording').toEqual([]);
    await mic(page).click();
    expect(await dictatedText(page)).toBe(reference);

    // Push-to-talk: hold the button, release to transcribe; the text goes in at the cursor.
    await input(page).fill('Start  end');
    await input(page).evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(6, 6));
    const box = await mic(page).boundingBox();
    if (!box) throw new Error('the mic button has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await levelsWhileRecording(page, 2500);
    await page.mouse.up();
    expect(await dictatedText(page, 'Start  end')).toBe(`Start ${reference} end`);

    // The shortcut held is push-to-talk too.
    await input(page).fill('');
    await input(page).focus();
    await page.keyboard.down('Control');
    await page.keyboard.down('Shift');
    await page.keyboard.down('M');
    await levelsWhileRecording(page, 2500);
    await page.keyboard.up('M');
    await page.keyboard.up('Shift');
    await page.keyboard.up('Control');
    expect(await dictatedText(page)).toBe(reference);

    // Pressed briefly it toggles; Esc discards the recording.
    await input(page).fill('kept');
    await page.keyboard.press('Control+Shift+M');
    await levelsWhileRecording(page, 1000);
    await page.keyboard.press('Escape');
    await expect.poll(() => mic(page).getAttribute('data-state')).toBe('idle');
    await page.waitForTimeout(1500);
    expect(await input(page).inputValue()).toBe('kept');
    await closeClean(session);
  }, 240_000);

  it('says when no speech-to-text model is installed and links to Models', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await install(page, [CAPTIONER]);
    await openNewChat(page, 'no-model');
    expect(await mic(page).getAttribute('aria-label')).toMatch(/speech-to-text model/);
    await mic(page).click();
    const hint = page.getByTestId('dictation-no-model');
    await hint.waitFor();
    expect(await hint.getByRole('link').getAttribute('href')).toBe('#/models');
    await closeClean(session);
  });
});

describe('chat: images and read aloud', () => {
  it('a picked and a pasted image reach the captioner; the caption answers and is read aloud', async () => {
    const caption = sceneCaption();
    const session = await newSession(browser(), appUrl);
    await session.context.addInitScript(SPEECH_SPY);
    const page = await gotoApp(session, appUrl);
    await install(page, [CAPTIONER]);
    await openNewChat(page, 'no-model');

    // Too large: refused with a reason, nothing attached.
    await page.getByTestId('composer-image-input').setInputFiles({
      name: 'huge.png',
      mimeType: 'image/png',
      buffer: Buffer.alloc(21 * 1024 * 1024, 1),
    });
    expect(await page.getByTestId('composer-attachment-error').textContent()).toMatch(
      /huge\.png.*at most 20/,
    );
    expect(await page.getByTestId('composer-attachment').count()).toBe(0);

    // The picker: thumbnail, remove, pick again, send.
    await page.getByTestId('composer-image-input').setInputFiles(SCENE_PNG);
    await page.getByTestId('composer-attachment-remove').click();
    expect(await page.getByTestId('composer-attachment').count()).toBe(0);
    await page.getByTestId('composer-image-input').setInputFiles(SCENE_PNG);
    expect(await page.getByTestId('composer-attachment').getAttribute('data-name')).toBe(
      'scene.png',
    );
    expect(await seriousViolations(page), 'axe with an image attached').toEqual([]);
    await page.getByTestId('chat-send').click();
    const shown = page.getByTestId('message-image-caption').first();
    await shown.waitFor({ timeout: 60_000 });
    expect((await shown.textContent())?.trim()).toBe(caption);
    const answer = page.locator('[data-testid="chat-message"][data-role="assistant"]').first();
    await answer.waitFor();
    expect((await answer.getByTestId('message-content').textContent())?.trim()).toBe(caption);

    // A synthetic paste of the same image.
    const bytes = readFileSync(SCENE_PNG).toString('base64');
    await input(page).evaluate((el, b64) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], 'pasted.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true }));
    }, bytes);
    expect(await page.getByTestId('composer-attachment').getAttribute('data-name')).toBe(
      'pasted.png',
    );
    await input(page).fill('What is this?');
    await page.getByTestId('chat-send').click();
    // The list is virtualized: only the turns in view are in the DOM, so look at the newest.
    const pasted = page.locator('[data-testid="message-image"][data-name="pasted.png"]');
    await pasted.getByTestId('message-image-caption').waitFor({ timeout: 60_000 });
    expect((await pasted.getByTestId('message-image-caption').textContent())?.trim()).toBe(caption);
    const lastAnswer = page.locator('[data-testid="chat-message"][data-role="assistant"]').last();
    await expect
      .poll(() => lastAnswer.getByTestId('message-content').textContent(), { timeout: 60_000 })
      .toContain(caption);

    // Read aloud: an utterance in the conversation's language; Stop cancels it.
    const readButton = lastAnswer.getByTestId('message-read-aloud');
    await readButton.click();
    expect((await speechLog(page)).spoken).toEqual([{ text: `${caption}.`, lang: 'en-US' }]);
    await expect.poll(() => readButton.getAttribute('data-speaking')).toBe('true');
    expect((await readButton.textContent())?.trim()).toBe('Stop');
    await readButton.click();
    await expect.poll(() => readButton.getAttribute('data-speaking')).toBe('false');
    expect((await readButton.textContent())?.trim()).toBe('Read aloud');
    expect((await speechLog(page)).cancels).toBe(1);
    // Leaving the conversation stops it too.
    await readButton.click();
    await expect.poll(() => readButton.getAttribute('data-speaking')).toBe('true');
    await page.goto(`${appUrl}#/models`);
    await expect.poll(async () => (await speechLog(page)).cancels).toBe(2);
    expect((await speechLog(page)).spoken).toHaveLength(2);
    await closeClean(session);
  });

  it('with a chat model, the image description is part of the prompt it answers', async () => {
    const caption = sceneCaption();
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await install(page, [LM, CAPTIONER]);
    const params = { temperature: 0, topP: 0.9, maxNewTokens: 8 };
    await seedDatabase(page, {
      settings: [
        { key: 'customPersonas', value: [SHORT_PERSONA] },
        { key: 'chatDefaults', value: { personaId: SHORT_PERSONA.id, params } },
      ],
    });
    await page.reload();
    await openNewChat(page, 'no-model');
    await page.getByTestId('composer-image-input').setInputFiles(SCENE_PNG);
    await input(page).fill('What?');
    await page.getByTestId('chat-send').click();
    const answer = await finishedAnswer(page, 1);
    const expected = await referenceIds(
      [
        { role: 'system', content: SHORT_PERSONA.systemPrompt },
        { role: 'user', content: `[Image: scene.png]\nDescription: ${caption}\n\nWhat?` },
      ],
      params.maxNewTokens,
    );
    expect(await tokenIdsOf(answer)).toEqual(expected);
    expect((await page.getByTestId('message-image-caption').textContent())?.trim()).toBe(caption);
    await closeClean(session);
  });
});
