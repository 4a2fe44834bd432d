// The answer the Library gives with no chat model: the few sentences of the retrieved
// passages that best match the question, each cited. Sentences are scored BM25-style
// (rare query words weigh more, repeats saturate, long sentences are normalised) with a
// bonus for passages ranked higher and for sentences early in their passage, so the
// answer leans on what retrieval already judged best. Sentences are plain text, and headings
// and titles never answer (answer-sentences.ts).
import { answerSentences } from './answer-sentences';
import { termsOf } from './sentences';
import { libraryTerms, libraryTokens, termWeight } from './terms';
import type { CitedPassage, ExtractiveAnswer, Passage } from './types';
import { shorten } from '../text/shorten';

export { shorten };

export interface ExtractiveOptions {
  /** Most highlight sentences (default 4). */
  maxHighlights?: number;
  /** Most highlights taken from one passage (default 2), so several sources speak. */
  perPassage?: number;
}

const DEFAULT_HIGHLIGHTS = 4;
const DEFAULT_PER_PASSAGE = 2;
const MAX_SENTENCE_CHARS = 280;
/** Labels ("Pessoas: 7" aside) too short to answer anything stand in only when nothing else matches. */
const MIN_SENTENCE_TERMS = 3;
const K1 = 1.2;
const B = 0.75;
const PASSAGE_DECAY = 0.15;
const POSITION_DECAY = 0.05;
/** What a query term found only in the passage's section or document name is worth. */
const CONTEXT_WEIGHT = 0.5;
/**
 * A sentence that matches only query words a better one already matched, scoring under this
 * share of it, adds nothing: for "receita de julho" the July row answers, and the other
 * months' rows (which match "receita" alone) are left out.
 */
const SUBSUMED_SHARE = 0.6;

interface Candidate {
  passage: CitedPassage;
  order: number;
  text: string;
  terms: string[];
  /** The query's terms this sentence holds. */
  matched: Set<string>;
  /** Words that give terms: a month or a number read two ways does not make a sentence longer. */
  length: number;
  /** A table row: its place in the table says nothing about it. */
  row: boolean;
  score: number;
}

/** Numbers passages 1..n in their given order, for [n] citations. */
export function citePassages(passages: readonly Passage[]): CitedPassage[] {
  return passages.map((passage, i) => ({ ...passage, index: i + 1 }));
}

function wordCount(text: string): number {
  return libraryTokens(text).filter((token) => libraryTerms(token).length > 0).length;
}

function candidatesOf(passages: readonly CitedPassage[]): Candidate[] {
  return passages.flatMap((passage) =>
    answerSentences(passage).map((sentence) => ({
      passage,
      order: sentence.order,
      text: sentence.text,
      row: sentence.row,
      terms: termsOf(sentence.text),
      matched: new Set<string>(),
      length: wordCount(sentence.text),
      score: 0,
    })),
  );
}

/** The search terms of what a passage sits under: its section's headings and its document's name. */
function contextTerms(passage: CitedPassage): Set<string> {
  return new Set(termsOf(`${passage.section ?? ''} ${passage.documentName}`));
}

/**
 * BM25 of each candidate against the query terms, times the rank and position bonuses. A
 * term's rarity is counted in passages, not sentences: a table's column name repeats in every
 * row of its passage ("Receita: …") and must not look common for it. A query term missing
 * from the sentence but present in its section or document name counts at CONTEXT_WEIGHT:
 * "o valor mensal do contrato" leans to the sentence under the contract's heading.
 */
function score(
  candidates: Candidate[],
  passages: readonly CitedPassage[],
  queryTerms: ReadonlySet<string>,
): void {
  const averageLength =
    candidates.reduce((sum, c) => sum + c.length, 0) / (candidates.length || 1) || 1;
  const context = new Map(passages.map((p) => [p, contextTerms(p)]));
  const holders = new Map<string, Set<CitedPassage>>();
  const hold = (term: string, passage: CitedPassage): void => {
    if (!queryTerms.has(term)) return;
    let set = holders.get(term);
    if (set === undefined) holders.set(term, (set = new Set()));
    set.add(passage);
  };
  for (const candidate of candidates) {
    for (const term of candidate.terms) hold(term, candidate.passage);
  }
  for (const [passage, terms] of context) for (const term of terms) hold(term, passage);
  const idf = (term: string): number => {
    const df = holders.get(term)?.size ?? 0;
    return termWeight(term) * Math.log(1 + (passages.length - df + 0.5) / (df + 0.5));
  };
  for (const candidate of candidates) {
    const tf = new Map<string, number>();
    for (const term of candidate.terms)
      if (queryTerms.has(term)) tf.set(term, (tf.get(term) ?? 0) + 1);
    let bm25 = 0;
    const norm = K1 * (1 - B + (B * candidate.length) / averageLength);
    for (const [term, f] of tf) bm25 += (idf(term) * f * (K1 + 1)) / (f + norm);
    candidate.matched = new Set(tf.keys());
    // Context only adds to a sentence that holds a query term itself.
    for (const term of tf.size > 0 ? (context.get(candidate.passage) ?? []) : []) {
      if (queryTerms.has(term) && !tf.has(term)) bm25 += CONTEXT_WEIGHT * idf(term);
    }
    const rankBonus = 1 / (1 + PASSAGE_DECAY * (candidate.passage.index - 1));
    // Rows of a table are equals: the twelfth month is no less an answer than the first.
    const positionBonus = candidate.row ? 1 : 1 / (1 + POSITION_DECAY * candidate.order);
    candidate.score = bm25 * rankBonus * positionBonus;
  }
}

/** Whether a chosen sentence already answers everything `candidate` matches, and better. */
function subsumed(candidate: Candidate, chosen: readonly Candidate[]): boolean {
  return chosen.some(
    (better) =>
      candidate.score < SUBSUMED_SHARE * better.score &&
      [...candidate.matched].every((term) => better.matched.has(term)),
  );
}

/**
 * The best candidates, at most `perPassage` from one passage, no sentence twice, none that
 * only repeats what a much better one matched.
 */
function pick(candidates: readonly Candidate[], max: number, perPassage: number): Candidate[] {
  const ranked = [...candidates].sort(
    (a, b) => b.score - a.score || a.passage.index - b.passage.index || a.order - b.order,
  );
  const chosen: Candidate[] = [];
  const seen = new Set<string>();
  const fromPassage = new Map<number, number>();
  for (const candidate of ranked) {
    if (chosen.length >= max) break;
    const key = candidate.terms.join(' ');
    const used = fromPassage.get(candidate.passage.index) ?? 0;
    if (seen.has(key) || used >= perPassage || subsumed(candidate, chosen)) continue;
    seen.add(key);
    fromPassage.set(candidate.passage.index, used + 1);
    chosen.push(candidate);
  }
  return chosen;
}

/**
 * The passages numbered for citing and up to four highlight sentences answering `query`,
 * each in plain text and ending in its citation marker ("… [2]"). When no sentence shares a
 * word with the query, the first sentence of each of the top passages stands in. A heading
 * or a title is never a highlight.
 *
 * @example extractiveAnswer('manutenção das bombas', passages).highlights[0]
 * // { text: 'A manutenção das bombas acontece a cada seis meses. [1]', citation: 1 }
 */
export function extractiveAnswer(
  query: string,
  passages: readonly Passage[],
  options: ExtractiveOptions = {},
): ExtractiveAnswer {
  const max = options.maxHighlights ?? DEFAULT_HIGHLIGHTS;
  const perPassage = options.perPassage ?? DEFAULT_PER_PASSAGE;
  const cited = citePassages(passages);
  const all = candidatesOf(cited);
  const queryTerms = new Set(termsOf(query));
  score(all, cited, queryTerms);
  const full = all.filter((c) => c.terms.length >= MIN_SENTENCE_TERMS);
  let chosen = pick(
    (full.some((c) => c.score > 0) ? full : all).filter((c) => c.score > 0),
    max,
    perPassage,
  );
  if (chosen.length === 0) {
    const firsts = cited
      .map((p) => {
        const own = all.filter((c) => c.passage === p);
        return own.find((c) => c.terms.length >= MIN_SENTENCE_TERMS) ?? own[0];
      })
      .filter((c): c is Candidate => c !== undefined);
    chosen = firsts.slice(0, max);
  }
  return {
    query,
    highlights: chosen.map((c) => ({
      text: `${shorten(c.text, MAX_SENTENCE_CHARS)} [${c.passage.index}]`,
      citation: c.passage.index,
    })),
    passages: cited,
  };
}
