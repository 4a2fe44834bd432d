// Word handling shared by every keyword search in Omnia (chat history now, BM25 over
// documents later). People type Portuguese without accents and mix in English, so
// "acao" must find "Ação" and "informações" must find "informacao": one folding,
// tokenizing and stemming pipeline, used for both indexing and queries, keeps the two
// sides in step. Offsets back into the original text are kept for highlighting.

const WORD = /[\p{L}\p{N}]+/gu;
/** A word in unfolded text: may carry combining marks (decomposed input). */
const RAW_WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
const MARKS = /\p{M}/gu;
const DIGIT = /\d/;
const VOWEL = /[aeiouy]/;

/** Lowercase + strip diacritics (NFD, remove \p{M}), ç→c; keeps digits. */
export function foldAccents(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(MARKS, '');
}

/** The folded text plus, for every code unit of it, where it came from in the original. */
export interface FoldedText {
  folded: string;
  /** `origin[i]` is the index in the original of folded[i]; `origin[folded.length]` is the original's length. */
  origin: number[];
}

/**
 * Folds character by character so that a match in the folded text can be cut back out
 * of the original, e.g. to show "Não sei" where the pattern saw "nao sei".
 */
export function foldWithOffsets(text: string): FoldedText {
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length;) {
    const codePoint = text.codePointAt(i) ?? 0;
    const width = codePoint > 0xffff ? 2 : 1;
    const piece = foldAccents(text.slice(i, i + width));
    for (let k = 0; k < piece.length; k++) origin.push(i);
    folded += piece;
    i += width;
  }
  origin.push(text.length);
  return { folded, origin };
}

/** Splits into word tokens (Unicode letters/digits; apostrophes, hyphens and punctuation split), folded. */
export function tokenize(text: string): string[] {
  return foldAccents(text).match(WORD) ?? [];
}

/** A word of the original text: `[start, end)` in the original and its folded form. */
export interface WordSpan {
  start: number;
  end: number;
  word: string;
}

/**
 * The same words as {@link tokenize}, with their positions in the unfolded text, so a
 * match can be highlighted where the person wrote it.
 */
export function wordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const found of text.matchAll(RAW_WORD)) {
    const start = found.index;
    const end = start + found[0].length;
    for (const word of foldedWords(found[0])) spans.push({ start, end, word });
  }
  return spans;
}

// Snippets fold every word of the messages they show, and words repeat: remember each
// written word's folded form (bounded, like processTerm's cache below).
const WORD_CACHE_MAX = 50_000;
const wordCache = new Map<string, string[]>();

function foldedWords(raw: string): string[] {
  let words = wordCache.get(raw);
  if (words === undefined) {
    words = tokenize(raw);
    if (wordCache.size >= WORD_CACHE_MAX) wordCache.clear();
    wordCache.set(raw, words);
  }
  return words;
}

// Function words dropped from the index and from queries, folded. Negations (não, nem,
// nunca, not, no, never…) stay searchable on purpose: "não" alone is a real query.
// The last line is what apostrophes leave behind: it's, don't, I'll, we're, I've, I'm, d'água.
const STOPWORD_TEXT = `
  a o as os um uma uns umas de do da dos das em na nas nos num numa ao aos por pelo pela
  pelos pelas para pra com e ou que se mas como mais ja so ate entre sobre isso isto
  esse essa este esta esses essas estes estas aquele aquela ele ela eles elas eu voce voces
  me te lhe lhes meu minha seu sua teu tua ser sao foi era estar estou tem ter ha tambem
  muito quando onde qual quais porque pois entao
  the an and or of to in on at by for with from into about is are was were be been being
  am do does did have has had it its this that these those i you he she we they my your his
  her our their them but if than then there what which who how when will would should could
  can just also very
  s t d ll re ve m
`;

/** Portuguese and English function words, folded; callers may drop them. */
export const STOPWORDS: ReadonlySet<string> = new Set(STOPWORD_TEXT.trim().split(/\s+/));

const MIN_WORD = 4;
const MIN_STEM = 3;

/** `word` minus `suffix` plus `replacement`, when what is left is at least `minStem` long. */
function swap(word: string, suffix: string, replacement: string, minStem: number): string | null {
  if (!word.endsWith(suffix)) return null;
  const stem = word.slice(0, word.length - suffix.length);
  return stem.length >= minStem ? stem + replacement : null;
}

/** running → run, stopped → stop; but not called → cal. */
function undouble(stem: string): string {
  const last = stem.at(-1);
  return last !== undefined && last === stem.at(-2) && !'lsz'.includes(last)
    ? stem.slice(0, -1)
    : stem;
}

/** -ing/-ed only when a vowel is left (so "string", "shed" stay whole). */
function stripVerbEnding(word: string): string {
  for (const suffix of ['ing', 'ed']) {
    const stem = swap(word, suffix, '', MIN_STEM);
    if (stem !== null && VOWEL.test(stem)) return undouble(stem);
  }
  return word;
}

/**
 * Light, conservative pt+en stemmer for search terms: plural and common inflection
 * suffixes (pt: -ções/-ões→-ão, -ais→-al, -eis→-el, -mente, -s; en: -ies→-y, -s, -ing,
 * -ed) with a minimum stem length so short words stay intact. A final -e is dropped
 * too, so singular and plural meet ("boxes"/"box", "cidades"/"cidade"). Input is
 * already folded; words with digits are left alone.
 *
 * @example stemTerm('informacoes') === stemTerm('informacao') // 'informacao'
 */
export function stemTerm(term: string): string {
  if (term.length < MIN_WORD || DIGIT.test(term)) return term;
  const portuguese =
    swap(term, 'mente', '', 4) ??
    swap(term, 'oes', 'ao', 2) ??
    swap(term, 'ais', 'al', 2) ??
    swap(term, 'eis', 'el', 2);
  if (portuguese !== null) return portuguese;
  if (term.length > MIN_WORD) {
    const english = swap(term, 'ies', 'y', 2) ?? swap(term, 'ied', 'y', 2);
    if (english !== null) return english;
  }
  let word = term;
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) word = word.slice(0, -1);
  word = stripVerbEnding(word);
  if (word.endsWith('e') && word.length > MIN_STEM) word = word.slice(0, -1);
  return word;
}

// Indexing calls processTerm once per word of every message; words repeat a lot, so the
// answers are remembered. The cap keeps memory bounded on unusual corpora.
const TERM_CACHE_MAX = 50_000;
const termCache = new Map<string, string | null>();

/** The term pipeline used by MiniSearch: fold, drop stopwords, stem. Returns null to drop. */
export function processTerm(term: string): string | null {
  const cached = termCache.get(term);
  if (cached !== undefined) return cached;
  const folded = foldAccents(term);
  const result = folded.length === 0 || STOPWORDS.has(folded) ? null : stemTerm(folded);
  if (termCache.size >= TERM_CACHE_MAX) termCache.clear();
  termCache.set(term, result);
  return result;
}
