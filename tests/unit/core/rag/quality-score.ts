// Scores the Library's answers on the quality suite: every question goes through hybrid
// retrieval (keyword only, or fused with the vector list) and the extractive answerer, and is
// judged on what a person sees — is the right passage first (or in the top three), does the
// first answer sentence say the answer and cite that document, is it on the right page, sheet
// and row, and is every answer sentence plain text, never a heading or a title.
import { extractiveAnswer } from '../../../../src/core/rag/extractive';
import { hybridRetrieve } from '../../../../src/core/rag/retrieve';
import type { ExtractiveAnswer, Passage } from '../../../../src/core/rag/types';
import { foldAccents } from '../../../../src/core/text/fold';
import type { QualityCase, QualityManifest } from '../../../../scripts/fixtures/quality-fixtures';
import type { QualityLibrary } from './quality-corpus';

/** How one question went. */
export interface CaseResult {
  id: string;
  question: string;
  /** 1-based rank of the right passage among those retrieved; null when absent. */
  passageRank: number | null;
  answerHit: boolean;
  /** null when the case names no page, sheet or row. */
  rightPlace: boolean | null;
  /** The first answer sentence, citation removed. */
  firstSentence: string;
  /** Answer sentences holding markdown or equal to a heading or title. */
  dirty: string[];
}

/** The suite's figures (fractions of the cases they apply to). */
export interface QualityFigures {
  cases: number;
  answerHitAt1: number;
  passageHitAt1: number;
  passageHitAt3: number;
  /** Among cases that name a page, sheet or row. */
  rightPlace: number;
  /** Answer sentences (all cases) that hold markdown or are a heading or title. */
  dirtySentences: number;
}

export interface QualityReport {
  figures: QualityFigures;
  results: CaseResult[];
}

const MARKDOWN = [
  /\*\*|__|~~/, // strong, strikethrough
  /(^|\s)[*_][^\s*_][^*_]*[*_](?=\s|[.,;:!?]|$)/, // emphasis
  /`/, // code
  /!?\[[^\]]*\]\([^)]*\)/, // link or image
  /^\s*(?:#{1,6}\s|>\s|[-*+]\s|\d+[.)]\s)/, // heading, quote, list marker
  /\|/, // table pipe
];

const fold = (text: string): string => foldAccents(text).replace(/\s+/g, ' ').trim();

/** The text of an answer sentence without its "[n]" marker. */
export const sentenceOf = (text: string): string => text.replace(/\s*\[\d+\]\s*$/, '');

function isRightPassage(passage: Passage, test: QualityCase): boolean {
  return passage.documentName === test.document && passage.text.includes(test.passage);
}

function isRightPlace(passage: Passage | undefined, test: QualityCase): boolean | null {
  if (test.page === undefined && test.sheet === undefined && test.row === undefined) return null;
  if (passage === undefined || passage.documentName !== test.document) return false;
  if (test.page !== undefined && passage.page !== test.page) return false;
  if (test.sheet !== undefined && passage.sheet !== test.sheet) return false;
  if (test.row !== undefined) {
    const [first, last] = passage.rows ?? [0, -1];
    if (test.row < first || test.row > last) return false;
  }
  return true;
}

/** Headings and titles of the whole library, folded: none may stand as an answer sentence. */
function headingSet(manifest: QualityManifest): Set<string> {
  const all = Object.entries(manifest.headings).flatMap(([name, headings]) => [
    name.replace(/\.[^.]+$/, ''),
    ...headings,
  ]);
  return new Set(all.map(fold));
}

function dirtySentences(answer: ExtractiveAnswer, headings: ReadonlySet<string>): string[] {
  return answer.highlights
    .map((h) => sentenceOf(h.text))
    .filter((s) => MARKDOWN.some((pattern) => pattern.test(s)) || headings.has(fold(s)));
}

/** Asks every question of `manifest` of `library` and scores the answers. */
export async function scoreLibrary(
  library: QualityLibrary,
  manifest: QualityManifest,
): Promise<QualityReport> {
  const headings = headingSet(manifest);
  const { embedder } = library;
  const results: CaseResult[] = [];
  for (const test of manifest.cases) {
    const passages = await hybridRetrieve(
      { text: test.question },
      {
        keyword: library.keyword,
        vector: library.vector,
        embedQuery: embedder
          ? async (text) => (await embedder.embed([text]))[0] as Float32Array
          : null,
        chunks: (ids) => ids.map((id) => library.chunks.get(id)),
        allowedDocument: () => true,
        documentName: (id) => library.names.get(id) ?? '',
      },
    );
    const answer = extractiveAnswer(test.question, passages);
    const rank = passages.findIndex((p) => isRightPassage(p, test));
    const first = answer.highlights[0];
    const cited = first === undefined ? undefined : answer.passages[first.citation - 1];
    const firstSentence = first === undefined ? '' : sentenceOf(first.text);
    results.push({
      id: test.id,
      question: test.question,
      passageRank: rank < 0 ? null : rank + 1,
      answerHit:
        cited?.documentName === test.document && fold(firstSentence).includes(fold(test.answer)),
      rightPlace: isRightPlace(cited, test),
      firstSentence,
      dirty: dirtySentences(answer, headings),
    });
  }
  return { figures: figuresOf(results), results };
}

const share = (count: number, total: number): number =>
  total === 0 ? 0 : Math.round((count / total) * 1000) / 1000;

function figuresOf(results: readonly CaseResult[]): QualityFigures {
  const placed = results.filter((r) => r.rightPlace !== null);
  const within = (k: number): number =>
    results.filter((r) => r.passageRank !== null && r.passageRank <= k).length;
  return {
    cases: results.length,
    answerHitAt1: share(results.filter((r) => r.answerHit).length, results.length),
    passageHitAt1: share(within(1), results.length),
    passageHitAt3: share(within(3), results.length),
    rightPlace: share(placed.filter((r) => r.rightPlace).length, placed.length),
    dirtySentences: results.reduce((sum, r) => sum + r.dirty.length, 0),
  };
}
