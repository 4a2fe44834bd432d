// Which of the languages Omnia speaks (English, Portuguese) a text is written in, from its
// common words and Portuguese's diacritics. Read aloud picks a voice with it, and dictation
// tells Whisper the conversation's language instead of guessing from a few seconds of audio.
import type { ChatMessage } from '../../storage';

export type TextLanguage = 'en' | 'pt';

// prettier-ignore
const PORTUGUESE = new Set([
  'o', 'os', 'as', 'um', 'uma', 'de', 'do', 'da', 'dos', 'das', 'em', 'no', 'na', 'nos', 'nas',
  'que', 'não', 'nao', 'é', 'e', 'com', 'para', 'por', 'se', 'mais', 'como', 'mas', 'ao', 'eu',
  'você', 'voce', 'ele', 'ela', 'isso', 'este', 'esta', 'está', 'são', 'foi', 'tem', 'qual',
  'sim', 'muito', 'também', 'já', 'ou', 'seu', 'sua', 'meu', 'minha', 'obrigado', 'olá',
]);

// prettier-ignore
const ENGLISH = new Set([
  'the', 'a', 'an', 'of', 'to', 'in', 'on', 'and', 'is', 'are', 'was', 'it', 'that', 'this',
  'for', 'with', 'as', 'be', 'by', 'not', 'you', 'i', 'he', 'she', 'we', 'they', 'what',
  'which', 'how', 'have', 'has', 'do', 'does', 'can', 'will', 'at', 'from', 'or', 'my', 'your',
  'yes', 'no', 'very', 'also', 'thanks', 'hello', 'there', 'here', 'about', 'would',
]);

const PORTUGUESE_LETTERS = /[ãõçâêôàáéíóú]/giu;

/**
 * The language of `text`, or null when it says too little to tell.
 * @example guessTextLanguage('Qual é a capital do Brasil?') // 'pt'
 */
export function guessTextLanguage(text: string): TextLanguage | null {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let pt = 0;
  let en = 0;
  for (const word of words) {
    if (PORTUGUESE.has(word)) pt++;
    if (ENGLISH.has(word)) en++;
  }
  pt += (text.match(PORTUGUESE_LETTERS) ?? []).length * 0.5;
  if (pt + en < 2) return null;
  if (pt > en * 1.5) return 'pt';
  if (en > pt * 1.5) return 'en';
  return null;
}

/** The language of a conversation: what its person writes, newest turns first; null when unclear. */
export function conversationLanguage(
  messages: readonly Pick<ChatMessage, 'role' | 'content'>[],
): TextLanguage | null {
  const text = messages
    .filter((m) => m.role === 'user')
    .slice(-6)
    .map((m) => m.content)
    .join('\n');
  return guessTextLanguage(text);
}
