/**
 * What the browser tests expect of the fixture Whisper on tests/fixtures/audio/speech-long.wav,
 * read from tests/fixtures/models/reference.json ("whisper"), which the fixture builder computed
 * independently with numpy. The browser's WASM path runs the catalog dtype, q8. The reference
 * has each window's ids and segments; the stitched text is those segments put through the app's
 * stitching (the seams are the app's rule, the words come from the reference).
 */
import { readFileSync } from 'node:fs';
import { stitchWindows } from '../../src/core/voice/stitch';
import type { TimedText } from '../../src/core/voice/types';

interface WindowRun {
  ids: number[];
  text: string;
  segments: TimedText[];
  /** The language detected on this window alone. */
  language: string;
}

interface SpeechLongJson {
  file: string;
  seconds: number;
  overlap_seconds: number;
  windows: { start_seconds: number; end_seconds: number; q8: WindowRun }[];
}

export interface LongAudioReference {
  durationSeconds: number;
  /** Detected once, on the first window (as the app does). */
  detectedLanguage: string;
  windows: { startSeconds: number; endSeconds: number; ids: number[] }[];
  /** The stitched transcript's text. */
  text: string;
}

export function longAudioReference(): LongAudioReference {
  const json = JSON.parse(readFileSync('tests/fixtures/models/reference.json', 'utf8')) as {
    whisper?: { speech_long?: SpeechLongJson };
  };
  const long = json.whisper?.speech_long;
  if (!long) throw new Error('reference.json has no whisper.speech_long entry');
  const first = long.windows[0];
  if (!first) throw new Error('reference.json: whisper.speech_long has no windows');
  const stitched = stitchWindows(
    long.windows.map((w) => ({
      startSeconds: w.start_seconds,
      endSeconds: w.end_seconds,
      segments: w.q8.segments,
      text: w.q8.text,
    })),
    long.overlap_seconds,
  );
  return {
    durationSeconds: long.seconds,
    detectedLanguage: first.q8.language,
    windows: long.windows.map((w) => ({
      startSeconds: w.start_seconds,
      endSeconds: w.end_seconds,
      ids: w.q8.ids,
    })),
    text: stitched.map((s) => s.text).join(' '),
  };
}
