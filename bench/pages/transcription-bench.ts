/**
 * Runs in the browser: transcription speed, the app's path against the bare library on the
 * same PCM in this page, interleaved.
 * - app: the speech worker (createSpeechClient().transcribe with the fixture Whisper installed
 *   the app's way): the PCM is transferred to the worker, split into 30 s windows sharing 5 s,
 *   each transcribed with the fixed language, and stitched.
 * - bare: transformers.js's own automatic-speech-recognition pipeline on this page's main
 *   thread, chunking itself (chunk_length_s 30, stride_length_s 5), on the same files from the
 *   same relay.
 * Audio is decoded once to 16 kHz mono with the app's decoder. Language detection (the app's
 * extra step when no language is given) is timed apart. bench/transcription.bench.ts drives it.
 */
import { pipeline, type AutomaticSpeechRecognitionPipeline } from '@huggingface/transformers';
import { decodeAudioFile } from '../../src/app/media/decode-audio';
import { getModel } from '../../src/models/catalog';
import { createSpeechClient } from '../../src/workers/speech-client';
import { bareFixtureOptions, installFixture } from './fixture-page';

export interface TranscriptionRun {
  /** Call → transcript back, ms. */
  ms: number;
  /** App only: the worker's own elapsedMs (no transfer, no messaging). */
  engineMs: number | null;
}

export interface AudioResult {
  name: string;
  audioSeconds: number;
  timestamps: boolean;
  app: TranscriptionRun[];
  bare: TranscriptionRun[];
  appWindows: number;
  bareWindows: number;
  appText: string;
  bareText: string;
  appSegments: number;
  bareChunks: number;
  /** Tokens the app generated over all windows (prompt excluded). */
  appTokens: number;
  /** Where the app's Whisper ran ('wasm' here: the bench browser has no WebGPU). */
  appDevice: string;
}

export interface TranscriptionBenchResult {
  installMs: number;
  /** pipeline(...) → ready, ms. */
  bareLoadMs: number;
  /** First app call (worker start, model load, one transcription), ms. */
  appFirstCallMs: number;
  /** speech.detectLanguage on the first window, per round, ms. */
  detectMs: number[];
  detected: { language: string; probability: number } | null;
  audio: AudioResult[];
}

interface AudioInput {
  name: string;
  /** WAV bytes, base64. */
  wav: string;
  /** Timestamps on (a transcript) or off (dictation). */
  timestamps: boolean;
}

/** What the pipeline gives for one input (its call is typed `any`). */
interface BareOutput {
  text: string;
  chunks?: { text: string; timestamp: [number, number | null] }[];
}

const CHUNK_LENGTH_S = 30;
const STRIDE_LENGTH_S = 5;
const SAMPLE_RATE = 16_000;

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** How many chunks transformers.js's Whisper pipeline cuts `samples` into (its own loop). */
function bareWindowsOf(samples: number, chunked: boolean): number {
  if (!chunked) return 1;
  const window = SAMPLE_RATE * CHUNK_LENGTH_S;
  const jump = window - 2 * SAMPLE_RATE * STRIDE_LENGTH_S;
  let count = 1;
  for (let offset = 0; offset + window < samples; offset += jump) count++;
  return count;
}

const speech = createSpeechClient();

async function transcribeApp(modelId: string, pcm: Float32Array, timestamps: boolean) {
  // The worker takes the buffer: hand it a copy, made before the clock starts.
  const audio = pcm.slice();
  const start = performance.now();
  const result = await speech.transcribe({ modelId, audio, language: 'en', timestamps });
  const ms = performance.now() - start;
  return { run: { ms, engineMs: result.elapsedMs }, result };
}

async function transcribeBare(
  asr: AutomaticSpeechRecognitionPipeline,
  pcm: Float32Array,
  timestamps: boolean,
  chunked: boolean,
): Promise<{ run: TranscriptionRun; text: string; chunks: number }> {
  const start = performance.now();
  const output = (await asr(pcm, {
    ...(chunked ? { chunk_length_s: CHUNK_LENGTH_S, stride_length_s: STRIDE_LENGTH_S } : {}),
    return_timestamps: timestamps,
    language: 'english',
    task: 'transcribe',
  })) as BareOutput | BareOutput[];
  const ms = performance.now() - start;
  const single = Array.isArray(output) ? output[0] : output;
  return {
    run: { ms, engineMs: null },
    text: single?.text ?? '',
    chunks: single?.chunks?.length ?? 0,
  };
}

async function runTranscriptionBench(
  modelId: string,
  inputs: AudioInput[],
  rounds: number,
): Promise<TranscriptionBenchResult> {
  const decoded = [];
  for (const input of inputs) {
    const blob = new Blob([fromBase64(input.wav).slice()], { type: 'audio/wav' });
    const { pcm, durationSeconds } = await decodeAudioFile(blob);
    decoded.push({ ...input, pcm, durationSeconds });
  }
  const { installMs } = await installFixture(getModel(modelId));
  const { repo, options } = bareFixtureOptions(modelId);
  let start = performance.now();
  const asr = await pipeline('automatic-speech-recognition', repo, options);
  const bareLoadMs = performance.now() - start;

  const first = decoded[0];
  if (!first) throw new Error('no audio to transcribe');
  start = performance.now();
  await transcribeApp(modelId, first.pcm, first.timestamps);
  const appFirstCallMs = performance.now() - start;

  const audio: AudioResult[] = [];
  for (const input of decoded) {
    const chunked = input.durationSeconds > CHUNK_LENGTH_S;
    // Warm-up on this input (shapes differ between one window and many).
    const warm = await transcribeApp(modelId, input.pcm, input.timestamps);
    const warmBare = await transcribeBare(asr, input.pcm, input.timestamps, chunked);
    const result: AudioResult = {
      name: input.name,
      audioSeconds: input.durationSeconds,
      timestamps: input.timestamps,
      app: [],
      bare: [],
      appWindows: warm.result.windows,
      bareWindows: bareWindowsOf(input.pcm.length, chunked),
      appText: warm.result.text,
      bareText: warmBare.text,
      appSegments: warm.result.segments.length,
      bareChunks: warmBare.chunks,
      appTokens: warm.result.windowTokenIds.reduce((sum, ids) => sum + ids.length, 0),
      appDevice: warm.result.engine.device,
    };
    for (let round = 0; round < rounds; round++) {
      const runApp = async () =>
        result.app.push((await transcribeApp(modelId, input.pcm, input.timestamps)).run);
      const runBare = async () =>
        result.bare.push((await transcribeBare(asr, input.pcm, input.timestamps, chunked)).run);
      if (round % 2 === 0) {
        await runApp();
        await runBare();
      } else {
        await runBare();
        await runApp();
      }
    }
    audio.push(result);
  }

  // Language detection: what the app adds when no language is given (one window, one step).
  const detectMs: number[] = [];
  let detected: TranscriptionBenchResult['detected'] = null;
  for (let round = 0; round < rounds; round++) {
    start = performance.now();
    const guess = await speech.detectLanguage(modelId, first.pcm);
    detectMs.push(performance.now() - start);
    detected = { language: guess.language, probability: guess.probability };
  }

  await asr.dispose();
  await speech.unload();
  speech.worker.terminate();
  return { installMs, bareLoadMs, appFirstCallMs, detectMs, detected, audio };
}

(
  window as unknown as { runTranscriptionBench: typeof runTranscriptionBench }
).runTranscriptionBench = runTranscriptionBench;
document.documentElement.dataset['ready'] = 'true';
