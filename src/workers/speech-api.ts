// Why this file exists: the speech worker's API. It keeps one Whisper (Transcriber) loaded,
// swapping it when another model is asked for, and runs core's long-audio transcription
// (windows, stitching) off the main thread, with progress per window and cancel between and
// inside windows. A factory, so Node tests inject the real fixture adapter; the worker entry
// (speech.worker.ts) passes the loader that reads the verified model cache.
import { transcribeLong } from '../core/voice/transcribe-long';
import type { TranscriptionProgress } from '../core/voice/types';
import { createSerial } from '../models/engines/serial';
import type { LanguageGuess, Transcriber } from '../models/engines/types';
import {
  createEngineSlot,
  engineInfo,
  engineKey,
  fromEngineKey,
  invalidInput,
  mediaWorkerError,
  progressSender,
} from './media-helpers';
import type { ModelDevice, TranscriptionRequest, TranscriptionResult } from './media-types';
import {
  releaseControl,
  signalFromPort,
  throwIfAborted,
  type CallControl,
  type TaskProgress,
} from './rpc';

const WORKER_NAME = 'speech';
/** Seconds two neighbouring windows share, so words cut at a window's edge are heard whole. */
export const SPEECH_OVERLAP_SECONDS = 5;

export interface SpeechApiDeps {
  /** Loads an installed speech-to-text model from the verified cache. */
  loadTranscriber(modelId: string, signal: AbortSignal, device: ModelDevice): Promise<Transcriber>;
  /** Clock for elapsed times (ms); defaults to performance.now. */
  now?: () => number;
}

/**
 * What the speech worker's progress reports carry: a TaskProgress (windows done of all, for
 * any progress bar) plus the transcription's own fields, which the client hands its caller.
 */
export interface SpeechProgress extends TaskProgress, TranscriptionProgress {}

function checkAudio(audio: unknown): Float32Array {
  if (!(audio instanceof Float32Array)) {
    throw invalidInput(
      'The speech worker needs audio as 16 kHz mono samples (a Float32Array).',
      WORKER_NAME,
    );
  }
  if (audio.length === 0) {
    throw invalidInput(
      'The recording is empty: there is no sound to transcribe. Record or choose the file again.',
      WORKER_NAME,
    );
  }
  return audio;
}

/**
 * The speech worker's API.
 * @example
 * const api = createSpeechApi({ loadTranscriber });
 * const result = await api.transcribe({ modelId, audio }, callControl(onProgress, abortPort));
 */
export function createSpeechApi(deps: SpeechApiDeps) {
  const now = deps.now ?? (() => performance.now());
  // One call at a time: the engine is not re-entrant, and a model swap must not pull the
  // engine away from a transcription still running.
  const lock = createSerial();
  const slot = createEngineSlot((key, signal) => {
    const { modelId, device } = fromEngineKey(key);
    return deps.loadTranscriber(modelId, signal, device);
  });

  return {
    /**
     * Loads the model if needed, splits the audio into overlapping windows, transcribes each
     * (progress after every window) and stitches them. A cancel stops inside the current window.
     */
    async transcribe(
      request: TranscriptionRequest,
      control?: CallControl,
    ): Promise<TranscriptionResult> {
      const signal = signalFromPort(control?.abortPort, WORKER_NAME);
      const progress = progressSender(control);
      try {
        const audio = checkAudio(request.audio);
        return await lock(async () => {
          throwIfAborted(signal, WORKER_NAME);
          const engine = await slot.get(engineKey(request.modelId, request.device), signal);
          throwIfAborted(signal, WORKER_NAME);
          const started = now();
          const { transcript, windowTokenIds } = await transcribeLong(engine, audio, {
            language: request.language ?? null,
            timestamps: request.timestamps ?? true,
            task: request.task ?? 'transcribe',
            overlapSeconds: SPEECH_OVERLAP_SECONDS,
            signal,
            onProgress: (p) =>
              progress.send({
                ...p,
                progress: p.windows > 0 ? p.windowsDone / p.windows : 0,
                loaded: p.windowsDone,
                total: p.windows,
                timeElapsed: now() - started,
              }),
          });
          throwIfAborted(signal, WORKER_NAME);
          const elapsedMs = now() - started;
          await progress.flush();
          return { ...transcript, engine: engineInfo(engine), windowTokenIds, elapsedMs };
        });
      } catch (error) {
        await progress.flush();
        throw mediaWorkerError(signal.aborted ? signal.reason : error, WORKER_NAME);
      } finally {
        releaseControl(control);
      }
    },

    /** The spoken language of the audio's first window (loads the model if needed). */
    async detectLanguage(
      modelId: string,
      audio: Float32Array,
      control?: CallControl,
      device?: ModelDevice,
    ): Promise<LanguageGuess> {
      const signal = signalFromPort(control?.abortPort, WORKER_NAME);
      try {
        const samples = checkAudio(audio);
        return await lock(async () => {
          throwIfAborted(signal, WORKER_NAME);
          const engine = await slot.get(engineKey(modelId, device), signal);
          const window = samples.subarray(0, engine.windowSeconds * engine.sampleRate);
          return await engine.detectLanguage(window, { signal });
        });
      } catch (error) {
        throw mediaWorkerError(signal.aborted ? signal.reason : error, WORKER_NAME);
      } finally {
        releaseControl(control);
      }
    },

    /** Frees the loaded model (after any call still running). */
    async unload(): Promise<void> {
      await lock(() => slot.dispose());
    },
  };
}

/** The speech worker's API as the worker sees it; clients see `Remote<SpeechApi>`. */
export type SpeechApi = ReturnType<typeof createSpeechApi>;
