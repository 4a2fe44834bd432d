/**
 * The engine interfaces (DESIGN.md: one per task). web-llm and transformers.js are adapters
 * behind them; the rest of the app never imports an engine library. Voice and vision follow
 * the same shape: `load…(request)` gives an object with the task's method and `dispose()`.
 */
import type { CatalogEntry } from '../catalog-types';

/** Where inference runs. 'wasm' is onnxruntime-web on the CPU (Node's equivalent is 'cpu'). */
export type EngineDevice = 'webgpu' | 'wasm' | 'cpu';

/** Reads verified model files; engines load from nothing else (no network). */
export interface ModelFileSource {
  /** The verified bytes of `path` (repo path), or null when the model has no such file. */
  open(path: string): Promise<Blob | null>;
}

/**
 * What a load is doing: checking the verified files, reading them from the cache into the
 * engine, compiling (WebGPU shaders, WASM sessions), and warming up (a first tiny run).
 */
export type LoadStage = 'checking' | 'reading' | 'compiling' | 'warm-up';

export interface EngineLoadProgress {
  /** Bytes of model files read into the engine so far, and in all. */
  loaded: number;
  total: number;
  file?: string;
  /** The stage the load is in; absent means 'reading'. */
  stage?: LoadStage;
}

/** Why the engine is not running where it was asked to, said in a way the UI can show. */
export interface EngineFallback {
  from: EngineDevice;
  to: EngineDevice;
  /** 'no-webgpu': no adapter; 'device-lost'; 'out-of-memory'; 'load-failed': any other error. */
  reason: 'no-webgpu' | 'device-lost' | 'out-of-memory' | 'load-failed';
  detail: string;
}

export interface EngineLoadRequest {
  entry: CatalogEntry;
  files: ModelFileSource;
  /** 'auto': WebGPU when there is an adapter, else WASM (CPU in Node). */
  device: EngineDevice | 'auto';
  onProgress?: (progress: EngineLoadProgress) => void;
  signal?: AbortSignal;
}

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** One generated token: its id (null where the engine hides ids) and the text it adds. */
export interface GeneratedToken {
  id: number | null;
  text: string;
}

export interface GenerateOptions {
  maxNewTokens?: number;
  /** 0 or absent: greedy (deterministic). */
  temperature?: number;
  topP?: number;
  /**
   * Seeds sampling (temperature > 0), so the same seed, prompt and model sample the same answer;
   * greedy decoding ignores it. Engines without a seedable sampler ignore it too.
   */
  seed?: number;
  signal?: AbortSignal;
  /** Called once per generated token, with the text it adds (may be '' mid-character). */
  onToken?: (token: GeneratedToken) => void;
}

export interface GenerateResult {
  text: string;
  /** Generated ids when the engine exposes them (transformers.js does, web-llm does not). */
  tokenIds: number[] | null;
  promptTokens: number;
  completionTokens: number;
  finishReason: 'stop' | 'length' | 'aborted';
  /**
   * tokensPerSecond is the decode rate; prefillTokensPerSecond the prompt's (web-llm reports
   * both in its usage chunk; on transformers.js it is the prompt over the time to first token).
   */
  timings: {
    firstTokenMs: number | null;
    totalMs: number;
    tokensPerSecond: number | null;
    prefillTokensPerSecond: number | null;
  };
  /** The sampling the engine really used (limits applied), so callers record the truth. */
  applied: {
    maxNewTokens: number | null;
    temperature: number;
    topP: number | null;
    /** The seed sampling started from; absent when decoding was greedy or took no seed. */
    seed?: number;
  };
}

/** Real token counts from the model's own tokenizer (to fit history into the context). */
export interface EngineTokenCounter {
  /** Tokens of each text alone, without the chat template. */
  countEach(texts: readonly string[]): Promise<number[]>;
  /** Prompt tokens of the turns with the chat template and generation prompt applied. */
  countPrompt(turns: readonly ChatTurn[]): Promise<number>;
}

export interface LoadedEngine {
  readonly modelId: string;
  readonly device: EngineDevice;
  /** Set when the engine runs somewhere else than asked (for the UI to announce). */
  readonly fallback: EngineFallback | null;
  dispose(): Promise<void>;
}

export interface ChatEngine extends LoadedEngine {
  /** Tokens the model holds in all (prompt + answer); null when unknown. */
  readonly contextWindow: number | null;
  /** null when the engine exposes no tokenizer (web-llm): callers estimate instead. */
  readonly tokens: EngineTokenCounter | null;
  generate(turns: readonly ChatTurn[], options?: GenerateOptions): Promise<GenerateResult>;
}

export interface Embedder extends LoadedEngine {
  readonly dimension: number;
  /**
   * Tokens the model reads per text (special tokens included); longer texts are truncated.
   * null when neither the tokenizer nor the model config says.
   */
  readonly maxTokens: number | null;
  /** Tokens of each text as the model will see it: its own tokenizer, special tokens included. */
  countTokens(texts: readonly string[]): Promise<number[]>;
  /** One normalised vector per text (mean pooling for BERT-style models). */
  embed(texts: readonly string[], options?: { signal?: AbortSignal }): Promise<Float32Array[]>;
}

/** Mono PCM at the model's sample rate (16 kHz for Whisper), samples in [-1, 1]. */
export type PcmAudio = Float32Array;

/** A stretch of speech with its place in the audio, in seconds from the audio's start. */
export interface TimedText {
  start: number;
  end: number;
  text: string;
}

export interface TranscribeOptions {
  /** ISO 639-1 code ('en', 'pt'); absent or null: detected from the audio. */
  language?: string | null;
  /** Segments with start and end times (Whisper's timestamp tokens). Default true. */
  timestamps?: boolean;
  /** 'translate' gives English whatever the language (Whisper's task token). Default 'transcribe'. */
  task?: 'transcribe' | 'translate';
  /** Cap on generated tokens for this window. */
  maxNewTokens?: number;
  signal?: AbortSignal;
}

/** What one window of audio (at most `windowSeconds` long) gave. */
export interface WindowTranscript {
  text: string;
  /** The language used: the one asked for, or the detected one. */
  language: string;
  /** Timed segments, relative to the window's start; empty when timestamps were off. */
  segments: TimedText[];
  /** Generated token ids after the prompt (special and timestamp tokens included). */
  tokenIds: number[];
}

export interface LanguageGuess {
  /** ISO 639-1 code. */
  language: string;
  /** The model's probability for it among the language tokens, 0–1. */
  probability: number;
}

/** Speech-to-text (Whisper) for one window at a time; core/voice splits and stitches long audio. */
export interface Transcriber extends LoadedEngine {
  /** Samples per second the audio must have (16 000). */
  readonly sampleRate: number;
  /** The longest window the model reads at once, in seconds (30 for Whisper). */
  readonly windowSeconds: number;
  /** ISO 639-1 codes the model knows. */
  readonly languages: readonly string[];
  transcribe(audio: PcmAudio, options?: TranscribeOptions): Promise<WindowTranscript>;
  detectLanguage(audio: PcmAudio, options?: { signal?: AbortSignal }): Promise<LanguageGuess>;
}

/** Decoded pixels, RGBA row by row (what ImageData and OffscreenCanvas give). */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/**
 * What is wanted from an image: a short caption, a detailed description, or the text written
 * in it. Each model lists the tasks it runs (`Captioner.tasks`); the first is its default.
 */
export type ImageTextTask = 'caption' | 'detailed-caption' | 'text';

export interface CaptionOptions {
  /** A question about the image; only models with `acceptsPrompt` read it, and it wins over `task`. */
  prompt?: string;
  /** One of the model's `tasks`; default 'caption'. */
  task?: ImageTextTask;
  maxNewTokens?: number;
  signal?: AbortSignal;
}

export interface CaptionResult {
  text: string;
  /** Generated ids after the prompt, where the engine exposes them. */
  tokenIds: number[] | null;
}

/** Image-to-text: a description of an image, or an answer about it when the model takes a prompt. */
export interface Captioner extends LoadedEngine {
  /** Whether `prompt` is read (a VLM); a caption-only model ignores it. */
  readonly acceptsPrompt: boolean;
  /** The tasks it runs: every model captions; VLMs and Florence-2 also describe in detail and read text. */
  readonly tasks: readonly ImageTextTask[];
  caption(image: RgbaImage, options?: CaptionOptions): Promise<CaptionResult>;
}

/** One recognised line of text, with its box in image pixels. */
export interface OcrLine {
  text: string;
  /** 0–100, as tesseract reports it. */
  confidence: number;
  box: { x0: number; y0: number; x1: number; y1: number };
}

export interface OcrResult {
  text: string;
  /** Mean word confidence, 0–100. */
  confidence: number;
  lines: OcrLine[];
}

/** Optical character recognition (tesseract.js) in the languages loaded, all at once. */
export interface OcrEngine extends LoadedEngine {
  /** Tesseract language codes loaded ('eng', 'por'). */
  readonly languages: readonly string[];
  recognize(image: RgbaImage, options?: { signal?: AbortSignal }): Promise<OcrResult>;
}
