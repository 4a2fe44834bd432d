// The shapes voice and vision agree on (issue 6): a transcript of a whole recording, stitched
// from windows, and what a video gives (speech plus what is seen). Plain data: it crosses
// worker boundaries by structured clone and is saved as a library document.
import type { TimedText } from '../../models/engines/types';

export type { TimedText } from '../../models/engines/types';

/** A whole recording's transcript: segments in absolute seconds, in order, not overlapping. */
export interface Transcript {
  /** ISO 639-1 code, chosen or detected. */
  language: string;
  /** Length of the audio, in seconds. */
  durationSeconds: number;
  segments: TimedText[];
  /** The segments' text joined, as a person reads it. */
  text: string;
  /** Windows the audio was split into (1 for audio up to one window long). */
  windows: number;
}

/** Export formats for a transcript. */
export type TranscriptFormat = 'txt' | 'srt' | 'vtt';

/** A frame sampled from a video, with what the captioner (and OCR, when it found text) said. */
export interface FrameDescription {
  /** Seconds from the video's start. */
  time: number;
  caption: string;
  /** Text read in the frame, when OCR ran and found some. */
  ocrText?: string;
}

/** Progress of a long transcription: windows done of all, and the time reached. */
export interface TranscriptionProgress {
  windowsDone: number;
  windows: number;
  /** Seconds of audio transcribed so far. */
  secondsDone: number;
}
