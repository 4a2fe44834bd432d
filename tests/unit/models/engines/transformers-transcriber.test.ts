// The transformers.js Transcriber on the tiny fixture Whisper, read through a ModelFileSource:
// exact numpy-reference token ids for every clip (with and without timestamps), language
// detection, each 30 s window of speech-long.wav, cancellation and the errors a person sees.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  env,
  pipeline,
  type AutomaticSpeechRecognitionPipeline,
  type Tensor,
} from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getModel } from '../../../../src/models/catalog';
import { loadTransformersTranscriber } from '../../../../src/models/engines/transformers/transformers-transcriber';
import type { TimedText, Transcriber } from '../../../../src/models/engines/types';
import { diskSource, engineErrorOf, MODELS_DIR } from './fixture-files';

const AUDIO_DIR = fileURLToPath(new URL('../../../fixtures/audio/', import.meta.url));

interface Decoded {
  ids: number[];
  text: string;
  segments?: TimedText[];
}
interface ClipRef {
  seconds: number;
  prompt_ids: { timestamps: number[]; no_timestamps: number[] };
  fp32: ClipResult;
  q8: ClipResult;
}
interface ClipResult {
  language: { language: string; probability: number };
  no_timestamps: Decoded;
  timestamps: Decoded;
}
interface WhisperRef {
  lang_to_id: Record<string, number>;
  clips: Record<string, ClipRef>;
  speech_long: {
    file: string;
    windows: ({ start_sample: number; end_sample: number } & Record<'fp32' | 'q8', Decoded>)[];
  };
}

const ref = (
  JSON.parse(readFileSync(`${MODELS_DIR}reference.json`, 'utf8')) as { whisper: WhisperRef }
).whisper;

/** 16-bit PCM mono WAV → samples / 32768, as a browser's decodeAudioData gives them. */
function readWav(name: string): Float32Array {
  const bytes = readFileSync(`${AUDIO_DIR}${name}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
  expect(view.getUint16(22, true)).toBe(1); // mono
  expect(view.getUint32(24, true)).toBe(16_000);
  expect(view.getUint16(34, true)).toBe(16);
  const count = view.getUint32(40, true) / 2;
  return Float32Array.from({ length: count }, (_, i) => view.getInt16(44 + 2 * i, true) / 32768);
}

const entry = getModel('omnia-fixture-whisper');
const clips = Object.entries(ref.clips);
const fetchSpy = vi.fn(() => Promise.reject(new Error('tests make no network request')));

// Each window decodes in about a second here; a busy 2-core machine needs room.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

describe('loadTransformersTranscriber on the fixture Whisper (q8, cpu)', () => {
  let transcriber: Transcriber;

  beforeAll(async () => {
    vi.stubGlobal('fetch', fetchSpy);
    transcriber = await loadTransformersTranscriber({
      entry,
      files: diskSource(entry.id),
      device: 'cpu',
    });
  });
  afterAll(async () => {
    await transcriber.dispose();
    vi.unstubAllGlobals();
  });

  it('describes the model: 16 kHz, 30 s windows, the languages of generation_config', () => {
    expect(transcriber.device).toBe('cpu');
    expect(transcriber.sampleRate).toBe(16_000);
    expect(transcriber.windowSeconds).toBe(30);
    expect(transcriber.languages).toEqual(Object.keys(ref.lang_to_id));
  });

  it.each(clips)('%s without timestamps gives the reference ids and text', async (name, clip) => {
    const result = await transcriber.transcribe(readWav(name), {
      language: 'en',
      timestamps: false,
    });
    expect(result.tokenIds).toEqual(clip.q8.no_timestamps.ids);
    expect(result.text).toBe(clip.q8.no_timestamps.text);
    expect(result.language).toBe('en');
    expect(result.segments).toEqual([]);
  });

  it.each(clips)('%s with timestamps gives the reference ids and segments', async (name, clip) => {
    const result = await transcriber.transcribe(readWav(name), { language: 'en' });
    expect(result.tokenIds).toEqual(clip.q8.timestamps.ids);
    expect(result.text).toBe(clip.q8.timestamps.text);
    expect(result.segments).toEqual(clip.q8.timestamps.segments);
  });

  it.each(clips)('%s: detects the reference language and probability', async (name, clip) => {
    const guess = await transcriber.detectLanguage(readWav(name));
    expect(guess.language).toBe(clip.q8.language.language);
    expect(guess.probability).toBeCloseTo(clip.q8.language.probability, 4);
  });

  it('detects the language first when none is given', async () => {
    const [name, clip] = clips.find(([n]) => n === 'dictation.wav') ?? [];
    expect(clip?.q8.language.language).toBe('en');
    const result = await transcriber.transcribe(readWav(name ?? ''), { timestamps: false });
    expect(result.language).toBe('en');
    expect(result.tokenIds).toEqual(clip?.q8.no_timestamps.ids);
  });

  it('accepts a regional tag and refuses a language the model does not know', async () => {
    const audio = readWav('dictation.wav');
    const pt = await transcriber.transcribe(audio, { language: 'pt-BR', timestamps: false });
    expect(pt.language).toBe('pt');
    const error = await engineErrorOf(transcriber.transcribe(audio, { language: 'xx' }));
    expect(error.reason).toBe('unsupported');
    expect(error.message).toBe(
      'Model "omnia-fixture-whisper" does not know the language "xx"; it knows en, de, es, fr, pt.',
    );
  });

  it('transcribes every 30 s window of speech-long.wav like the reference', async () => {
    const audio = readWav(ref.speech_long.file);
    expect(ref.speech_long.windows.length).toBeGreaterThanOrEqual(3);
    for (const window of ref.speech_long.windows) {
      const samples = audio.subarray(window.start_sample, window.end_sample);
      const result = await transcriber.transcribe(samples, { language: 'en' });
      expect(result.tokenIds).toEqual(window.q8.ids);
      expect(result.text).toBe(window.q8.text);
      expect(result.segments).toEqual(window.q8.segments);
      const seconds = samples.length / 16_000;
      let previous = 0;
      for (const segment of result.segments) {
        expect(segment.start).toBeGreaterThanOrEqual(previous);
        expect(segment.end).toBeGreaterThanOrEqual(segment.start);
        expect(segment.end).toBeLessThanOrEqual(Math.max(seconds, 30));
        previous = segment.end;
      }
    }
  }, 60_000);

  it('caps the new tokens when asked', async () => {
    const result = await transcriber.transcribe(readWav('dictation.wav'), {
      language: 'en',
      timestamps: false,
      maxNewTokens: 3,
    });
    expect(result.tokenIds).toEqual(ref.clips['dictation.wav']?.q8.no_timestamps.ids.slice(0, 3));
  });

  it('refuses a window longer than 30 s, and an empty one, with a clear message', async () => {
    const long = await engineErrorOf(transcriber.transcribe(new Float32Array(16_000 * 30 + 1)));
    expect(long.reason).toBe('unsupported');
    expect(long.message).toBe(
      'The audio window is 30.0 s; model "omnia-fixture-whisper" reads at most 30 s at once. Split longer audio into windows (core/voice does) and try again.',
    );
    const empty = await engineErrorOf(transcriber.detectLanguage(new Float32Array(0)));
    expect(empty.reason).toBe('unsupported');
  });

  it('cancels: before the call, and while it runs; the next call still works', async () => {
    const audio = readWav('dictation.wav');
    const before = new AbortController();
    before.abort();
    expect(
      (await engineErrorOf(transcriber.transcribe(audio, { signal: before.signal }))).reason,
    ).toBe('aborted');
    const during = new AbortController();
    const running = transcriber.transcribe(audio, { language: 'en', signal: during.signal });
    setTimeout(() => during.abort(), 0);
    expect((await engineErrorOf(running)).reason).toBe('aborted');
    const after = await transcriber.transcribe(audio, { language: 'en', timestamps: false });
    expect(after.tokenIds).toEqual(ref.clips['dictation.wav']?.q8.no_timestamps.ids);
  });

  it('made no network request', () => {
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe('loadTransformersTranscriber refusals', () => {
  it('refuses a model of another task, and calls after dispose', async () => {
    const embedder = getModel('omnia-fixture-embedder');
    const wrong = await engineErrorOf(
      loadTransformersTranscriber({
        entry: embedder,
        files: diskSource(embedder.id),
        device: 'cpu',
      }),
    );
    expect(wrong.reason).toBe('unsupported');
    const transcriber = await loadTransformersTranscriber({
      entry,
      files: diskSource(entry.id),
      device: 'cpu',
    });
    await transcriber.dispose();
    const gone = await engineErrorOf(transcriber.transcribe(readWav('dictation.wav')));
    expect(gone.reason).toBe('disposed');
  });
});

describe('the fixture Whisper in fp32, through bare transformers.js', () => {
  let asr: AutomaticSpeechRecognitionPipeline;
  beforeAll(async () => {
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = MODELS_DIR;
    asr = await pipeline('automatic-speech-recognition', entry.id, {
      dtype: 'fp32',
      device: 'cpu',
    });
  });
  afterAll(async () => {
    await asr.dispose();
  });

  it.each(clips)('%s: generate() gives the fp32 reference ids', async (name, clip) => {
    const { input_features } = (await asr.processor(readWav(name))) as { input_features: Tensor };
    for (const timestamps of [false, true]) {
      const prompt = timestamps ? clip.prompt_ids.timestamps : clip.prompt_ids.no_timestamps;
      const out = (await asr.model.generate({
        inputs: input_features,
        language: 'en',
        return_timestamps: timestamps,
        max_new_tokens: 32 - prompt.length,
      })) as Tensor;
      const ids = (out.tolist() as bigint[][])[0]?.map(Number);
      const expected = timestamps ? clip.fp32.timestamps.ids : clip.fp32.no_timestamps.ids;
      expect(ids).toEqual([...prompt, ...expected]);
    }
  });
});
