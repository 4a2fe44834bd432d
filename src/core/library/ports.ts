// Why this file exists: the Library service drives workers but must not start them (core
// never calls `new Worker`) nor touch the DOM (audio decoding and video frames need the main
// thread's media elements), so it names just the parts of their clients it uses. The app
// passes the real clients and decoders; the tests pass the real worker APIs called in-process.
import type { ModelTask } from '../../models/catalog';
import type { RgbaImage } from '../../models/engines/types';
import type { IngestClient } from '../../workers/ingest-client';
import type { LibraryClient } from '../../workers/library-client';
import type { ImageInput, SpeechClient, VisionClient } from '../../workers/media-types';

/** The ingest worker client, as the service uses it. */
export type IngestPort = Pick<IngestClient, 'parse'>;

/** The library worker client (chunks, embeddings, both indexes), as the service uses it. */
export type LibraryPort = Pick<
  LibraryClient,
  'addDocument' | 'removeDocument' | 'search' | 'answer' | 'passageContext' | 'reindex' | 'status'
>;

/** Tasks whose models turn media into text. */
export type MediaModelTask = Extract<ModelTask, 'speech-to-text' | 'image-to-text' | 'ocr'>;

/** One sampled video frame. */
export interface VideoFrame {
  /** Seconds from the video's start. */
  time: number;
  image: ImageInput;
}

/**
 * What the Library needs to caption, transcribe and OCR: the media workers' clients, PDF page
 * rendering (ingest worker), and the main thread's decoders (app/media), injected as functions.
 */
export interface MediaPorts {
  speech: Pick<SpeechClient, 'transcribe'>;
  vision: Pick<VisionClient, 'caption' | 'ocr'>;
  /** Pixels of the given 1-based PDF pages, for OCR (the ingest worker's pdf.js). */
  renderPdfPages(
    file: Blob,
    pages: number[],
    options?: { scale?: number; signal?: AbortSignal },
  ): Promise<RgbaImage[]>;
  /** 16 kHz mono PCM of an audio file or of a video's audio track; rejects when there is none. */
  decodeAudio(
    blob: Blob,
    options?: { signal?: AbortSignal },
  ): Promise<{ pcm: Float32Array; durationSeconds: number }>;
  /** How long a video is; rejects with a readable error when the browser cannot play it. */
  videoDuration(blob: Blob, options?: { signal?: AbortSignal }): Promise<number>;
  /** Frames at the given times, in order. */
  sampleVideoFrames(
    blob: Blob,
    times: readonly number[],
    options?: { signal?: AbortSignal },
  ): AsyncIterable<VideoFrame>;
  /** Installed models of a task, in catalog order; default: read from the install records. */
  installedModels?(task: MediaModelTask): Promise<string[]>;
}
