// Sentence splitting for Portuguese and English text, shared by chunking (a long paragraph
// is cut between sentences, and overlap is whole sentences), extractive answers and
// research notes (both quote whole sentences). A plain regex on ". " breaks "Dr. Silva",
// "U.S. Army", "3.5" and "e.g. this", so boundaries are checked against abbreviations,
// initials and what follows. Offsets point into the original text so callers can cut the
// exact original span (formatting kept).
import { foldAccents } from '../text/fold';
import { libraryTermsOf } from './terms';

/** One sentence: its trimmed text and `[start, end)` in the original. */
export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

// Folded, without the final dot. Words that usually end a sentence ("etc.") are left out.
const ABBREVIATIONS: ReadonlySet<string> = new Set(
  `
  dr dra drs dras sr sra srs sras srta prof profa profs sto sta av pag pags pp fig figs cap caps
  art arts inc ltda cia co jr mr mrs ms st vs exs obs tel aprox approx dept depto vol vols eds
  adm gov cel sgt e.g i.e cf jan fev feb abr apr mai jun jul ago aug sep oct nov dez dec
  `
    .trim()
    .split(/\s+/),
);

/** A run of terminators with any closing quotes/brackets after it, then whitespace or the end. */
const TERMINATOR = /(\.{2,}|…|[.!?]+)(["'”’»)\]]*)(?=\s|$)/gu;
const LINE_BREAK = /\n+/g;
const LOWERCASE_START = /^\s*\p{Ll}/u;
const UPPERCASE_OR_DIGIT_START = /^\s*["'“‘«([]?[\p{Lu}\p{N}]/u;
/** "U.S", "e.g", "J": letters separated by dots, each one letter long. */
const INITIALS = /^(?:\p{L}\.)*\p{L}$/u;

/** Whether a period right after `word` is part of an abbreviation rather than an ending. */
function isAbbreviation(word: string): boolean {
  const bare = word.replace(/^["'“‘«([]+/u, '');
  if (INITIALS.test(bare)) return true;
  return ABBREVIATIONS.has(foldAccents(bare));
}

/** Whether the terminator run ending at `end` (starting at `start`) closes a sentence. */
function endsSentence(line: string, start: number, end: number, terminator: string): boolean {
  const after = line.slice(end);
  if (after.trim() === '') return true;
  if (LOWERCASE_START.test(after)) return false;
  if (terminator === '…' || terminator.startsWith('..'))
    return UPPERCASE_OR_DIGIT_START.test(after);
  if (terminator !== '.') return true;
  const before = /(\S+)$/u.exec(line.slice(0, start));
  return before === null || !isAbbreviation(before[1] ?? '');
}

/** Adds the trimmed `[from, to)` of `text` to `out`, when it holds anything. */
function pushTrimmed(text: string, from: number, to: number, out: SentenceSpan[]): void {
  const piece = text.slice(from, to);
  const lead = piece.length - piece.trimStart().length;
  const trimmed = piece.trim();
  if (trimmed === '') return;
  out.push({ text: trimmed, start: from + lead, end: from + lead + trimmed.length });
}

/** Splits one line (no newlines) starting at `offset` in the original text. */
function splitLine(text: string, lineStart: number, lineEnd: number, out: SentenceSpan[]): void {
  const line = text.slice(lineStart, lineEnd);
  let from = 0;
  for (const match of line.matchAll(TERMINATOR)) {
    const start = match.index;
    const end = start + match[0].length;
    if (endsSentence(line, start, end, match[1] ?? '')) {
      pushTrimmed(text, lineStart + from, lineStart + end, out);
      from = end;
    }
  }
  pushTrimmed(text, lineStart + from, lineEnd, out);
}

/**
 * The sentences of `text`, in order, trimmed, with offsets into `text`. A line break
 * always ends a sentence (headings, list items and table rows stand alone).
 *
 * @example splitSentences('Dr. Silva chegou. Custa 3.5 mil.').map((s) => s.text)
 * // ['Dr. Silva chegou.', 'Custa 3.5 mil.']
 */
export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let lineStart = 0;
  for (const match of text.matchAll(LINE_BREAK)) {
    splitLine(text, lineStart, match.index, out);
    lineStart = match.index + match[0].length;
  }
  splitLine(text, lineStart, text.length, out);
  return out;
}

/**
 * The searchable terms of `text` as the keyword index reads them (terms.ts: folded, stopwords
 * dropped, stemmed, month and number terms added), in order, repeats kept.
 */
export function termsOf(text: string): string[] {
  return libraryTermsOf(text);
}
