/**
 * The Transcribe view in real Chromium with the fixture Whisper installed through the Models
 * view: the long fixture is decoded by WebAudio, split into windows in the speech worker and
 * stitched; the ids of every window and the stitched text equal the independent reference; the
 * exports are valid subtitle files whose cues lie within the audio; a cancel keeps nothing; a
 * saved transcript becomes a Library document whose passages carry time ranges.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { formatTranscript, validateSrt, validateVtt } from '../../src/core/voice/transcript-format';
import type { Transcript } from '../../src/core/voice/types';
import { seriousViolations } from './axe';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { ask, documentRow, openLibrary, settledStatus, storeRows } from './library-helpers';
import { card, openModelsWithRelay, waitForStatus } from './models-helpers';
import { longAudioReference } from './transcribe-reference';

const appUrl = inject('appUrl');
// The WASM path (no WebGPU adapter): the path the reference's q8 ids are for, and the fast one here.
const browser = useBrowser({ webgpu: false });
const WHISPER = 'omnia-fixture-whisper';
const LONG_WAV = 'tests/fixtures/audio/speech-long.wav';
const LONG_NAME = 'speech-long.wav';

async function openTranscribe(page: Page): Promise<void> {
  await page.goto(`${appUrl}#/transcribe`);
  await page.waitForSelector('html[data-ready="true"]');
  await page.getByTestId('transcribe-view').waitFor();
}

/** Records every progress state the view shows (windows done/all, seconds reached), in order. */
async function recordProgress(page: Page, cancelAfterWindows?: number): Promise<void> {
  await page.evaluate((cancelAt) => {
    const seen: string[] = [];
    (window as unknown as { __progress: string[] }).__progress = seen;
    const observer = new MutationObserver(() => {
      const el = document.querySelector<HTMLElement>('[data-testid="transcribe-progress"]');
      if (!el) return;
      const state = `${el.dataset['windowsDone']}/${el.dataset['windows']}@${el.dataset['secondsDone']}`;
      if (seen.at(-1) !== state) seen.push(state);
      if (cancelAt !== null && Number(el.dataset['windowsDone']) >= cancelAt) {
        document.querySelector<HTMLButtonElement>('[data-testid="transcribe-cancel"]')?.click();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  }, cancelAfterWindows ?? null);
}

function progressSeen(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
}

/** The transcript as the view shows it (segments from their data attributes). */
async function shownTranscript(page: Page): Promise<Transcript> {
  const view = page.getByTestId('transcript');
  const segments = await view.getByTestId('transcript-segment').evaluateAll((items) =>
    items.map((li) => ({
      start: Number((li as HTMLElement).dataset['start']),
      end: Number((li as HTMLElement).dataset['end']),
      text: li.querySelector('.segment-text')?.textContent ?? '',
    })),
  );
  const duration = Number(
    await page.getByTestId('transcribe-picked').getAttribute('data-duration'),
  );
  return {
    language: (await view.getAttribute('data-language')) ?? '',
    durationSeconds: duration,
    segments,
    text: (await view.getByTestId('transcript-text').textContent()) ?? '',
    windows: Number(await view.getAttribute('data-windows')),
  };
}

async function download(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

/** Every cue's start and end, in seconds, from SRT or VTT text. */
function cueTimes(text: string): [number, number][] {
  const time = String.raw`(\d{2,}):(\d{2}):(\d{2})[,.](\d{3})`;
  const re = new RegExp(`${time} --> ${time}`, 'g');
  const seconds = (h: string, m: string, s: string, ms: string): number =>
    Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;
  return [...text.matchAll(re)].map((m) => [
    seconds(m[1]!, m[2]!, m[3]!, m[4]!),
    seconds(m[5]!, m[6]!, m[7]!, m[8]!),
  ]);
}

describe('transcribe view', () => {
  it('without a model, points to Models; a file with no audio gets a clear message', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl, 'transcribe');
    const guide = page.getByTestId('transcribe-no-model');
    await guide.waitFor();
    expect(await guide.getByRole('link').getAttribute('href')).toBe('#/models');
    await page.getByTestId('transcribe-file-input').setInputFiles({
      name: 'notes.wav',
      mimeType: 'audio/wav',
      buffer: Buffer.from('these bytes are not audio at all'),
    });
    await expect
      .poll(
        () =>
          page
            .getByTestId('transcribe-error')
            .textContent()
            .catch(() => ''),
        {
          timeout: 10_000,
        },
      )
      .toBe('This file has no audio the browser can decode. Try WAV, MP3 or OGG.');
    expectCleanSession(session);
    await session.close();
  });

  it('transcribes long audio in windows, exports TXT/SRT/VTT, cancels cleanly, saves to the Library', async () => {
    const reference = longAudioReference();
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await openModelsWithRelay(page, appUrl);
    await card(page, WHISPER).getByTestId('model-install').click();
    await waitForStatus(page, WHISPER, 'installed');

    await openTranscribe(page);
    await page.getByTestId('transcribe-file-input').setInputFiles(LONG_WAV);
    const picked = page.getByTestId('transcribe-picked');
    await picked.waitFor({ timeout: 20_000 });
    const duration = Number(await picked.getAttribute('data-duration'));
    expect(duration).toBeCloseTo(reference.durationSeconds, 2);
    expect(await page.getByTestId('transcribe-model').inputValue()).toBe(WHISPER);

    // Cancel as soon as the first window is done: nothing is shown, nothing reaches the Library.
    await recordProgress(page, 1);
    await page.getByTestId('transcribe-start').click();
    await page.getByTestId('transcribe-cancelled').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('transcript').count()).toBe(0);
    expect(await page.getByTestId('transcribe-error').count()).toBe(0);
    expect(await storeRows(page, 'documents', ['id'])).toEqual([]);
    expect(await storeRows(page, 'chunks', ['id'])).toEqual([]);

    // The whole run: language detected, progress window by window.
    await recordProgress(page);
    await page.getByTestId('transcribe-start').click();
    const view = page.getByTestId('transcript');
    await view.waitFor({ timeout: 120_000 });
    const windows = reference.windows.length;
    expect(windows).toBeGreaterThanOrEqual(3);
    const seen = await progressSeen(page);
    const done = seen.map((s) => Number(s.split('/')[0]));
    for (let n = 1; n <= windows; n++) expect(done, `progress ${seen.join(' ')}`).toContain(n);
    expect(seen.every((s) => s.includes(`/${windows}@`))).toBe(true);
    for (const s of seen) expect(Number(s.split('@')[1])).toBeLessThanOrEqual(duration + 0.01);

    expect(await view.getAttribute('data-detected')).toBe('true');
    expect(await view.getAttribute('data-language')).toBe(reference.detectedLanguage);
    expect(await page.getByTestId('transcript-language').textContent()).toContain(
      `(${reference.detectedLanguage})`,
    );
    expect(Number(await view.getAttribute('data-windows'))).toBe(windows);
    const ids = ((await view.getAttribute('data-window-token-ids')) ?? '')
      .split(';')
      .map((w) => w.split(',').map(Number));
    expect(ids).toEqual(reference.windows.map((w) => w.ids));
    const transcript = await shownTranscript(page);
    expect(transcript.text).toBe(reference.text);
    expect(await seriousViolations(page), 'the transcript panel').toEqual([]);

    // Exports: TXT is the transcript; SRT and VTT are valid with cues inside the audio.
    const txt = await download(page, 'transcript-export-txt');
    expect(txt.name).toMatch(/\.txt$/);
    expect(txt.text).toBe(formatTranscript(transcript, 'txt'));
    for (const format of ['srt', 'vtt'] as const) {
      const file = await download(page, `transcript-export-${format}`);
      expect(file.name).toMatch(new RegExp(`\\.${format}$`));
      expect(format === 'srt' ? validateSrt(file.text) : validateVtt(file.text)).toEqual([]);
      const cues = cueTimes(file.text);
      expect(cues.length).toBe(Math.max(1, transcript.segments.length));
      for (const [start, end] of cues) {
        expect(start).toBeGreaterThanOrEqual(0);
        expect(end).toBeGreaterThan(start);
        expect(end).toBeLessThanOrEqual(duration + 0.001);
      }
    }

    // A segment's time plays the recording from there.
    const second = view.getByTestId('transcript-segment').nth(1);
    const start = Number(await second.getAttribute('data-start'));
    await second.getByRole('button').click();
    await expect
      .poll(
        () =>
          view
            .getByTestId('transcript-player')
            .evaluate((a) => (a as HTMLAudioElement).currentTime),
        {
          timeout: 5_000,
        },
      )
      .toBeGreaterThanOrEqual(start - 0.05);

    // Save to the Library: a ready document, found by a search, cited with a time range.
    await page.getByTestId('transcript-save').click();
    await page.getByTestId('transcript-saved').waitFor({ timeout: 60_000 });
    // Its link opens the Library on that document's row.
    await page.getByTestId('transcript-saved').getByRole('link').click();
    await expect
      .poll(
        () => documentRow(page, LONG_NAME).evaluate((row) => row.classList.contains('doc-linked')),
        {
          timeout: 10_000,
        },
      )
      .toBe(true);
    await openLibrary(page, appUrl);
    expect(await settledStatus(page, LONG_NAME)).toBe('ready');
    expect(await documentRow(page, LONG_NAME).count()).toBe(1);
    const chunks = await storeRows<{ time?: [number, number] }>(page, 'chunks', ['time']);
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) {
      expect(chunk.time?.[0]).toBeGreaterThanOrEqual(0);
      expect(chunk.time?.[1]).toBeLessThanOrEqual(duration + 0.001);
    }
    const words = transcript.segments[0]!.text.trim().split(/\s+/).slice(0, 3).join(' ');
    const answer = await ask(page, words);
    const passage = answer.getByTestId('library-passage').first();
    await passage.waitFor();
    expect(await passage.textContent()).toMatch(/\d{2}:\d{2}:\d{2}–\d{2}:\d{2}:\d{2}/);
    expectCleanSession(session);
    await session.close();
  });
});
