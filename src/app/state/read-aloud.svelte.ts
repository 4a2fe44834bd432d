/**
 * Read aloud: speaks one answer at a time with the browser's speech synthesis, in the
 * conversation's language (a matching voice when the browser has one; `lang` set anyway, so
 * the browser picks its own). Starting another answer, sending a message or leaving stops it.
 */
import { speakableText } from '../../core/chat/speakable-text';
import type { TextLanguage } from '../../core/chat/text-language';

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

  /** Speaks a markdown answer (code blocks skipped); stops whatever was being read. */
  speak(messageId: string, markdown: string, language: TextLanguage): void {
    const speech = synthesis();
    if (!speech) return;
    this.stop();
    const text = speakableText(markdown);
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
