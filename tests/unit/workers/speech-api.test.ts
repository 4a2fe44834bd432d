// The speech worker's API over a real MessageChannel (structured clone, progress proxy, abort
// port) with the real fixture Whisper run by transformers.js from its committed files, on the
// committed WAV fixtures: a long recording is split into windows, each window's ids match the
// numpy reference, progress comes per window, a cancel mid-way stops it and the next call
// works, and asking for another model swaps the loaded one.
import { readFileSync } from 'node:fs';
import type { Remote } from 'comlink';
import { afterAll, describe, expect, it } from 'vitest';
import type { TranscriptionProgress } from '../../../src/core/voice/types';
import { getModel } from '../../../src/models/catalog';
import { loadTransformersTranscriber } from '../../../src/models/engines/transformers/transformers-transcriber';
import type { Transcriber } from '../../../src/models/engines/types';
import { TaskAbortedError } from '../../../src/workers/errors';
import { abortPortFor, callControl, type TaskProgress } from '../../../src/workers/rpc';
import {
  createSpeechApi,
  type SpeechApi,
  type SpeechProgress,
} from '../../../src/workers/speech-api';
import { diskSource, MODELS_DIR } from '../models/engines/fixture-files';
import { closeAll, connect } from './channel';
import { readWav } from './wav';
import { EngineLog, rejectionOf } from './worker-calls';

const WHISPER = 'omnia-fixture-whisper';
/** The same fixture under a second id, to see the API swap models. */
const WHISPER_TWIN = 'omnia-fixture-whisper-twin';
const AUDIO = new URL('../../fixtures/audio/', import.meta.url);

interface WindowReference {
  ids: number[];
}
interface WhisperReference {
  clips: Record<string, { q8: { language: { language: string } } } | undefined>;
  speech_long: { windows: { start_seconds: number; q8: WindowReference }[] };
}
const reference = (
  JSON.parse(readFileSync(`${MODELS_DIR}reference.json`, 'utf8')) as { whisper: WhisperReference }
).whisper;
/** Each window's greedy ids (timestamps on, language 'en'), for the catalog's default q8. */
const longWindowIds = reference.speech_long.windows.map((w) => w.q8.ids);

const engines = new EngineLog();
const { loads, disposed } = engines;

async function loadTranscriber(modelId: string, signal: AbortSignal): Promise<Transcriber> {
  loads.push(modelId);
  const engine = await loadTransformersTranscriber({
    entry: { ...getModel(WHISPER), id: modelId },
    files: diskSource(WHISPER),
    device: 'cpu',
    signal,
  });
  return engines.track(modelId, engine);
}

const api: Remote<SpeechApi> = connect(createSpeechApi({ loadTranscriber }));
const longAudio = (): Float32Array => readWav(new URL('speech-long.wav', AUDIO));

afterAll(async () => {
  await api.unload();
  closeAll();
});

describe('speech worker API', () => {
  it('transcribes a long recording window by window, with the reference ids and progress per window', async () => {
    const progress: SpeechProgress[] = [];
    const audio = longAudio();
    const result = await api.transcribe(
      { modelId: WHISPER, audio, language: 'en' },
      callControl((p: TaskProgress) => progress.push(p as SpeechProgress)),
    );
    const windows = reference.speech_long.windows;
    expect(getModel(WHISPER).dtype).toBe('q8');
    expect(result.windows).toBe(windows.length);
    expect(windows.length).toBeGreaterThanOrEqual(3);
    expect(result.windowTokenIds).toEqual(longWindowIds);
    expect(result.language).toBe('en');
    expect(result.durationSeconds).toBeCloseTo(audio.length / 16_000, 3);
    expect(result.engine).toEqual({ modelId: WHISPER, device: 'cpu', fallback: null });
    expect(result.elapsedMs).toBeGreaterThan(0);
    const starts = result.segments.map((s) => s.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));

    const perWindow: TranscriptionProgress[] = progress.map((p) => ({
      windowsDone: p.windowsDone,
      windows: p.windows,
      secondsDone: p.secondsDone,
    }));
    expect(perWindow.map((p) => p.windowsDone)).toEqual(windows.map((_, i) => i + 1));
    expect(perWindow.every((p) => p.windows === windows.length)).toBe(true);
    const seconds = perWindow.map((p) => p.secondsDone);
    expect(seconds).toEqual([...seconds].sort((a, b) => a - b));
    expect(seconds.at(-1)).toBeCloseTo(result.durationSeconds, 1);
    expect(progress.at(-1)).toMatchObject({ progress: 1, loaded: windows.length });
  }, 120_000);

  it('detects the language when none is given', async () => {
    const dictation = readWav(new URL('dictation.wav', AUDIO));
    const guess = await api.detectLanguage(WHISPER, dictation);
    expect(guess.language).toBe(reference.clips['dictation.wav']?.q8.language.language);
    expect(guess.probability).toBeGreaterThan(0);
    const result = await api.transcribe({ modelId: WHISPER, audio: dictation, timestamps: false });
    expect(result.language).toBe(guess.language);
    expect(result.windows).toBe(1);
    expect(result.segments).toEqual([]);
  }, 60_000);

  it('stops mid-transcription when cancelled, and the next call works', async () => {
    const controller = new AbortController();
    const progress: TaskProgress[] = [];
    const error = await rejectionOf(
      api.transcribe(
        { modelId: WHISPER, audio: longAudio(), language: 'en' },
        callControl((p) => {
          progress.push(p);
          controller.abort(); // after the first window
        }, abortPortFor(controller.signal)),
      ),
    );
    expect(error).toBeInstanceOf(TaskAbortedError);
    expect(error.kind).toBe('aborted');
    expect(progress.length).toBeLessThan(longWindowIds.length);

    const again = await api.transcribe({ modelId: WHISPER, audio: longAudio(), language: 'en' });
    expect(again.windowTokenIds).toEqual(longWindowIds);
  }, 180_000);

  it('keeps the loaded model, and swaps it when another model is asked for', async () => {
    const dictation = (): Float32Array => readWav(new URL('dictation.wav', AUDIO));
    const before = loads.length;
    await api.detectLanguage(WHISPER, dictation());
    expect(loads).toHaveLength(before);
    await api.detectLanguage(WHISPER_TWIN, dictation());
    expect(loads.slice(before)).toEqual([WHISPER_TWIN]);
    expect(disposed).toEqual([WHISPER]);
    const back = await api.transcribe({ modelId: WHISPER, audio: dictation(), language: 'en' });
    expect(back.engine.modelId).toBe(WHISPER);
    expect(loads.slice(before)).toEqual([WHISPER_TWIN, WHISPER]);
    expect(disposed).toEqual([WHISPER, WHISPER_TWIN]);
  }, 60_000);

  it('refuses empty audio with a message a person can act on', async () => {
    const error = await rejectionOf(
      api.transcribe({ modelId: WHISPER, audio: new Float32Array(0) }),
    );
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toContain('The recording is empty');
  });
});
