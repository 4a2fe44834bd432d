// Why this file exists: the typed door to the speech worker (SpeechClient in media-types.ts)
// for the app and core. Only `import type` of the worker's API, so transformers.js stays out
// of the main bundle. The audio buffer is transferred, not copied: an hour of 16 kHz audio is
// 230 MB. The worker ends after an idle while, which frees the model with it.
import { transfer } from 'comlink';
import type { TranscriptionProgress } from '../core/voice/types';
import type { SpeechApi, SpeechProgress } from './speech-api';
import type { SpeechClient, TranscriptionRequest } from './media-types';
import { ManagedWorker } from './managed-worker';
import { callControl, type TaskProgress } from './rpc';

/** A loaded Whisper is worth keeping a while between two recordings. */
export const SPEECH_IDLE_TIMEOUT_MS = 120_000;
/** Whisper detects the language from its first window: 30 s at 16 kHz. */
const DETECT_SAMPLES = 30 * 16_000;

function createDefaultWorker(): Worker {
  return new Worker(new URL('./speech.worker.ts', import.meta.url), {
    type: 'module',
    name: 'omnia-speech',
  });
}

/** The transcription fields of a speech worker report (it sends SpeechProgress). */
function transcriptionProgressOf(p: TaskProgress): TranscriptionProgress {
  const speech = p as Partial<SpeechProgress>;
  return {
    windowsDone: speech.windowsDone ?? p.loaded,
    windows: speech.windows ?? p.total,
    secondsDone: speech.secondsDone ?? 0,
  };
}

/** The buffer to transfer with `audio` (none for shared memory, which is never copied anyway). */
function buffersOf(audio: Float32Array): Transferable[] {
  return audio.buffer instanceof ArrayBuffer ? [audio.buffer] : [];
}

/** A structured-clone-safe request (Svelte state may hand proxies) with only known fields. */
function plainRequest(request: TranscriptionRequest): TranscriptionRequest {
  return {
    modelId: request.modelId,
    audio: request.audio,
    ...(request.language !== undefined ? { language: request.language } : {}),
    ...(request.timestamps !== undefined ? { timestamps: request.timestamps } : {}),
    ...(request.task !== undefined ? { task: request.task } : {}),
    ...(request.device !== undefined ? { device: request.device } : {}),
  };
}

/**
 * Creates the speech client; the worker starts on the first call.
 * @example
 * const speech = createSpeechClient();
 * const result = await speech.transcribe({ modelId, audio }, { signal, onProgress: (p) => bar(p.windowsDone / p.windows) });
 */
export function createSpeechClient(
  create: () => Worker = createDefaultWorker,
): SpeechClient & { readonly worker: ManagedWorker<SpeechApi> } {
  const worker = new ManagedWorker<SpeechApi>({
    name: 'speech',
    create,
    idleTimeoutMs: SPEECH_IDLE_TIMEOUT_MS,
  });
  return {
    worker,
    transcribe(request, options = {}) {
      const { onProgress, signal } = options;
      const plain = plainRequest(request);
      return worker.run(
        (api, abortPort) =>
          api.transcribe(
            transfer(plain, buffersOf(plain.audio)),
            callControl(onProgress && ((p) => onProgress(transcriptionProgressOf(p))), abortPort),
          ),
        signal ? { signal } : {},
      );
    },
    detectLanguage(modelId, audio, options = {}) {
      // Only the first window is listened to: copy that much (the caller keeps its audio).
      const head = audio.slice(0, DETECT_SAMPLES);
      return worker.run(
        (api, abortPort) =>
          api.detectLanguage(
            modelId,
            transfer(head, buffersOf(head)),
            callControl(undefined, abortPort),
            options.device,
          ),
        options.signal ? { signal: options.signal } : {},
      );
    },
    unload: () => worker.run((api) => api.unload()),
  };
}
