// Why this file exists: Whisper hears 30 s at a time, but people bring hour-long recordings.
// This runs one transcriber over the whole audio window by window (windows.ts), with one
// language for all of it, and stitches the windows into one transcript (stitch.ts). It is
// plain logic over the Transcriber interface, so the speech worker and the tests share it.
import type { Transcriber, WindowTranscript } from '../../models/engines/types';
import { stitchWindows } from './stitch';
import type { Transcript, TranscriptionProgress } from './types';
import { planWindows } from './windows';

export interface TranscribeLongOptions {
  /** ISO 639-1; absent or null: detected once, from the first window. */
  language?: string | null;
  /** Timed segments (default true); off, the transcript has text and no segments. */
  timestamps?: boolean;
  task?: 'transcribe' | 'translate';
  /** Seconds shared by neighbouring windows (default 5). */
  overlapSeconds?: number;
  signal?: AbortSignal;
  /** Called after every window. */
  onProgress?: (progress: TranscriptionProgress) => void;
}

export interface LongTranscription {
  transcript: Transcript;
  /** Generated token ids of every window, in order. */
  windowTokenIds: number[][];
}

const DEFAULT_OVERLAP_SECONDS = 5;

/** Throws the signal's reason (an AbortError DOMException unless the caller gave another). */
function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted !== true) return;
  const reason: unknown = signal.reason;
  throw reason instanceof Error || reason instanceof DOMException
    ? reason
    : new DOMException('The transcription was cancelled.', 'AbortError');
}

/**
 * The whole recording's transcript: language detected on the first window when not given,
 * every window transcribed with it, progress after each, cancellable between windows.
 *
 * @throws Error when the audio has no samples; the signal's AbortError when cancelled.
 * @example await transcribeLong(whisper, pcm16k, { onProgress: (p) => show(p.windowsDone) })
 */
export async function transcribeLong(
  engine: Pick<Transcriber, 'transcribe' | 'detectLanguage' | 'sampleRate' | 'windowSeconds'>,
  audio: Float32Array,
  options: TranscribeLongOptions = {},
): Promise<LongTranscription> {
  if (audio.length === 0) {
    throw new Error(
      'The audio is empty: there is nothing to transcribe. Record or choose a file with sound.',
    );
  }
  const { signal, onProgress } = options;
  const overlapSeconds = options.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS;
  const timestamps = options.timestamps ?? true;
  const windows = planWindows(
    audio.length,
    engine.sampleRate,
    engine.windowSeconds,
    overlapSeconds,
  );
  const samplesOf = (i: number): Float32Array => {
    const w = windows[i];
    return w === undefined ? new Float32Array(0) : audio.subarray(w.startSample, w.endSample);
  };
  throwIfAborted(signal);
  let language = options.language ?? null;
  if (language === null || language === '') {
    language = (await engine.detectLanguage(samplesOf(0), signal ? { signal } : {})).language;
  }
  const results: WindowTranscript[] = [];
  for (const window of windows) {
    throwIfAborted(signal);
    const result = await engine.transcribe(samplesOf(window.index), {
      language,
      timestamps,
      task: options.task ?? 'transcribe',
      ...(signal ? { signal } : {}),
    });
    results.push(result);
    onProgress?.({
      windowsDone: results.length,
      windows: windows.length,
      secondsDone: window.endSeconds,
    });
  }
  const stitched = stitchWindows(
    windows.map((w, i) => ({
      startSeconds: w.startSeconds,
      endSeconds: w.endSeconds,
      segments: timestamps ? (results[i]?.segments ?? []) : [],
      text: results[i]?.text ?? '',
    })),
    overlapSeconds,
  );
  const transcript: Transcript = {
    language,
    durationSeconds: audio.length / engine.sampleRate,
    segments: timestamps ? stitched : [],
    text: stitched.map((s) => s.text).join(' '),
    windows: windows.length,
  };
  return { transcript, windowTokenIds: results.map((r) => r.tokenIds) };
}
