/**
 * The Library processes media in a real browser with the fixture models installed through the
 * Models view (developer flag): a scanned PDF's page 2 is OCR'd by real tesseract and cited at
 * page 2; an image is found by its planted text and by its caption; a video made in the page
 * (canvas + WebAudio → MediaRecorder) and a WAV recording become time-coded documents; a cancel
 * mid-transcription leaves nothing; with no model an image waits with a message naming what to
 * install, and "Process now" works once a model is there.
 */
import { readdirSync, statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import expectedOcr from '../fixtures/ocr/expected.json';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { ask, documentRow, openLibrary, settledStatus, storeRows } from './library-helpers';
import { card, openModelsWithRelay, waitForStatus } from './models-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser();

const OCR_DIR = 'tests/fixtures/ocr';
const AUDIO_DIR = 'tests/fixtures/audio';
const MODELS = ['omnia-fixture-captioner', 'omnia-fixture-ocr-eng', 'omnia-fixture-whisper'];
const TIME = /^\d\d:\d\d:\d\d–\d\d:\d\d:\d\d$/;

/** The WAV fixtures, shortest first. */
function wavFixtures(): string[] {
  return readdirSync(AUDIO_DIR)
    .filter((n) => n.endsWith('.wav'))
    .map((n) => `${AUDIO_DIR}/${n}`)
    .sort((a, b) => statSync(a).size - statSync(b).size);
}

async function installModels(page: Page): Promise<void> {
  await openModelsWithRelay(page, appUrl);
  for (const id of MODELS) await card(page, id).getByTestId('model-install').click();
  for (const id of MODELS) await waitForStatus(page, id, 'installed', 120_000);
}

async function addFiles(page: Page, paths: readonly string[]): Promise<void> {
  await page.getByTestId('library-file-input').setInputFiles([...paths]);
}

interface ChunkRow {
  documentId: string;
  text: string;
  page?: number;
  section?: string;
  time?: [number, number];
}

async function chunksOf(page: Page, name: string): Promise<ChunkRow[]> {
  const id = await documentRow(page, name).getAttribute('data-doc-id');
  const rows = await storeRows<ChunkRow>(page, 'chunks', [
    'documentId',
    'text',
    'page',
    'section',
    'time',
  ]);
  return rows.filter((r) => r.documentId === id);
}

/** Records a short WebM in the page: a moving canvas and a tone, as a File added to the Library. */
async function addGeneratedVideo(page: Page, name: string, seconds: number): Promise<void> {
  await page.evaluate(
    async ({ name, seconds }) => {
      const canvas = document.createElement('canvas');
      canvas.width = 160;
      canvas.height = 120;
      const g = canvas.getContext('2d')!;
      const audio = new AudioContext();
      const tone = audio.createOscillator();
      const sink = audio.createMediaStreamDestination();
      tone.connect(sink);
      tone.start();
      const stream = new MediaStream([
        ...canvas.captureStream(15).getVideoTracks(),
        ...sink.stream.getAudioTracks(),
      ]);
      const recorder = new MediaRecorder(stream, { mimeType: 'video/webm' });
      const parts: Blob[] = [];
      recorder.ondataavailable = (e) => parts.push(e.data);
      const stopped = new Promise((resolve) => (recorder.onstop = resolve));
      recorder.start(250);
      const started = performance.now();
      await new Promise<void>((resolve) => {
        const draw = (): void => {
          const t = (performance.now() - started) / 1000;
          g.fillStyle = t < seconds / 2 ? '#204080' : '#c04020';
          g.fillRect(0, 0, 160, 120);
          g.fillStyle = '#fff';
          g.fillRect(10 + t * 30, 40, 30, 30);
          if (t < seconds) requestAnimationFrame(draw);
          else resolve();
        };
        draw();
      });
      recorder.stop();
      await stopped;
      tone.stop();
      await audio.close();
      const file = new File(parts, name, { type: 'video/webm' });
      const input = document.querySelector<HTMLInputElement>('[data-testid="library-file-input"]')!;
      const transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    { name, seconds },
  );
}

describe('library: images, recordings, videos and scanned pages', () => {
  it(
    'waits without a model, then OCRs, captions, transcribes and cites',
    { timeout: 420_000 },
    async () => {
      const session = await newSession(browser(), appUrl);
      const page = await gotoApp(session, appUrl);

      // No model yet: the image waits, saying what to install.
      await openLibrary(page, appUrl);
      await addFiles(page, [`${OCR_DIR}/text.png`]);
      expect(await settledStatus(page, 'text.png')).toBe('waiting');
      const waitingRow = documentRow(page, 'text.png');
      await expect
        .poll(() => waitingRow.getByTestId('library-doc-warning').allTextContents(), {
          timeout: 5000,
        })
        .toContainEqual(expect.stringMatching(/Install an image-to-text or OCR model in Models/));

      await installModels(page);
      await openLibrary(page, appUrl);
      await documentRow(page, 'text.png').getByTestId('library-doc-process').click();
      await expect
        .poll(() => documentRow(page, 'text.png').getAttribute('data-status'), { timeout: 120_000 })
        .toBe('ready');

      // The image: found by its planted text, and by its caption.
      let answer = await ask(page, expectedOcr['text.png'][0]!);
      const imageId = await documentRow(page, 'text.png').getAttribute('data-doc-id');
      expect(
        await answer.getByTestId('library-passage').first().getAttribute('data-document-id'),
      ).toBe(imageId);
      const caption = (await chunksOf(page, 'text.png')).find((c) => c.section === 'Description');
      expect(caption?.text.length).toBeGreaterThan(0);
      answer = await ask(page, caption!.text);
      const found = await answer
        .getByTestId('library-passage')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-document-id')));
      expect(found).toContain(imageId);

      // The scanned PDF: page 2 has no text layer; real tesseract reads it, cited at page 2.
      await addFiles(page, [`${OCR_DIR}/scanned.pdf`]);
      expect(await settledStatus(page, 'scanned.pdf', 180_000)).toBe('ready');
      answer = await ask(page, expectedOcr['scanned.pdf'].page2[1]!);
      const top = answer.getByTestId('library-passage').first();
      expect(await top.getAttribute('data-page')).toBe('2');

      // A recording: a transcript whose passages carry times.
      const [shortWav, longWav] = wavFixtures();
      const wavName = shortWav!.split('/').pop()!;
      await addFiles(page, [shortWav!]);
      expect(await settledStatus(page, wavName, 180_000)).toBe('ready');
      const said = await chunksOf(page, wavName);
      expect(said.length).toBeGreaterThan(0);
      expect(said.every((c) => Array.isArray(c.time))).toBe(true);
      answer = await ask(page, said[0]!.text);
      expect(await answer.getByTestId('library-passage').first().getAttribute('data-time')).toMatch(
        TIME,
      );

      // A video made here: what is said and what is seen, time-coded, at 2 frames per second.
      await page.getByTestId('library-video-fps').selectOption('2');
      await addGeneratedVideo(page, 'generated.webm', 3);
      expect(await settledStatus(page, 'generated.webm', 180_000)).toBe('ready');
      const seen = await chunksOf(page, 'generated.webm');
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((c) => Array.isArray(c.time))).toBe(true);
      expect(seen.map((c) => c.text).join(' ')).toMatch(/Seen:/);

      // Cancel mid-transcription (the longest recording): no document, no chunks.
      expect(longWav, `${AUDIO_DIR} needs a second, longer WAV`).toBeDefined();
      const longName = longWav!.split('/').pop()!;
      const before = (await storeRows<{ id: string }>(page, 'chunks', ['id'])).length;
      await addFiles(page, [longWav!]);
      const job = page.locator('[data-testid="library-job"][data-stage="transcribing"]');
      await job.first().waitFor({ timeout: 120_000 });
      await job.first().getByTestId('library-job-cancel').click();
      await expect
        .poll(
          async () =>
            (await storeRows<{ name: string }>(page, 'documents', ['name'])).filter(
              (d) => d.name === longName,
            ).length,
          { timeout: 30_000 },
        )
        .toBe(0);
      expect((await storeRows<{ id: string }>(page, 'chunks', ['id'])).length).toBe(before);
      expectCleanSession(session);
    },
  );
});
