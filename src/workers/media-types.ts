// Why this file exists: the contract between the app (and core's Library service) and the two
// media workers, written before either worker so both sides can be built at once. The speech
// worker runs Whisper (Transcriber) and splits and stitches long audio itself; the vision
// worker runs the captioner and tesseract (OCR). Audio crosses as 16 kHz mono PCM (decoding
// and resampling need the main thread's OfflineAudioContext); images as a Blob (the worker
// decodes it), an ImageBitmap (video frames, transferred) or raw RGBA pixels.
import type { Transcript, TranscriptionProgress } from '../core/voice/types';
import type {
  CaptionResult,
  EngineDevice,
  EngineFallback,
  ImageTextTask,
  LanguageGuess,
  OcrResult,
  RgbaImage,
} from '../models/engines/types';

/**
 * Where a media model runs: 'auto' is the Models view's verdict (WebGPU on a hardware adapter,
 * WASM otherwise: device-choice.ts), the same choice every worker makes; a developer may force
 * one (the chat header's "Run on"), which then holds for the speech and vision workers too.
 */
export type ModelDevice = 'auto' | 'webgpu' | 'wasm';

/** Where a loaded engine runs, for the UI to show. */
export interface MediaEngineInfo {
  modelId: string;
  device: EngineDevice;
  fallback: EngineFallback | null;
}

export interface TranscriptionRequest {
  /** Installed speech-to-text model (catalog id). */
  modelId: string;
  /** 16 kHz mono PCM; transferred to the worker (the caller's buffer is emptied). */
  audio: Float32Array;
  /** ISO 639-1; absent or null: detected from the first window. */
  language?: string | null;
  /** Default true. Dictation turns them off. */
  timestamps?: boolean;
  task?: 'transcribe' | 'translate';
  /** Default 'auto'. */
  device?: ModelDevice;
}

export interface TranscriptionOptions {
  signal?: AbortSignal;
  onProgress?: (progress: TranscriptionProgress) => void;
}

export interface TranscriptionResult extends Transcript {
  engine: MediaEngineInfo;
  /** Generated ids of every window, in order (tests compare them with the fixture reference). */
  windowTokenIds: number[][];
  /** Wall time of the whole transcription, ms (load excluded). */
  elapsedMs: number;
}

export interface SpeechClient {
  /** Loads the model if needed, splits the audio into overlapping windows, transcribes and stitches. */
  transcribe(
    request: TranscriptionRequest,
    options?: TranscriptionOptions,
  ): Promise<TranscriptionResult>;
  detectLanguage(
    modelId: string,
    audio: Float32Array,
    options?: { signal?: AbortSignal; device?: ModelDevice },
  ): Promise<LanguageGuess>;
  /** Frees the model (the worker itself ends after an idle while). */
  unload(): Promise<void>;
}

/** An image as the vision worker takes it. */
export type ImageInput = Blob | ImageBitmap | RgbaImage;

export interface CaptionRequest {
  /** Installed image-to-text model (catalog id). */
  modelId: string;
  image: ImageInput;
  /** A question about the image (read only by models that take a prompt); it wins over `task`. */
  prompt?: string;
  /**
   * What is wanted (default 'caption'). 'detailed-caption' falls back to a caption on a model
   * that only captions; 'text' is refused by a model that cannot read text.
   */
  task?: ImageTextTask;
  /** Default 'auto'. */
  device?: ModelDevice;
}

export interface CaptionResponse extends CaptionResult {
  engine: MediaEngineInfo;
  /** Whether the model read the prompt (false: a caption-only model described the image). */
  promptUsed: boolean;
  /** The task the model ran (when it did not read a prompt). */
  task: ImageTextTask;
  elapsedMs: number;
}

export interface OcrRequest {
  /** Installed OCR models (catalog ids), one per language, recognised together ('por+eng'). */
  modelIds: readonly string[];
  image: ImageInput;
}

export interface OcrResponse extends OcrResult {
  /** Tesseract language codes used. */
  languages: string[];
  elapsedMs: number;
}

export interface VisionClient {
  caption(request: CaptionRequest, options?: { signal?: AbortSignal }): Promise<CaptionResponse>;
  ocr(request: OcrRequest, options?: { signal?: AbortSignal }): Promise<OcrResponse>;
  unload(): Promise<void>;
}
