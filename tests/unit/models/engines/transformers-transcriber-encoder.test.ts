// The Transcriber runs Whisper's encoder once per window: language detection followed by the
// transcription of the same samples (what core/voice does for the first window) shares one
// encoder pass, the costliest step of a window, and still gives the
// numpy reference; other samples, even of the same length, are encoded afresh.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WhisperForConditionalGeneration } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getModel } from '../../../../src/models/catalog';
import { loadTransformersTranscriber } from '../../../../src/models/engines/transformers/transformers-transcriber';
import type { Transcriber } from '../../../../src/models/engines/types';
import { diskSource, MODELS_DIR } from './fixture-files';

const AUDIO_DIR = fileURLToPath(new URL('../../../fixtures/audio/', import.meta.url));

interface ClipQ8 {
  language: { language: string; probability: number };
  timestamps: { ids: number[] };
}
const clips = (
  JSON.parse(readFileSync(`${MODELS_DIR}reference.json`, 'utf8')) as {
    whisper: { clips: Record<string, { q8: ClipQ8 }> };
  }
).whisper.clips;

/** 16-bit PCM mono 16 kHz WAV (the fixtures' format) → samples / 32768. */
function readWav(name: string): Float32Array {
  const bytes = readFileSync(`${AUDIO_DIR}${name}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(40, true) / 2;
  return Float32Array.from({ length: count }, (_, i) => view.getInt16(44 + 2 * i, true) / 32768);
}

/** The library marks its session runner internal; the adapter reaches it the same way. */
const whisperMethods = WhisperForConditionalGeneration.prototype as unknown as {
  _encode_input(session: string, inputs: unknown, output: string): Promise<unknown>;
};

vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

describe('the fixture Whisper encodes each window once', () => {
  let transcriber: Transcriber;
  // Calls through: only counts how often the library runs the encoder session.
  const encoderRuns = vi.spyOn(whisperMethods, '_encode_input');

  beforeAll(async () => {
    const entry = getModel('omnia-fixture-whisper');
    transcriber = await loadTransformersTranscriber({
      entry,
      files: diskSource(entry.id),
      device: 'cpu',
    });
  });
  afterAll(async () => {
    await transcriber.dispose();
    encoderRuns.mockRestore();
  });

  it('detect, then transcribe the same samples: one encoder pass, reference results', async () => {
    const clip = clips['dictation.wav']?.q8;
    const audio = readWav('dictation.wav');
    encoderRuns.mockClear();
    const guess = await transcriber.detectLanguage(audio);
    expect(guess.language).toBe(clip?.language.language);
    expect(guess.probability).toBeCloseTo(clip?.language.probability ?? NaN, 4);
    // A copy of the same samples, as core/voice passes a fresh view of the first window.
    const result = await transcriber.transcribe(audio.slice());
    expect(result.language).toBe(clip?.language.language);
    expect(result.tokenIds).toEqual(clip?.timestamps.ids);
    expect(encoderRuns).toHaveBeenCalledTimes(1);
    expect(encoderRuns.mock.calls[0]?.[0]).toBe('model');
  });

  it('other samples, even of the same length, are encoded afresh', async () => {
    const audio = readWav('dictation.wav');
    await transcriber.transcribe(audio, { language: 'en' });
    encoderRuns.mockClear();
    const changed = audio.slice();
    changed[changed.length >> 1] = (changed[changed.length >> 1] ?? 0) + 0.5;
    await transcriber.transcribe(changed, { language: 'en' });
    expect(encoderRuns).toHaveBeenCalledTimes(1);

    const high = clips['voice-high.wav']?.q8;
    const result = await transcriber.transcribe(readWav('voice-high.wav'), { language: 'en' });
    expect(result.tokenIds).toEqual(high?.timestamps.ids);
    expect(encoderRuns).toHaveBeenCalledTimes(2);
  });
});
