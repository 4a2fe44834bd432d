// The speech and vision clients end to end: ManagedWorker → comlink → a real thread running
// the real API with real engines (fixture Whisper; tesseract with npm's English data). What
// only the clients do is checked here: the audio buffer is transferred (the caller's is
// emptied), progress arrives as TranscriptionProgress, a cancel rejects at once and the
// worker keeps serving, raw pixels are copied (the caller keeps them).
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { TranscriptionProgress } from '../../../src/core/voice/types';
import { TaskAbortedError } from '../../../src/workers/errors';
import { createSpeechClient } from '../../../src/workers/speech-client';
import { createVisionClient } from '../../../src/workers/vision-client';
import { decodePng } from '../models/engines/png-rgba';
import { ThreadPool } from './node-worker';
import { readWav } from './wav';

const AUDIO = new URL('../../fixtures/audio/', import.meta.url);
const OCR = new URL('../../fixtures/ocr/', import.meta.url);
const pool = new ThreadPool();
afterAll(() => pool.stopAll());

const words = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('createSpeechClient on a real thread', () => {
  const speech = createSpeechClient(
    pool.factory(new URL('./fixtures/speech-thread.ts', import.meta.url)),
  );

  it('transfers the audio, reports progress per window and returns the transcript', async () => {
    const audio = readWav(new URL('speech-long.wav', AUDIO));
    const seconds = audio.length / 16_000;
    const progress: TranscriptionProgress[] = [];
    const pending = speech.transcribe(
      { modelId: 'omnia-fixture-whisper', audio, language: 'en' },
      { onProgress: (p) => progress.push(p) },
    );
    const result = await pending;
    expect(audio.length).toBe(0); // moved to the worker, not copied
    expect(result.durationSeconds).toBeCloseTo(seconds, 3);
    expect(result.windowTokenIds).toHaveLength(result.windows);
    expect(progress.map((p) => p.windowsDone)).toEqual(
      Array.from({ length: result.windows }, (_, i) => i + 1),
    );
    expect(progress.at(-1)).toEqual({
      windowsDone: result.windows,
      windows: result.windows,
      secondsDone: expect.closeTo(seconds, 1) as number,
    });
  }, 120_000);

  it('rejects at once when cancelled, keeps the caller audio for language detection', async () => {
    const controller = new AbortController();
    const pending = speech.transcribe(
      { modelId: 'omnia-fixture-whisper', audio: readWav(new URL('speech-long.wav', AUDIO)) },
      { signal: controller.signal },
    );
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(TaskAbortedError);

    const dictation = readWav(new URL('dictation.wav', AUDIO));
    const guess = await speech.detectLanguage('omnia-fixture-whisper', dictation);
    expect(dictation.length).toBeGreaterThan(0);
    expect(typeof guess.language).toBe('string');
    await speech.unload();
  }, 120_000);
});

describe('createVisionClient on a real thread', () => {
  const vision = createVisionClient(
    pool.factory(new URL('./fixtures/vision-thread.ts', import.meta.url)),
  );

  it('reads text from a file and from raw pixels, which the caller keeps', async () => {
    const bytes = readFileSync(new URL('text.png', OCR));
    const fromFile = await vision.ocr({
      modelIds: ['omnia-fixture-ocr-eng'],
      image: new Blob([bytes]),
    });
    expect(words(fromFile.text)).toContain('Omnia reads this invoice 4721');
    const pixels = decodePng(bytes);
    const fromPixels = await vision.ocr({ modelIds: ['omnia-fixture-ocr-eng'], image: pixels });
    expect(fromPixels.text).toBe(fromFile.text);
    expect(pixels.data.length).toBe(pixels.width * pixels.height * 4);
    await vision.unload();
  }, 120_000);
});
