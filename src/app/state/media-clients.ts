/**
 * The tab's one speech worker and one vision worker (the chat, the Transcribe view and the
 * Library share them, so a model is loaded once), and the installed models they use: the
 * first installed model of each task in catalog order (fixtures only for developers). The
 * workers start on first use and end themselves when idle.
 */
import type { CatalogEntry, ModelTask } from '../../models/catalog';
import { engineRuns } from '../../models/engine-support';
import type { SpeechClient, VisionClient } from '../../workers/media-types';
import { createSpeechClient } from '../../workers/speech-client';
import { createVisionClient } from '../../workers/vision-client';
import { WorkerTaskError } from '../../workers/errors';
import { workerErrorText } from '../worker-errors';
import { modelDevice } from './model-device.svelte';
import { modelsState } from './models.svelte';

let speech: SpeechClient | undefined;
let vision: VisionClient | undefined;

/** The speech worker, asked to run on the tab's one device choice (model-device.svelte.ts). */
export function speechClient(): SpeechClient {
  if (!speech) {
    const client = createSpeechClient();
    speech = {
      transcribe: (request, options) =>
        client.transcribe({ device: modelDevice.value, ...request }, options),
      detectLanguage: (modelId, audio, options = {}) =>
        client.detectLanguage(modelId, audio, { device: modelDevice.value, ...options }),
      unload: () => client.unload(),
    };
  }
  return speech;
}

/** The vision worker, asked to run on the tab's one device choice (model-device.svelte.ts). */
export function visionClient(): VisionClient {
  if (!vision) {
    const client = createVisionClient();
    vision = {
      caption: (request, options) =>
        client.caption({ device: modelDevice.value, ...request }, options),
      ocr: (request, options) => client.ocr(request, options),
      unload: () => client.unload(),
    };
  }
  return vision;
}

/** Installed models of a task, in catalog order (fixtures only for developers; reactive). */
export function installedModels(task: ModelTask): CatalogEntry[] {
  // An installed model no engine runs yet (a VLM) must not be handed to a worker that refuses it.
  return modelsState
    .entries(task)
    .filter((e) => modelsState.status(e.id) === 'installed' && engineRuns(e));
}

/** The model a task uses now, or null when none is installed (reactive). */
export function installedModelFor(task: ModelTask): string | null {
  return installedModels(task)[0]?.id ?? null;
}

/** A worker failure as a sentence; bad input keeps the worker's own words (they say what to do). */
export function mediaErrorText(error: unknown): string {
  if (error instanceof WorkerTaskError && error.kind === 'invalid-input') return error.message;
  return workerErrorText(error);
}

export function isAborted(error: unknown): boolean {
  return (
    (error instanceof WorkerTaskError && error.kind === 'aborted') ||
    (error instanceof DOMException && error.name === 'AbortError')
  );
}
