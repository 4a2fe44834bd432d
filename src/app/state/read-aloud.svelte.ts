/**
 * Read aloud: speaks one answer at a time with the browser's speech synthesis, in the
 * conversation's language (a matching voice when the browser has one; `lang` set anyway, so
 * the browser picks its own). Starting another answer, sending a message or leaving stops it.
 */
import type { TextLanguage } from '../../core/chat/text-language';

type SpeakableText = (markdown: string) => string;

/**
 * speakableText parses with marked, so it comes as its own chunk: prepare() (a Read aloud
 * button on screen) fetches it, and speak() uses it at once when it is here, keeping the call
 * to speechSynthesis inside the click.
 */
let speakable: SpeakableText | undefined;
let speakableLoad: Promise<SpeakableText> | undefined;

function loadSpeakable(): Promise<SpeakableText> {
  speakableLoad ??= import('../../core/chat/speakable-text').then(
    (module) => (speakable = module.speakableText),
    (error: unknown) => {
      speakableLoad = undefined;
      throw error;
    },
  );
  return speakableLoad;
}

/** BCP 47 tags for the languages the conversation can be in. */
const SPEECH_LANG: Readonly<Record<TextLanguage, string>> = { en: 'en-US', pt: 'pt-BR' };

function synthesis(): SpeechSynthesis | null {
  return typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
}

/** The voice for `lang`: same language and region, else the same language, else none. */
function voiceFor(lang: string): SpeechSynthesisVoice | null {
  const voices = synthesis()?.getVoices() ?? [];
  const base = lang.split('-')[0]?.toLowerCase() ?? '';
  const normalized = (v: SpeechSynthesisVoice): string => v.lang.replace('_', '-').toLowerCase();
  return (
    voices.find((v) => normalized(v) === lang.toLowerCase()) ??
    voices.find((v) => normalized(v).split('-')[0] === base) ??
    null
  );
}

class ReadAloud {
  #speakingId = $state<string | null>(null);
  #utterance: SpeechSynthesisUtterance | null = null;

  /** Whether this browser can speak at all (the button is hidden otherwise). */
  get supported(): boolean {
    return synthesis() !== null && typeof SpeechSynthesisUtterance !== 'undefined';
  }
  /** The message being spoken, or null. */
  get speakingId(): string | null {
    return this.#speakingId;
  }

  /** Fetches what speak() needs ahead of the click (a button showing calls it). */
  prepare(): void {
    if (this.supported) void loadSpeakable().catch(() => undefined);
  }

  /** Speaks a markdown answer (code blocks skipped); stops whatever was being read. */
  speak(messageId: string, markdown: string, language: TextLanguage): void {
    const speech = synthesis();
    if (!speech) return;
    this.stop();
    if (!speakable) {
      // Clicked before the chunk arrived: say so at once, speak when it is here.
      this.#speakingId = messageId;
      loadSpeakable().then(
        (toText) => {
          if (this.#speakingId !== messageId || this.#utterance) return;
          this.#speakingId = null;
          this.#start(speech, messageId, toText(markdown), language);
        },
        () => {
          if (this.#speakingId === messageId && !this.#utterance) this.#speakingId = null;
        },
      );
      return;
    }
    this.#start(speech, messageId, speakable(markdown), language);
  }

  #start(speech: SpeechSynthesis, messageId: string, text: string, language: TextLanguage): void {
    if (!text) return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = SPEECH_LANG[language];
    const voice = voiceFor(utterance.lang);
    if (voice) utterance.voice = voice;
    const done = (): void => {
      if (this.#utterance !== utterance) return;
      this.#utterance = null;
      this.#speakingId = null;
    };
    utterance.onend = done;
    utterance.onerror = done;
    this.#utterance = utterance;
    this.#speakingId = messageId;
    speech.speak(utterance);
  }

  stop(): void {
    if (!this.#utterance && !this.#speakingId) return;
    this.#utterance = null;
    this.#speakingId = null;
    synthesis()?.cancel();
  }
}

export const readAloud = new ReadAloud();
