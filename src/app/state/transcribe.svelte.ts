/**
 * The Transcribe view's state: the recording picked (decoded to 16 kHz PCM here, on the main
 * thread, since only it has WebAudio's codecs), the options, the running transcription in the
 * speech worker with its progress and cancel, and this tab's finished transcripts. Those live in
 * memory only, until the tab closes, unless the person saves one to the Library.
 */
import type { Transcript, TranscriptFormat, TranscriptionProgress } from '../../core/voice/types';
import { formatTranscript, transcriptFileName } from '../../core/voice/transcript-format';
import { planWindows } from '../../core/voice/windows';
import type { CatalogEntry } from '../../models/catalog';
import type { TranscriptionResult } from '../../workers/media-types';
import { downloadBlob } from '../download';
import { decodeAudioFile, DECODE_SAMPLE_RATE } from '../media/decode-audio';
import { libraryService } from './library.svelte';
import { installedModels, speechClient } from './media-clients';
import { modelsState } from './models.svelte';

/** A recording ready to transcribe. */
export interface PickedAudio {
  name: string;
  blob: Blob;
  /** Object URL of the file, for the player (revoked when no transcript uses it). */
  url: string;
  pcm: Float32Array;
  durationSeconds: number;
}

export type TranscribeTask = 'transcribe' | 'translate';

/** One finished transcription of this tab. */
export interface SessionTranscript {
  id: string;
  name: string;
  blob: Blob;
  url: string;
  modelId: string;
  task: TranscribeTask;
  /** The language asked for; null when it was detected. */
  requestedLanguage: string | null;
  result: TranscriptionResult;
  savedDocumentId: string | null;
}

/** What went wrong, for the view to phrase: the picked file, or the transcription. */
export interface TranscribeProblem {
  stage: 'decode' | 'transcribe' | 'save';
  error: unknown;
}

const MIME: Readonly<Record<TranscriptFormat, string>> = {
  txt: 'text/plain;charset=utf-8',
  srt: 'application/x-subrip;charset=utf-8',
  vtt: 'text/vtt;charset=utf-8',
};

function isAbort(error: unknown): boolean {
  if (error instanceof DOMException && error.name === 'AbortError') return true;
  return error instanceof Error && 'kind' in error && error.kind === 'aborted';
}

/** The plain transcript (what exports and the Library keep), without the run's facts. */
export function plainTranscript(result: TranscriptionResult): Transcript {
  return {
    language: result.language,
    durationSeconds: result.durationSeconds,
    segments: result.segments.map((s) => ({ start: s.start, end: s.end, text: s.text })),
    text: result.text,
    windows: result.windows,
  };
}

class TranscribeState {
  #audio = $state.raw<PickedAudio | null>(null);
  #decoding = $state<string | null>(null);
  #decodeController: AbortController | null = null;
  #running = $state.raw<AbortController | null>(null);
  #progress = $state.raw<TranscriptionProgress | null>(null);
  #problem = $state.raw<TranscribeProblem | null>(null);
  #cancelled = $state(false);
  #transcripts = $state.raw<readonly SessionTranscript[]>([]);
  #shownId = $state<string | null>(null);
  #saving = $state<string | null>(null);

  /** Chosen options; '' model means none chosen yet (the first installed is used). */
  modelId = $state('');
  /** 'auto': detected from the audio. */
  language = $state('auto');
  task = $state<TranscribeTask>('transcribe');

  start(): void {
    modelsState.start();
  }

  /** Installed speech-to-text models, in catalog order (fixtures only for developers). */
  get models(): readonly CatalogEntry[] {
    return installedModels('speech-to-text');
  }
  get modelsLoaded(): boolean {
    return modelsState.loaded;
  }
  /** The model a run would use: the chosen one if still installed, else the first. */
  get model(): CatalogEntry | null {
    const models = this.models;
    return models.find((m) => m.id === this.modelId) ?? models[0] ?? null;
  }
  get audio(): PickedAudio | null {
    return this.#audio;
  }
  /** Name of the file being decoded, or null. */
  get decoding(): string | null {
    return this.#decoding;
  }
  get running(): boolean {
    return this.#running !== null;
  }
  get progress(): TranscriptionProgress | null {
    return this.#progress;
  }
  /** Windows the picked audio will be split into (before the worker's first report). */
  get plannedWindows(): number {
    const audio = this.#audio;
    return audio ? Math.max(1, planWindows(audio.pcm.length, DECODE_SAMPLE_RATE).length) : 0;
  }
  get problem(): TranscribeProblem | null {
    return this.#problem;
  }
  /** True right after a cancel, until the next action (the view says nothing was kept). */
  get cancelled(): boolean {
    return this.#cancelled;
  }
  get transcripts(): readonly SessionTranscript[] {
    return this.#transcripts;
  }
  get shown(): SessionTranscript | null {
    return this.#transcripts.find((t) => t.id === this.#shownId) ?? null;
  }
  /** Id of the transcript being saved to the Library, or null. */
  get saving(): string | null {
    return this.#saving;
  }

  show(id: string): void {
    this.#shownId = id;
  }

  /** Decodes the file; a newer pick replaces an older one still decoding. */
  async pick(file: File): Promise<void> {
    this.#decodeController?.abort();
    const controller = new AbortController();
    this.#decodeController = controller;
    this.#problem = null;
    this.#cancelled = false;
    this.#decoding = file.name;
    this.#setAudio(null);
    try {
      const { pcm, durationSeconds } = await decodeAudioFile(file, { signal: controller.signal });
      if (controller.signal.aborted) return;
      const url = URL.createObjectURL(file);
      this.#setAudio({ name: file.name, blob: file, url, pcm, durationSeconds });
    } catch (error) {
      if (!controller.signal.aborted) this.#problem = { stage: 'decode', error };
    } finally {
      if (this.#decodeController === controller) {
        this.#decodeController = null;
        this.#decoding = null;
      }
    }
  }

  /** Transcribes the picked audio; a cancel keeps nothing. */
  async transcribe(): Promise<void> {
    const audio = this.#audio;
    const model = this.model;
    if (!audio || !model || this.#running) return;
    const controller = new AbortController();
    this.#running = controller;
    this.#problem = null;
    this.#cancelled = false;
    this.#progress = null;
    const requestedLanguage = this.language === 'auto' ? null : this.language;
    const task = this.task;
    try {
      const result = await speechClient().transcribe(
        // The worker takes the buffer (transfer): send a copy so the recording can run again.
        { modelId: model.id, audio: audio.pcm.slice(), language: requestedLanguage, task },
        {
          signal: controller.signal,
          onProgress: (p) => {
            if (this.#running === controller) this.#progress = p;
          },
        },
      );
      if (controller.signal.aborted) throw new DOMException('Cancelled', 'AbortError');
      const entry: SessionTranscript = {
        id: crypto.randomUUID(),
        name: audio.name,
        blob: audio.blob,
        url: audio.url,
        modelId: model.id,
        task,
        requestedLanguage,
        result,
        savedDocumentId: null,
      };
      this.#transcripts = [entry, ...this.#transcripts];
      this.#shownId = entry.id;
    } catch (error) {
      if (isAbort(error) || controller.signal.aborted) this.#cancelled = true;
      else this.#problem = { stage: 'transcribe', error };
    } finally {
      this.#running = null;
      this.#progress = null;
    }
  }

  cancel(): void {
    this.#running?.abort();
  }

  /** Downloads the transcript as TXT, SRT or VTT. */
  exportAs(entry: SessionTranscript, format: TranscriptFormat): void {
    const text = formatTranscript(plainTranscript(entry.result), format);
    downloadBlob(new Blob([text], { type: MIME[format] }), transcriptFileName(entry.name, format));
  }

  /** Saves the transcript (and the recording) as a Library document that cites times. */
  async save(entry: SessionTranscript): Promise<void> {
    if (this.#saving || entry.savedDocumentId) return;
    this.#saving = entry.id;
    this.#problem = null;
    try {
      const documentId = await libraryService().addTranscript({
        name: entry.name,
        transcript: plainTranscript(entry.result),
        source: entry.blob,
      });
      this.#transcripts = this.#transcripts.map((t) =>
        t.id === entry.id ? { ...t, savedDocumentId: documentId } : t,
      );
    } catch (error) {
      this.#problem = { stage: 'save', error };
    } finally {
      this.#saving = null;
    }
  }

  /** Replaces the picked audio, freeing the old file's URL unless a transcript plays it. */
  #setAudio(next: PickedAudio | null): void {
    const old = this.#audio;
    if (old && !this.#transcripts.some((t) => t.url === old.url)) URL.revokeObjectURL(old.url);
    this.#audio = next;
  }
}

export const transcribeState = new TranscribeState();
