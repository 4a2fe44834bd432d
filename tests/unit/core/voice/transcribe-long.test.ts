// transcribeLong's windowing over a deterministic transcriber that "hears" a script: each
// sample carries its own time, so the engine knows which part of the recording it was given
// and answers with the script's sentences there (relative times, cut at the window's end).
// The thing under test is the windowing, language, progress, abort and stitching around it.
import { describe, expect, it } from 'vitest';
import { transcribeLong } from '../../../../src/core/voice/transcribe-long';
import type {
  LanguageGuess,
  TranscribeOptions,
  Transcriber,
  WindowTranscript,
} from '../../../../src/models/engines/types';
import type { TimedText, TranscriptionProgress } from '../../../../src/core/voice/types';

const RATE = 100;

/** Audio of `seconds` whose sample i holds its own time (i / RATE) scaled into [0, 1). */
const timedAudio = (seconds: number): Float32Array =>
  Float32Array.from({ length: Math.round(seconds * RATE) }, (_, i) => i / RATE / 10_000);

/** A sentence every 3 s, 2.8 s long. */
const script = (seconds: number): TimedText[] =>
  Array.from({ length: Math.floor(seconds / 3) }, (_, i) => ({
    start: i * 3,
    end: i * 3 + 2.8,
    text: ` Sentence ${i} here.`,
  }));

type Engine = Pick<Transcriber, 'transcribe' | 'detectLanguage' | 'sampleRate' | 'windowSeconds'>;

function scriptedEngine(lines: readonly TimedText[]): Engine & {
  calls: { start: number; seconds: number; options: TranscribeOptions | undefined }[];
  detections: number;
} {
  const calls: { start: number; seconds: number; options: TranscribeOptions | undefined }[] = [];
  const engine = {
    sampleRate: RATE,
    windowSeconds: 30,
    calls,
    detections: 0,
    detectLanguage(): Promise<LanguageGuess> {
      engine.detections++;
      return Promise.resolve({ language: 'pt', probability: 0.9 });
    },
    transcribe(audio: Float32Array, options?: TranscribeOptions): Promise<WindowTranscript> {
      const start = Math.round((audio[0] ?? 0) * 10_000 * RATE) / RATE;
      const seconds = audio.length / RATE;
      calls.push({ start, seconds, options });
      const segments = lines
        .filter((l) => l.start >= start && l.start < start + seconds)
        .map((l) => ({
          start: l.start - start,
          end: Math.min(l.end, start + seconds) - start,
          text: l.text,
        }));
      return Promise.resolve({
        text: segments.map((s) => s.text).join(''),
        language: options?.language ?? 'xx',
        segments: options?.timestamps === false ? [] : segments,
        tokenIds: [Math.round(start)],
      });
    },
  };
  return engine;
}

describe('transcribeLong', () => {
  it('transcribes 75 s in three windows, detecting the language once', async () => {
    const lines = script(75);
    const engine = scriptedEngine(lines);
    const progress: TranscriptionProgress[] = [];
    const { transcript, windowTokenIds } = await transcribeLong(engine, timedAudio(75), {
      onProgress: (p) => progress.push(p),
    });
    expect(engine.detections).toBe(1);
    expect(engine.calls.map((c) => [c.start, c.seconds])).toEqual([
      [0, 30],
      [25, 30],
      [50, 25],
    ]);
    expect(engine.calls.every((c) => c.options?.language === 'pt')).toBe(true);
    expect(engine.calls.every((c) => c.options?.task === 'transcribe')).toBe(true);
    expect(windowTokenIds).toEqual([[0], [25], [50]]);
    expect(progress).toEqual([
      { windowsDone: 1, windows: 3, secondsDone: 30 },
      { windowsDone: 2, windows: 3, secondsDone: 55 },
      { windowsDone: 3, windows: 3, secondsDone: 75 },
    ]);
    expect(transcript.language).toBe('pt');
    expect(transcript.windows).toBe(3);
    expect(transcript.durationSeconds).toBe(75);
    expect(transcript.segments.map((s) => s.text)).toEqual(lines.map((l) => l.text.trim()));
    expect(transcript.segments.map((s) => s.start)).toEqual(lines.map((l) => l.start));
    expect(transcript.text).toBe(lines.map((l) => l.text.trim()).join(' '));
  });

  it('uses the language given, and passes task and timestamps through', async () => {
    const engine = scriptedEngine(script(20));
    const { transcript } = await transcribeLong(engine, timedAudio(20), {
      language: 'en',
      task: 'translate',
      timestamps: false,
    });
    expect(engine.detections).toBe(0);
    expect(engine.calls).toHaveLength(1);
    expect(engine.calls[0]?.options).toMatchObject({
      language: 'en',
      task: 'translate',
      timestamps: false,
    });
    expect(transcript.segments).toEqual([]);
    expect(transcript.text).toBe(
      script(20)
        .map((l) => l.text.trim())
        .join(' '),
    );
  });

  it('stops between windows when cancelled, with an AbortError', async () => {
    const engine = scriptedEngine(script(75));
    const controller = new AbortController();
    const run = transcribeLong(engine, timedAudio(75), {
      language: 'en',
      signal: controller.signal,
      onProgress: (p) => {
        if (p.windowsDone === 1) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(engine.calls).toHaveLength(1);
  });

  it('refuses empty audio with a message a person can act on', async () => {
    await expect(transcribeLong(scriptedEngine([]), new Float32Array(0))).rejects.toThrow(
      /audio is empty/,
    );
  });
});
