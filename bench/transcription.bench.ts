/**
 * Transcription speed in Chromium (WASM): the app's speech worker ÷ bare transformers.js's
 * automatic-speech-recognition pipeline (its own chunking) on the same 16 kHz PCM in the same
 * page, interleaved, with the fixture Whisper. Two inputs: tests/fixtures/audio/speech-long.wav
 * (~75 s, several windows, timestamps on, language fixed to English) and
 * tests/fixtures/audio/dictation.wav (one window, timestamps off as dictation runs it, then on).
 * Language detection, which the app adds when no language is given, is timed apart.
 * Knob: OMNIA_BENCH_TRANSCRIPTION_ROUNDS (default 5).
 */
import { readFile } from 'node:fs/promises';
import { runBenchPage } from './bench-page.ts';
import { percentile } from './chat-stream.bench.ts';
import { editDistance } from './ocr.bench.ts';
import type { AudioResult, TranscriptionBenchResult } from './pages/transcription-bench.ts';
import { median } from './stats.ts';

const ROUNDS = Number(process.env['OMNIA_BENCH_TRANSCRIPTION_ROUNDS'] ?? 5);
const MODEL = 'omnia-fixture-whisper';
const INPUTS = [
  { path: 'tests/fixtures/audio/speech-long.wav', timestamps: true },
  { path: 'tests/fixtures/audio/dictation.wav', timestamps: false },
  // The same window with timestamps: shows what timestamps cost each path on one window.
  { path: 'tests/fixtures/audio/dictation.wav', timestamps: true },
];

const f1 = (v: number): string => v.toFixed(1);
const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

function line(label: string, values: readonly number[], unit: string, digits = 1): string {
  const f = (v: number): string => `${v.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
  return `    ${label.padEnd(40)} median ${f(median(values))}, p90 ${f(percentile(values, 90))}`;
}

function reportAudio(audio: AudioResult): void {
  const appMs = audio.app.map((r) => r.ms);
  const bareMs = audio.bare.map((r) => r.ms);
  const rtf = (ms: readonly number[]): number[] => ms.map((m) => m / 1000 / audio.audioSeconds);
  console.log(
    `  ${audio.name}: ${f1(audio.audioSeconds)} s of audio, timestamps ${audio.timestamps ? 'on' : 'off'}, ` +
      `language fixed (app 'en', bare 'english'); windows: app ${audio.appWindows} ` +
      `(30 s sharing 5 s), bare ${audio.bareWindows} ` +
      (audio.audioSeconds > 30
        ? '(chunk_length_s 30, stride_length_s 5 each side)'
        : '(one window: no chunking asked)'),
  );
  console.log(line('app wall', appMs, 'ms'));
  console.log(
    line(
      'app in worker (elapsedMs)',
      audio.app.map((r) => r.engineMs ?? NaN),
      'ms',
    ),
  );
  console.log(line('bare wall', bareMs, 'ms'));
  const perWindow = (ms: readonly number[], windows: number): number[] =>
    ms.map((m) => m / windows);
  console.log(line('app per window', perWindow(appMs, audio.appWindows), 'ms'));
  console.log(line('bare per window', perWindow(bareMs, audio.bareWindows), 'ms'));
  console.log(line('app real-time factor (s per audio s)', rtf(appMs), '', 3));
  console.log(line('bare real-time factor (s per audio s)', rtf(bareMs), '', 3));
  console.log(
    `    speed ratio app ÷ bare = bare ms ÷ app ms (median; above 1: app faster): ` +
      `${(median(bareMs) / median(appMs)).toFixed(3)}`,
  );
  const app = squash(audio.appText);
  const bare = squash(audio.bareText);
  console.log(
    `    text: app ${app.length} chars, ${audio.appTokens} tokens, ${audio.appSegments} segments, ` +
      `on ${audio.appDevice}; bare ${bare.length} chars, ` +
      `${audio.bareChunks} chunks; edit distance ${editDistance(app, bare)}`,
  );
  console.log(`    app text:  ${JSON.stringify(app.slice(0, 160))}`);
  console.log(`    bare text: ${JSON.stringify(bare.slice(0, 160))}`);
}

function report(result: TranscriptionBenchResult): void {
  console.log(
    `Transcription: model ${MODEL} (q8, WASM), ${ROUNDS} rounds per path after 1 warm-up, interleaved`,
  );
  console.log(
    '  app:  speech worker transcribe (PCM transferred, windows, per-window progress, stitching)',
  );
  console.log(
    "  bare: transformers.js pipeline('automatic-speech-recognition') on the page main thread",
  );
  console.log(
    `  one-off: install into OPFS ${f1(result.installMs)} ms; bare pipeline load ` +
      `${f1(result.bareLoadMs)} ms; app first call (worker + model load + 1 transcription) ` +
      `${f1(result.appFirstCallMs)} ms`,
  );
  for (const audio of result.audio) reportAudio(audio);
  const guess = result.detected;
  console.log(
    `  app language detection (first 30 s, apart from the runs above): ` +
      `median ${f1(median(result.detectMs))} ms, p90 ${f1(percentile(result.detectMs, 90))} ms` +
      (guess ? ` → '${guess.language}' (p ${guess.probability.toFixed(3)})` : ''),
  );
}

export async function transcriptionBench(): Promise<void> {
  const inputs = await Promise.all(
    INPUTS.map(async ({ path, timestamps }) => {
      const wav = await readFile(path).catch((error: unknown) => {
        throw new Error(`${path} is missing: the audio fixtures are built with the models`, {
          cause: error,
        });
      });
      return { name: path.split('/').pop() ?? path, wav: wav.toString('base64'), timestamps };
    }),
  );
  await runBenchPage('transcription', 'transcription.html', async (page) => {
    const result = await page.evaluate(
      ({ model, inputs, rounds }) =>
        (
          window as unknown as {
            runTranscriptionBench: (
              model: string,
              inputs: { name: string; wav: string; timestamps: boolean }[],
              rounds: number,
            ) => Promise<TranscriptionBenchResult>;
          }
        ).runTranscriptionBench(model, inputs, rounds),
      { model: MODEL, inputs, rounds: ROUNDS },
    );
    report(result);
  });
}
