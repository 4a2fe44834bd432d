/**
 * The Transcriber on transformers.js: Whisper, one window (≤ 30 s) at a time. It loads the
 * automatic-speech-recognition pipeline for its processor, tokenizer and model, but calls
 * model.generate() itself, so the generated ids (timestamps included) come back with the text:
 * the pipeline's own post-processing keeps only text. transformers.js cannot detect a language
 * ("TODO" in modeling_whisper.js), so detection is done here: one decoder step after
 * <|startoftranscript|>, softmax over the language tokens.
 * The encoder (1500 frames of self-attention, the costliest pass of a window) runs once per
 * window: its output is kept for the last window and handed to the decoder steps of both
 * language detection and generate(), so detect-then-transcribe encodes once.
 */
import {
  InterruptableStoppingCriteria,
  pipeline,
  Tensor,
  type AutomaticSpeechRecognitionPipeline,
} from '@huggingface/transformers';
import { abortedError, disposedError, EngineError, runError } from '../errors';
import { createSerial } from '../serial';
import type {
  EngineLoadRequest,
  LanguageGuess,
  PcmAudio,
  TranscribeOptions,
  Transcriber,
  WindowTranscript,
} from '../types';
import { loadTransformersPipeline, type TransformersLoadOptions } from './transformers-load';
import {
  baseLanguage,
  decodeSegments,
  groupTimestamped,
  languageOfToken,
  type TimestampTokens,
} from './transformers-whisper-tokens';

export const WHISPER_SAMPLE_RATE = 16_000;
export const WHISPER_WINDOW_SECONDS = 30;

/** The parts of Whisper's generation_config.json this adapter reads. */
interface WhisperGenerationConfig {
  decoder_start_token_id: number;
  no_timestamps_token_id: number;
  is_multilingual?: boolean;
  lang_to_id?: Record<string, number>;
}

/** The slice of WhisperForConditionalGeneration used here (typed loosely by the library). */
interface WhisperModel {
  config: { max_target_positions?: number; max_source_positions?: number };
  generation_config: WhisperGenerationConfig;
  generate(options: Record<string, unknown>): Promise<Tensor>;
  (inputs: Record<string, Tensor>): Promise<Record<string, Tensor>>;
  /** Runs one of the model's sessions through the library's own run path (validation, queue). */
  _encode_input(session: string, inputs: Record<string, Tensor>, output: string): Promise<Tensor>;
}

/** One window's encoder pass, kept so that the next call on the same samples reuses it. */
interface EncodedWindow {
  audio: Float32Array;
  inputFeatures: Tensor;
  hiddenStates: Tensor;
}

interface Whisper {
  pipe: AutomaticSpeechRecognitionPipeline;
  model: WhisperModel;
  config: WhisperGenerationConfig;
  languages: Map<string, number>;
  timestamps: TimestampTokens;
  specials: ReadonlySet<number>;
  maxTargetPositions: number;
  /** The last window encoded (detectLanguage then transcribe on window 0 share it). */
  last: EncodedWindow | null;
}

function describe(pipe: AutomaticSpeechRecognitionPipeline, modelId: string): Whisper {
  const model = pipe.model as unknown as WhisperModel;
  const config = model.generation_config;
  if (typeof config?.no_timestamps_token_id !== 'number') {
    throw new EngineError(
      'unsupported',
      `Model "${modelId}" has no <|notimestamps|> token in generation_config.json; it is not a Whisper model this app can run.`,
      { modelId },
    );
  }
  if (typeof model._encode_input !== 'function') {
    throw new EngineError(
      'unsupported',
      `This transformers.js build cannot run Whisper's encoder on its own, so model "${modelId}" cannot load; the app needs the transformers.js version it was built with.`,
      { modelId },
    );
  }
  const languages = new Map<string, number>();
  for (const [token, id] of Object.entries(config.lang_to_id ?? {})) {
    const code = languageOfToken(token);
    if (code !== null) languages.set(code, id);
  }
  const chunkSeconds = WHISPER_WINDOW_SECONDS;
  return {
    pipe,
    model,
    config,
    languages,
    timestamps: {
      begin: config.no_timestamps_token_id + 1,
      precision: chunkSeconds / (model.config.max_source_positions ?? 1500),
    },
    specials: new Set(pipe.tokenizer.all_special_ids),
    maxTargetPositions: model.config.max_target_positions ?? 448,
    last: null,
  };
}

function checkAudio(audio: PcmAudio, modelId: string): void {
  const seconds = audio.length / WHISPER_SAMPLE_RATE;
  if (audio.length === 0) {
    const message = 'The audio window is empty: there is nothing to transcribe.';
    throw new EngineError('unsupported', message, { modelId });
  }
  if (audio.length > WHISPER_SAMPLE_RATE * WHISPER_WINDOW_SECONDS) {
    throw new EngineError(
      'unsupported',
      `The audio window is ${seconds.toFixed(1)} s; model "${modelId}" reads at most ${WHISPER_WINDOW_SECONDS} s at once. Split longer audio into windows (core/voice does) and try again.`,
      { modelId },
    );
  }
}

function sameSamples(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function forgetEncoded(w: Whisper): void {
  w.last?.hiddenStates.dispose();
  w.last = null;
}

/** The window's features and encoder output: computed once, reused for the same samples. */
async function encode(w: Whisper, audio: PcmAudio): Promise<EncodedWindow> {
  if (w.last && sameSamples(w.last.audio, audio)) return w.last;
  forgetEncoded(w);
  const { input_features: inputFeatures } = (await w.pipe.processor(audio)) as {
    input_features: Tensor;
  };
  const hiddenStates = await w.model._encode_input(
    'model',
    { input_features: inputFeatures },
    'last_hidden_state',
  );
  w.last = { audio: audio.slice(), inputFeatures, hiddenStates };
  return w.last;
}

async function guessLanguage(w: Whisper, encoded: EncodedWindow): Promise<LanguageGuess> {
  if (w.config.is_multilingual !== true || w.languages.size === 0) {
    return { language: 'en', probability: 1 };
  }
  const start = BigInt(w.config.decoder_start_token_id);
  const outputs = await w.model({
    input_features: encoded.inputFeatures,
    encoder_outputs: encoded.hiddenStates,
    decoder_input_ids: new Tensor('int64', BigInt64Array.from([start]), [1, 1]),
  });
  const logits = outputs['logits'];
  if (!logits) throw new Error('the decoder returned no logits');
  const row = logits.data as Float32Array;
  const entries = [...w.languages.entries()].map(([code, id]) => ({
    code,
    logit: row[id] ?? -Infinity,
  }));
  for (const tensor of Object.values(outputs)) tensor.dispose();
  const max = Math.max(...entries.map((e) => e.logit));
  const weights = entries.map((e) => Math.exp(e.logit - max));
  const sum = weights.reduce((a, b) => a + b, 0);
  let best = 0;
  for (let i = 1; i < entries.length; i++) if ((weights[i] ?? 0) > (weights[best] ?? 0)) best = i;
  return { language: entries[best]?.code ?? 'en', probability: (weights[best] ?? 0) / sum };
}

function chosenLanguage(w: Whisper, language: string, modelId: string): string {
  const code = baseLanguage(language);
  if (w.languages.size > 0 && !w.languages.has(code)) {
    throw new EngineError(
      'unsupported',
      `Model "${modelId}" does not know the language "${language}"; it knows ${[...w.languages.keys()].join(', ')}.`,
      { modelId },
    );
  }
  return code;
}

async function transcribeWindow(
  w: Whisper,
  modelId: string,
  audio: PcmAudio,
  options: TranscribeOptions,
): Promise<WindowTranscript> {
  const { signal } = options;
  const timestamps = options.timestamps ?? true;
  const encoded = await encode(w, audio);
  if (signal?.aborted) throw abortedError(modelId, 'Transcription');
  const language =
    options.language == null
      ? (await guessLanguage(w, encoded)).language
      : chosenLanguage(w, options.language, modelId);
  if (signal?.aborted) throw abortedError(modelId, 'Transcription');

  const multilingual = w.config.is_multilingual === true;
  const promptLength = 1 + (multilingual ? 2 : 0) + (timestamps ? 0 : 1);
  const room = w.maxTargetPositions - promptLength;
  // Always a cap: with timestamps and no max_new_tokens, transformers.js runs its own seek loop
  // over the window, which would re-decode parts of it.
  const maxNewTokens = Math.max(1, Math.min(options.maxNewTokens ?? room, room));
  const stopper = new InterruptableStoppingCriteria();
  const interrupt = (): void => stopper.interrupt();
  signal?.addEventListener('abort', interrupt, { once: true });
  let sequence: number[];
  try {
    const output = await w.model.generate({
      inputs: encoded.inputFeatures,
      encoder_outputs: encoded.hiddenStates,
      ...(multilingual ? { language, task: options.task ?? 'transcribe' } : {}),
      return_timestamps: timestamps,
      max_new_tokens: maxNewTokens,
      do_sample: false,
      stopping_criteria: [stopper],
    });
    sequence = (output.tolist() as bigint[][])[0]?.map(Number) ?? [];
  } finally {
    signal?.removeEventListener('abort', interrupt);
  }
  if (signal?.aborted) throw abortedError(modelId, 'Transcription');

  const tokenIds = sequence.slice(promptLength);
  const isText = (id: number): boolean => id < w.timestamps.begin && !w.specials.has(id);
  const decode = (ids: number[]): string =>
    w.pipe.tokenizer.decode(ids, { skip_special_tokens: true });
  const grouped = groupTimestamped(
    tokenIds,
    w.timestamps,
    isText,
    audio.length / WHISPER_SAMPLE_RATE,
  );
  return {
    text: decode(grouped.textIds).trim(),
    language: multilingual ? language : 'en',
    segments: timestamps ? decodeSegments(grouped, decode) : [],
    tokenIds,
  };
}

/**
 * Loads `request.entry` (task 'speech-to-text', engine 'transformers') from `request.files`.
 * @example
 * const transcriber = await loadTransformersTranscriber({ entry, files, device: 'auto' });
 * const { text, segments } = await transcriber.transcribe(pcm16k, { language: 'pt' });
 */
export async function loadTransformersTranscriber(
  request: EngineLoadRequest,
  options: TransformersLoadOptions = {},
): Promise<Transcriber> {
  const { entry } = request;
  if (entry.task !== 'speech-to-text') {
    throw new EngineError('unsupported', `Model "${entry.id}" is not a speech-to-text model.`, {
      modelId: entry.id,
    });
  }
  const loaded = await loadTransformersPipeline<AutomaticSpeechRecognitionPipeline>(
    request,
    (attempt) =>
      pipeline('automatic-speech-recognition', entry.repo, {
        device: attempt.device,
        ...(attempt.dtype ? { dtype: attempt.dtype } : {}),
        revision: attempt.revision,
        progress_callback: attempt.progress_callback,
      }),
    options,
  );
  let whisper: Whisper;
  try {
    whisper = describe(loaded.value, entry.id);
  } catch (error) {
    await loaded.value.dispose();
    throw error;
  }
  const serial = createSerial();
  let disposed = false;

  const guarded = <T>(what: string, signal: AbortSignal | undefined, task: () => Promise<T>) =>
    serial(async () => {
      if (disposed) throw disposedError(entry.id);
      if (signal?.aborted) throw abortedError(entry.id, what);
      try {
        return await task();
      } catch (error) {
        if (signal?.aborted) throw abortedError(entry.id, what);
        throw runError(error, entry.id, what);
      }
    });

  return {
    modelId: entry.id,
    device: loaded.device,
    fallback: loaded.fallback,
    sampleRate: WHISPER_SAMPLE_RATE,
    windowSeconds: WHISPER_WINDOW_SECONDS,
    languages: whisper.languages.size > 0 ? [...whisper.languages.keys()] : ['en'],
    transcribe: (audio, callOptions = {}) =>
      guarded('Transcription', callOptions.signal, () => {
        checkAudio(audio, entry.id);
        return transcribeWindow(whisper, entry.id, audio, callOptions);
      }),
    detectLanguage: (audio, callOptions = {}) =>
      guarded('Language detection', callOptions.signal, async () => {
        checkAudio(audio, entry.id);
        return guessLanguage(whisper, await encode(whisper, audio));
      }),
    dispose: () =>
      serial(async () => {
        if (disposed) return;
        disposed = true;
        forgetEncoded(whisper);
        await whisper.pipe.dispose();
      }),
  };
}
