// How the Library's keyword search reads words (text analysis), shared by indexing, queries,
// the extractive answer's sentence scoring and the highlighting of matches, so all of them
// agree. On top of core/text/fold.ts (accents folded, stopwords dropped, light pt+en stems):
// - months meet across languages and abbreviations: "julho", "jul", "July" and "Jul." all
//   also give one month term, so "receita de julho" finds the row whose sheet says "jul";
// - numbers meet across separators: "1.234", "1,234" and "1234" give "1234"; "3,5" and "3.5"
//   give "3.5"; "1.234,56" and "1,234.56" give "1234.56". A lone separator before exactly three
//   digits ("1.234") is read both ways, since "1.234" is a thousand in Portuguese and a
//   decimal in English. Dates, versions and addresses ("12.07.2025", "0.2.0") split as before.
// The original word's term is kept beside the month term, so an exact word still ranks first.
import { foldAccents, processTerm } from '../text/fold';

/** A word (letters/digits), or a number with . or , separators kept whole ("1.234,56"). */
const TOKEN = /[0-9]+(?:[.,][0-9]+)+(?![\p{L}\p{N}])|[\p{L}\p{N}]+/gu;
/** The same in unfolded text, where a letter may carry combining marks. */
const RAW_TOKEN = /[0-9]+(?:[.,][0-9]+)+(?![\p{L}\p{N}])|[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
const SEPARATED_NUMBER = /^[0-9]+(?:[.,][0-9]+)+$/;
const DIGITS = /^[0-9]+$/;
const THOUSANDS_GROUPS = /^[0-9]{1,3}(?:X[0-9]{3})+$/;

const NUMBER_WEIGHT = 2;

/** Month terms start with this: no token can hold a colon, so none collides with a word. */
export const MONTH_PREFIX = 'month:';

const MONTH_WORDS: readonly string[] = [
  'janeiro jan january',
  'fevereiro fev february feb',
  'marco mar march',
  'abril abr april apr',
  'maio mai may',
  'junho jun june',
  'julho jul july',
  'agosto ago august aug',
  'setembro set september sep sept',
  'outubro out october oct',
  'novembro nov november',
  'dezembro dez december dec',
];

/** Folded month word → its month term ("julho" → "month:07"). */
const MONTHS: ReadonlyMap<string, string> = new Map(
  MONTH_WORDS.flatMap((words, i) => {
    const term = `${MONTH_PREFIX}${String(i + 1).padStart(2, '0')}`;
    return words.split(' ').map((word): [string, string] => [word, term]);
  }),
);

/** Whether a term is a number or a month term (no typo tolerance or prefix matching for those). */
export function isExactTerm(term: string): boolean {
  return term.startsWith(MONTH_PREFIX) || /[0-9]/.test(term);
}

/** How much a query term weighs: a number in a question ("12480 dollars") names its passage. */
export function termWeight(term: string): number {
  return /^[0-9]/.test(term) ? NUMBER_WEIGHT : 1;
}

/**
 * The words of `text` for the keyword index, folded: like fold's tokenize, but a number with
 * separators stays one token.
 *
 * @example libraryTokens('Receita: R$ 1.234,56 em Jul.') // ['receita', 'r', '1.234,56', 'em', 'jul']
 */
export function libraryTokens(text: string): string[] {
  return foldAccents(text).match(TOKEN) ?? [];
}

/** A token of unfolded text: `[start, end)` where it was written, and its folded form. */
export interface TokenSpan {
  start: number;
  end: number;
  token: string;
}

/**
 * The tokens of {@link libraryTokens} with where they stand in `text` as written, so a match
 * can be marked there ("1.234,56" whole, "Ação" with its accents).
 */
export function libraryTokenSpans(text: string): TokenSpan[] {
  const spans: TokenSpan[] = [];
  for (const found of text.matchAll(RAW_TOKEN)) {
    const start = found.index;
    const end = start + found[0].length;
    for (const token of libraryTokens(found[0])) spans.push({ start, end, token });
  }
  return spans;
}

/** "123", "1234.5": an integer part without separators and a decimal part without trailing zeros. */
function canonicalNumber(integer: string, fraction: string): string {
  const trimmed = fraction.replace(/0+$/, '');
  return trimmed === '' ? integer : `${integer}.${trimmed}`;
}

/**
 * The readings of a number with separators. The last separator is the decimal one when the
 * other kind also appears ("1.234,56") or when what follows it is not three digits ("3,5");
 * a separator repeated with three-digit groups is a thousands separator ("1.234.567"); one
 * separator before three digits is both ("1.234": 1234 or 1.234, but "2.000" only 2000).
 * Anything else (dates, versions) splits into its digit runs.
 */
function numberTerms(token: string): string[] {
  const separators = token.replace(/[0-9]/g, '');
  const last = token.search(/[.,][0-9]+$/);
  const head = token.slice(0, last);
  const tail = token.slice(last + 1);
  const grouped = (text: string, separator: string): string | null => {
    const marked = text.replaceAll(separator, 'X');
    if (!marked.includes('X')) return DIGITS.test(text) ? text : null;
    return THOUSANDS_GROUPS.test(marked) ? marked.replaceAll('X', '') : null;
  };
  if (new Set(separators).size === 2) {
    const decimal = token[last] ?? '.';
    const thousands = decimal === '.' ? ',' : '.';
    const integer = head.includes(decimal) ? null : grouped(head, thousands);
    if (integer !== null) return [canonicalNumber(integer, tail)];
  } else if (separators.length > 1) {
    const integer = grouped(token, separators[0] ?? '.');
    if (integer !== null) return [integer];
  } else if (tail.length !== 3 || head === '0') {
    return [canonicalNumber(head, tail)];
  } else {
    const whole = head + tail;
    const readings = /^0+$/.test(tail) ? [whole] : [whole, canonicalNumber(head, tail)];
    return head.length <= 3 ? readings : [canonicalNumber(head, tail)];
  }
  return token.split(/[.,]/);
}

// Indexing calls this once per word of every passage; words repeat, so answers are kept.
const CACHE_MAX = 50_000;
const cache = new Map<string, readonly string[]>();

/**
 * The search terms of one token from {@link libraryTokens}: none for a stopword, the stem for
 * a word, the stem and the month term for a month, the readings of a number.
 *
 * @example libraryTerms('julho') // ['julho', 'month:07']
 * @example libraryTerms('1.234') // ['1234', '1.234']
 */
export function libraryTerms(token: string): readonly string[] {
  const cached = cache.get(token);
  if (cached !== undefined) return cached;
  const folded = foldAccents(token);
  let terms: string[];
  if (SEPARATED_NUMBER.test(folded)) {
    terms = numberTerms(folded);
  } else {
    const term = processTerm(folded);
    const month = MONTHS.get(folded);
    terms = term === null ? [] : month === undefined ? [term] : [term, month];
  }
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(token, terms);
  return terms;
}

/** MiniSearch's processTerm: one term, several, or null to drop the token. */
export function processLibraryTerm(token: string): string | string[] | null {
  const terms = libraryTerms(token);
  if (terms.length === 0) return null;
  return terms.length === 1 ? (terms[0] ?? null) : [...terms];
}

/** Every search term of `text`, in order, repeats kept. */
export function libraryTermsOf(text: string): string[] {
  return libraryTokens(text).flatMap((token) => libraryTerms(token));
}
