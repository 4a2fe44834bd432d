// The answer the Library gives with no chat model: the few sentences of the retrieved
// passages that best match the question, each cited. Sentences are scored BM25-style
// (rare query words weigh more, repeats saturate, long sentences are normalised) with a
// bonus for passages ranked higher and for sentences early in their passage, so the
// answer leans on what retrieval already judged best.
import { splitSentences, termsOf } from './sentences';
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
/** Headings and labels are too short to answer anything; they stand in only when nothing else matches. */
const MIN_SENTENCE_TERMS = 3;
const K1 = 1.2;
const B = 0.75;
const PASSAGE_DECAY = 0.15;
const POSITION_DECAY = 0.05;

interface Candidate {
  passage: CitedPassage;
  order: number;
  text: string;
  terms: string[];
  score: number;
}

/** Numbers passages 1..n in their given order, for [n] citations. */
export function citePassages(passages: readonly Passage[]): CitedPassage[] {
  return passages.map((passage, i) => ({ ...passage, index: i + 1 }));
}

function candidatesOf(passages: readonly CitedPassage[]): Candidate[] {
  return passages.flatMap((passage) =>
    splitSentences(passage.text).map((sentence, order) => ({
      passage,
      order,
      text: sentence.text,
      terms: termsOf(sentence.text),
      score: 0,
    })),
  );
}

/** BM25 of each candidate against the query terms, times the rank and position bonuses. */
function score(candidates: Candidate[], queryTerms: ReadonlySet<string>): void {
  const count = candidates.length;
  const averageLength = candidates.reduce((sum, c) => sum + c.terms.length, 0) / (count || 1) || 1;
  const frequency = new Map<string, number>();
  for (const candidate of candidates) {
    for (const term of new Set(candidate.terms)) {
      if (queryTerms.has(term)) frequency.set(term, (frequency.get(term) ?? 0) + 1);
    }
  }
  for (const candidate of candidates) {
    const tf = new Map<string, number>();
    for (const term of candidate.terms)
      if (queryTerms.has(term)) tf.set(term, (tf.get(term) ?? 0) + 1);
    let bm25 = 0;
    for (const [term, f] of tf) {
      const df = frequency.get(term) ?? 0;
      const idf = Math.log(1 + (count - df + 0.5) / (df + 0.5));
      const norm = K1 * (1 - B + (B * candidate.terms.length) / averageLength);
      bm25 += (idf * f * (K1 + 1)) / (f + norm);
    }
    const rankBonus = 1 / (1 + PASSAGE_DECAY * (candidate.passage.index - 1));
    const positionBonus = 1 / (1 + POSITION_DECAY * candidate.order);
    candidate.score = bm25 * rankBonus * positionBonus;
  }
}

/** The best candidates, at most `perPassage` from one passage, no sentence twice. */
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
    if (seen.has(key) || used >= perPassage) continue;
    seen.add(key);
    fromPassage.set(candidate.passage.index, used + 1);
    chosen.push(candidate);
  }
  return chosen;
}

/**
 * The passages numbered for citing and up to four highlight sentences answering `query`,
 * each ending in its citation marker ("… [2]"). When no sentence shares a word with the
 * query, the first sentence of each of the top passages stands in.
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
  score(all, queryTerms);
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
