/**
 * Dictation in the chat composer: records the microphone (media/mic-recorder.ts), shows its
 * level and elapsed time, then has the speech worker transcribe it with the installed
 * speech-to-text model (timestamps off) and hands the text back. One recording at a time.
 */
import { i18n } from '../i18n/i18n.svelte';
import { MicError, startMicRecording, type MicRecording } from '../media/mic-recorder';
import { installedModelFor, isAborted, mediaErrorText, speechClient } from './media-clients';

export type DictationPhase = 'idle' | 'starting' | 'recording' | 'transcribing';

class Dictation {
  #phase = $state<DictationPhase>('idle');
  #level = $state(0);
  #elapsedMs = $state(0);
  #error = $state<string | null>(null);
  #recording: MicRecording | null = null;
  #starting: Promise<void> | null = null;
  #controller: AbortController | null = null;
  /** Bumped by cancel(): a start or transcription from before it ends quietly. */
  #generation = 0;

  get phase(): DictationPhase {
    return this.#phase;
  }
  /** RMS of the last ~50 ms of audio, 0–1. */
  get level(): number {
    return this.#level;
  }
  get elapsedMs(): number {
    return this.#elapsedMs;
  }
  get error(): string | null {
    return this.#error;
  }
  /** The speech-to-text model dictation uses, or null when none is installed. */
  get modelId(): string | null {
    return installedModelFor('speech-to-text');
  }
  get active(): boolean {
    return this.#phase !== 'idle';
  }

  dismissError(): void {
    this.#error = null;
  }

  /** Starts recording (no-op while one is under way). */
  start(): Promise<void> {
    if (this.#phase !== 'idle') return this.#starting ?? Promise.resolve();
    this.#error = null;
    if (!this.modelId) {
      this.#error = i18n.t('voiceChat.noSpeechModel');
      return Promise.resolve();
    }
    const generation = ++this.#generation;
    this.#phase = 'starting';
    this.#level = 0;
    this.#elapsedMs = 0;
    this.#starting = startMicRecording(
      ({ rms, elapsedMs }) => {
        this.#level = rms;
        this.#elapsedMs = elapsedMs;
      },
      {
        permission: i18n.t('voiceChat.micDenied'),
        'no-device': i18n.t('voiceChat.micMissing'),
        busy: i18n.t('voiceChat.micBusy'),
        unsupported: i18n.t('voiceChat.micUnsupported'),
        failed: i18n.t('voiceChat.micFailed'),
      },
    ).then(
      (recording) => {
        if (generation !== this.#generation) return recording.cancel();
        this.#starting = null;
        this.#recording = recording;
        this.#phase = 'recording';
      },
      (error: unknown) => {
        if (generation !== this.#generation) return;
        this.#starting = null;
        this.#phase = 'idle';
        this.#error = error instanceof MicError ? error.message : mediaErrorText(error);
      },
    );
    return this.#starting;
  }

  /**
   * Stops recording and transcribes. Resolves with the text, or null when there is none
   * (cancelled, nothing recorded, or an error, which `error` then says).
   * @param language ISO 639-1 code of the conversation, or null to let the model detect it.
   */
  async stop(language: string | null): Promise<string | null> {
    if (this.#starting) await this.#starting;
    const recording = this.#recording;
    const modelId = this.modelId;
    if (this.#phase !== 'recording' || !recording || !modelId) return null;
    this.#recording = null;
    this.#phase = 'transcribing';
    const generation = this.#generation;
    const controller = new AbortController();
    this.#controller = controller;
    try {
      const audio = await recording.stop();
      if (audio.length === 0) {
        this.#error = i18n.t('voiceChat.nothingRecorded');
        return null;
      }
      const result = await speechClient().transcribe(
        { modelId, audio, language, timestamps: false },
        { signal: controller.signal },
      );
      if (generation !== this.#generation) return null;
      const text = result.text.trim();
      if (!text) this.#error = i18n.t('voiceChat.nothingHeard');
      return text || null;
    } catch (error) {
      if (!isAborted(error) && generation === this.#generation) {
        this.#error = i18n.t('voiceChat.transcribeFailed', { detail: mediaErrorText(error) });
      }
      return null;
    } finally {
      if (generation === this.#generation) {
        this.#phase = 'idle';
        this.#controller = null;
        this.#level = 0;
      }
    }
  }

  /** Discards the recording or the transcription under way. */
  cancel(): void {
    this.#generation++;
    this.#recording?.cancel();
    this.#recording = null;
    this.#controller?.abort();
    this.#controller = null;
    this.#starting = null;
    this.#phase = 'idle';
    this.#level = 0;
    this.#elapsedMs = 0;
  }
}

export const dictation = new Dictation();
