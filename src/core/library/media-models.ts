// Why this file exists: which installed model the Library uses for each media task, and what a
// document waiting for one says. The rule is the library worker's rule for embedders: the
// first installed model in catalog order (fixtures count: they install only with the
// developer flag). OCR uses every installed language at once ('por+eng').
import { getModel, hasModel, listModels, type ModelTask } from '../../models/catalog';
import { createInstallStore, type DocumentRecord } from '../../storage';
import type { IngestProblem } from '../ingest/types';
import type { MediaModelTask, MediaPorts } from './ports';

/** The models a media job would use now; null / [] where none is installed. */
export interface MediaModels {
  speech: string | null;
  captioner: string | null;
  ocr: string[];
  /**
   * The captioner when it also reads text in images (Florence-2's OCR task): it reads scanned
   * pages and images' text when no OCR language is installed. null otherwise.
   */
  textReader: string | null;
}

/** Installed models of a task, in catalog order, read from the install records. */
export async function installedModelsFromStorage(task: ModelTask): Promise<string[]> {
  const records = await createInstallStore().list();
  const installed = new Set(records.filter((r) => r.status === 'installed').map((r) => r.modelId));
  return listModels({ task, includeFixtures: true })
    .filter((entry) => installed.has(entry.id))
    .map((entry) => entry.id);
}

export async function installedMediaModels(
  ports: Pick<MediaPorts, 'installedModels'>,
): Promise<MediaModels> {
  const list = (task: MediaModelTask): Promise<string[]> =>
    ports.installedModels ? ports.installedModels(task) : installedModelsFromStorage(task);
  const [speech, captioner, ocr] = await Promise.all([
    list('speech-to-text'),
    list('image-to-text'),
    list('ocr'),
  ]);
  const first = captioner[0] ?? null;
  const readsText = first !== null && hasModel(first) && getModel(first).readsImageText === true;
  return { speech: speech[0] ?? null, captioner: first, ocr, textReader: readsText ? first : null };
}

export type WaitingFor = NonNullable<DocumentRecord['waitingFor']>;

/**
 * What a document waiting for a model says, naming what to install. `detail.reason` is the
 * UI's translation key (library.media.<reason>); `detail.install` the task to install.
 */
export const WAITING_MESSAGES: Readonly<Record<WaitingFor, IngestProblem>> = {
  transcription: {
    code: 'waiting-for-media',
    message: 'Install a speech-to-text model in Models to transcribe this recording.',
    detail: { reason: 'wait-transcription', install: 'speech-to-text' },
  },
  captioning: {
    code: 'waiting-for-media',
    message: 'Install an image-to-text or OCR model in Models to describe this image.',
    detail: { reason: 'wait-captioning', install: 'image-to-text' },
  },
  video: {
    code: 'waiting-for-media',
    message: 'Install an image-to-text model in Models to describe this video.',
    detail: { reason: 'wait-video', install: 'image-to-text' },
  },
  ocr: {
    code: 'waiting-for-media',
    message: 'Install an OCR model in Models to read the scanned pages of this PDF.',
    detail: { reason: 'wait-ocr', install: 'ocr' },
  },
};

/** A note on a processed document about a part left out for want of a model. */
export const PARTIAL_NOTES = {
  noSpeechModel: {
    code: 'waiting-for-media',
    message:
      'What is said was not transcribed: install a speech-to-text model in Models, then process it again.',
    detail: { reason: 'no-speech-model', install: 'speech-to-text' },
  },
  noCaptioner: {
    code: 'waiting-for-media',
    message:
      'The image was read but not described: install an image-to-text model in Models, then process it again.',
    detail: { reason: 'no-captioner', install: 'image-to-text' },
  },
  noOcr: {
    code: 'waiting-for-media',
    message:
      'Text in the image was not read: install an OCR model in Models, then process it again.',
    detail: { reason: 'no-ocr', install: 'ocr' },
  },
  noAudioTrack: {
    code: 'waiting-for-media',
    message: 'This video has no audio track the browser can decode, so only what is seen is kept.',
    detail: { reason: 'no-audio-track' },
  },
} as const satisfies Record<string, IngestProblem>;

/**
 * Whether the document can be processed with these models; the waiting reason when not.
 * A PDF with some text is never 'waiting' (its text is indexed; scanned pages wait apart).
 */
export function missingModelFor(kind: string, models: MediaModels): WaitingFor | null {
  if (kind === 'audio') return models.speech ? null : 'transcription';
  if (kind === 'image') return models.captioner || models.ocr.length > 0 ? null : 'captioning';
  if (kind === 'video') return models.captioner ? null : 'video';
  if (kind === 'pdf') return models.ocr.length > 0 || models.textReader ? null : 'ocr';
  return null;
}
