// A conversation gets a title without the person typing one: at once from the first message
// (titleFromText), then, when a model is loaded, from a short model-written summary. Model
// output is untrusted — small or test models ramble, quote, or emit noise — so cleanModelTitle
// either returns something a list can show or null, and the caller keeps the text title.
import type { Locale } from '../locale';
import type { Turn } from './context-fit';
import { shorten } from '../text/shorten';

/** Longest title the list shows when it comes from the text. */
export const TITLE_MAX_CHARS = 48;
/** Each side of the exchange the title model sees, in characters. */
export const TITLE_PROMPT_SIDE_CHARS = 600;
/** A cleaned model title longer than this is rejected. */
const MODEL_TITLE_MAX_CHARS = 80;
/** Share of letters/digits (ignoring spaces) below which a model title counts as noise. */
const MIN_WORD_CHAR_RATIO = 0.6;

const FENCED_CODE = /(```|~~~)[^\n`]*\n?([\s\S]*?)(?:\1|$)/g;
const QUOTES = /["“”„«»「」『』]/g;
const EDGE_QUOTES = /^['‘’`]+|['‘’`]+$/g;

/** Removes markdown syntax from one line, keeping the words. */
function stripMarkdownLine(line: string): string {
  return line
    .replace(/<[^>]+>/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)+/, '')
    .replace(/^\s*(?:[-*_=]\s*){3,}$/, '')
    .replace(/\*+|~~|`+|\|/g, ' ')
    .replace(/(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, ' ');
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function firstLine(text: string): string {
  for (const line of text.split('\n')) {
    const cleaned = collapse(stripMarkdownLine(line));
    if (cleaned !== '') return cleaned;
  }
  return '';
}

/** The first line of the code in a message that is only code, kept as written. */
function codeFirstLine(text: string): string {
  for (const match of text.matchAll(FENCED_CODE)) {
    const line = (match[2] ?? '')
      .split('\n')
      .map(collapse)
      .find((l) => l !== '');
    if (line !== undefined) return line;
  }
  return '';
}

/**
 * A title from the first user message: first line/sentence, markdown and code stripped,
 * whitespace collapsed, cut at a word boundary to ≤ maxChars (default 48) with '…';
 * '' input → null. A message that is only code is titled from the code's first line.
 * @example titleFromText('## How do I sort a list in Python? I tried…') // 'How do I sort a list in Python?'
 */
export function titleFromText(text: string, maxChars: number = TITLE_MAX_CHARS): string | null {
  const normalized = text.replace(/\r\n?/g, '\n');
  let line = firstLine(normalized.replace(FENCED_CODE, '\n'));
  if (line === '') line = codeFirstLine(normalized);
  if (line === '') return null;
  const sentence = /^(.+?[.!?…])(?=\s|$)/u.exec(line)?.[1] ?? line;
  const title = sentence.replace(/[\s.,;:]+$/u, '');
  if (title === '') return null;
  return shorten(title, Math.max(2, Math.floor(maxChars)));
}

const TITLE_INSTRUCTION: Record<Locale, string> = {
  en:
    'You name conversations. Write a short title for the conversation below: at most 6 words, ' +
    'in the same language as the conversation, with no quotes, no final punctuation and no ' +
    'explanation. Reply with the title only.',
  'pt-BR':
    'Você dá nomes a conversas. Escreva um título curto para a conversa abaixo: no máximo 6 ' +
    'palavras, no mesmo idioma da conversa, sem aspas, sem pontuação final e sem explicações. ' +
    'Responda apenas com o título.',
};

const EXCHANGE_LABELS: Record<Locale, { heading: string; user: string; assistant: string }> = {
  en: { heading: 'Conversation:', user: 'Person', assistant: 'Assistant' },
  'pt-BR': { heading: 'Conversa:', user: 'Pessoa', assistant: 'Assistente' },
};

/**
 * Turns for the model to write a title (system instruction in `locale` + the exchange, each
 * side cut to 600 chars); the answer should be ≤ 6 words, no quotes.
 */
export function titlePromptTurns(user: string, assistant: string, locale: Locale): Turn[] {
  const labels = EXCHANGE_LABELS[locale];
  const side = (text: string): string => shorten(collapse(text), TITLE_PROMPT_SIDE_CHARS);
  return [
    { role: 'system', content: TITLE_INSTRUCTION[locale] },
    {
      role: 'user',
      content: `${labels.heading}\n${labels.user}: ${side(user)}\n${labels.assistant}: ${side(assistant)}`,
    },
  ];
}

function stripTitleDecorations(text: string): string {
  let current = text;
  for (let previous = ''; previous !== current;) {
    previous = current;
    current = collapse(stripMarkdownLine(current))
      .replace(QUOTES, '')
      .replace(EDGE_QUOTES, '')
      .replace(/^(?:title|t[ií]tulo)\s*[:：\-–—]\s*/iu, '')
      .replace(/[\s.,;:!?…。]+$/u, '')
      .trim();
  }
  return collapse(current);
}

function mostlyWordChars(text: string): boolean {
  const visible = Array.from(text.replace(/\s+/g, ''));
  if (visible.length === 0) return false;
  const word = visible.filter((c) => /[\p{L}\p{N}\p{M}]/u.test(c)).length;
  return word > 0 && word / visible.length >= MIN_WORD_CHAR_RATIO;
}

/**
 * Cleans the model's raw title: first non-empty line, strips quotes/markdown/'Title:'/'Título:'
 * prefixes and trailing punctuation, collapses spaces; returns null when the result is empty,
 * longer than 80 chars, or not mostly letters/digits (random-weight test models produce
 * garbage; then the caller falls back to titleFromText).
 * @example cleanModelTitle('**Título:** "Receita de pão caseiro".') // 'Receita de pão caseiro'
 */
export function cleanModelTitle(raw: string): string | null {
  const withoutThinking = raw.replace(/<think>[\s\S]*?(?:<\/think>|$)/g, '\n');
  const line = withoutThinking
    .split(/\r\n?|\n/)
    .map((l) => l.trim())
    .find((l) => stripTitleDecorations(l) !== '');
  if (line === undefined) return null;
  const title = stripTitleDecorations(line);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we reject
  if (/[\uFFFD\u0000-\u001F\u007F]/u.test(title)) return null;
  if (Array.from(title).length > MODEL_TITLE_MAX_CHARS) return null;
  return mostlyWordChars(title) ? title : null;
}
