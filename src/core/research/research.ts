// Research notes (C10) made with no language model: a summary of the most central
// sentences, the key sentence of every section, an outline of the documents' headings and
// questions a reader could ask of each section. Every point is a sentence copied from a
// chunk and cited to it, so nothing in the notes can be invented.
import { splitSentences, termsOf } from '../rag/sentences';
import type {
  ResearchChunk,
  ResearchInput,
  ResearchNotes,
  ResearchOutlineEntry,
  ResearchPoint,
  ResearchQuestion,
  ResearchSource,
} from './research-types';
import { textRank } from './textrank';

/** Fewer terms than this is a heading, a label or a fragment, not a point worth noting. */
const MIN_TERMS = 4;
const SUMMARY_MIN = 3;
const SUMMARY_MAX = 6;
const SENTENCES_PER_SUMMARY_POINT = 10;
const MAX_BULLETS = 12;
const MAX_QUESTIONS = 10;
/** Summary sentences sharing more than this share of terms say the same thing twice. */
const MAX_OVERLAP = 0.6;
const SECTION_SEPARATOR = ' › ';

interface Sentence {
  text: string;
  terms: Set<string>;
  chunk: ResearchChunk;
  /** Position across all documents, in reading order. */
  seq: number;
  /** Document + section (or sheet): the unit bullets and questions are made per. */
  groupKey: string;
  /** The innermost heading (or sheet) the sentence sits under, if any. */
  topic: string | undefined;
  score: number;
}

function sourceOf(chunk: ResearchChunk): ResearchSource {
  const source: ResearchSource = {
    chunkId: chunk.id,
    documentId: chunk.documentId,
    documentName: chunk.documentName,
  };
  if (chunk.page !== undefined) source.page = chunk.page;
  if (chunk.sheet !== undefined) source.sheet = chunk.sheet;
  if (chunk.rows !== undefined) source.rows = [chunk.rows[0], chunk.rows[1]];
  if (chunk.section !== undefined) source.section = chunk.section;
  if (chunk.time !== undefined) source.time = [chunk.time[0], chunk.time[1]];
  return source;
}

const point = (sentence: Sentence): ResearchPoint => ({
  text: sentence.text,
  sources: [sourceOf(sentence.chunk)],
});

/** Chunks grouped by document (in order of first appearance), each document's in chunk order. */
function orderChunks(chunks: readonly ResearchChunk[]): ResearchChunk[] {
  const documentOrder = new Map<string, number>();
  for (const chunk of chunks) {
    if (!documentOrder.has(chunk.documentId))
      documentOrder.set(chunk.documentId, documentOrder.size);
  }
  return [...chunks].sort(
    (a, b) =>
      (documentOrder.get(a.documentId) ?? 0) - (documentOrder.get(b.documentId) ?? 0) ||
      a.order - b.order,
  );
}

/** The sections path of a chunk: its headings, or its sheet; a recording's time slices are no sections. */
function pathOf(chunk: ResearchChunk): string[] {
  if (chunk.time !== undefined) return [];
  if (chunk.section !== undefined && chunk.section !== '')
    return chunk.section.split(SECTION_SEPARATOR);
  return chunk.sheet !== undefined ? [chunk.sheet] : [];
}

/** Every sentence worth noting, once per document (overlapping chunks repeat some). */
function collectSentences(chunks: readonly ResearchChunk[]): Sentence[] {
  const seen = new Set<string>();
  const sentences: Sentence[] = [];
  for (const chunk of chunks) {
    const path = pathOf(chunk);
    for (const { text } of splitSentences(chunk.text)) {
      const terms = termsOf(text);
      if (terms.length < MIN_TERMS) continue;
      const key = `${chunk.documentId}\u0000${terms.join(' ')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      sentences.push({
        text,
        terms: new Set(terms),
        chunk,
        seq: sentences.length,
        groupKey: `${chunk.documentId}\u0000${path.join(SECTION_SEPARATOR)}`,
        topic: path.at(-1),
        score: 0,
      });
    }
  }
  return sentences;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

const byScore = (a: Sentence, b: Sentence): number => b.score - a.score || a.seq - b.seq;
const bySeq = (a: Sentence, b: Sentence): number => a.seq - b.seq;

/** The 3–6 most central sentences that do not repeat each other, in reading order. */
function pickSummary(sentences: readonly Sentence[]): Sentence[] {
  const wanted = Math.min(
    sentences.length,
    Math.max(
      SUMMARY_MIN,
      Math.min(SUMMARY_MAX, Math.ceil(sentences.length / SENTENCES_PER_SUMMARY_POINT)),
    ),
  );
  const chosen: Sentence[] = [];
  for (const sentence of [...sentences].sort(byScore)) {
    if (chosen.length >= wanted) break;
    if (chosen.some((c) => jaccard(c.terms, sentence.terms) > MAX_OVERLAP)) continue;
    chosen.push(sentence);
  }
  return chosen.sort(bySeq);
}

/** Sentences per document section, sections in reading order. */
function groupBySection(sentences: readonly Sentence[]): Sentence[][] {
  const groups = new Map<string, Sentence[]>();
  for (const sentence of sentences) {
    const group = groups.get(sentence.groupKey);
    if (group === undefined) groups.set(sentence.groupKey, [sentence]);
    else group.push(sentence);
  }
  return [...groups.values()];
}

/** The key sentence of each section (preferring one the summary did not already say), ≤ 12. */
function pickBullets(groups: readonly Sentence[][], summary: ReadonlySet<Sentence>): Sentence[] {
  const best = groups.map((group) => {
    const ranked = [...group].sort(byScore);
    return ranked.find((s) => !summary.has(s)) ?? (ranked[0] as Sentence);
  });
  return best.sort(byScore).slice(0, MAX_BULLETS).sort(bySeq);
}

/** The documents and their heading (or sheet) tree, in reading order. */
function buildOutline(chunks: readonly ResearchChunk[]): ResearchOutlineEntry[] {
  const outline: ResearchOutlineEntry[] = [];
  const seen = new Set<string>();
  for (const chunk of chunks) {
    if (!seen.has(chunk.documentId)) {
      seen.add(chunk.documentId);
      outline.push({ title: chunk.documentName, level: 1, source: sourceOf(chunk) });
    }
    const path = pathOf(chunk);
    path.forEach((title, depth) => {
      const key = `${chunk.documentId}\u0000${path.slice(0, depth + 1).join(SECTION_SEPARATOR)}`;
      if (seen.has(key)) return;
      seen.add(key);
      outline.push({ title, level: depth + 2, source: sourceOf(chunk) });
    });
  }
  return outline;
}

/** "Relatório anual.pdf" → "Relatório anual": how a question names a document. */
function documentLabel(name: string): string {
  const stem = name.replace(/\.[A-Za-z0-9]{1,5}$/u, '');
  return stem === '' ? name : stem;
}

function question(
  documentName: string,
  topic: string,
  language: ResearchInput['language'],
): string {
  const doc = documentLabel(documentName);
  return language === 'pt-BR'
    ? `O que “${doc}” diz sobre ${topic}?`
    : `What does “${doc}” say about ${topic}?`;
}

/** One question per section with a title, answered by the section sentence closest to that title. */
function buildQuestions(
  groups: readonly Sentence[][],
  language: ResearchInput['language'],
): ResearchQuestion[] {
  const questions: ResearchQuestion[] = [];
  for (const group of groups) {
    const first = group[0];
    if (first?.topic === undefined || questions.length >= MAX_QUESTIONS) continue;
    const topicTerms = new Set(termsOf(first.topic));
    const matches = (s: Sentence): number => [...topicTerms].filter((t) => s.terms.has(t)).length;
    const answer = [...group].sort((a, b) => matches(b) - matches(a) || byScore(a, b))[0] ?? first;
    questions.push({
      question: question(first.chunk.documentName, first.topic, language),
      answer: point(answer),
    });
  }
  return questions;
}

/**
 * Notes for a research session, every point a sentence of the chunks cited to its chunk.
 * Deterministic: the same chunks give the same notes.
 *
 * @example buildResearchNotes({ title: 'Pump maintenance', chunks, language: 'en' }).summary[0]?.sources[0]?.chunkId
 */
export function buildResearchNotes(input: ResearchInput): ResearchNotes {
  const chunks = orderChunks(input.chunks);
  const sentences = collectSentences(chunks);
  const titleTerms = new Set(termsOf(input.title));
  const preference = sentences.map((s) => 1 + [...titleTerms].filter((t) => s.terms.has(t)).length);
  const scores = textRank(
    sentences.map((s) => s.terms),
    preference,
  );
  sentences.forEach((s, i) => (s.score = scores[i] ?? 0));
  const summary = pickSummary(sentences);
  const groups = groupBySection(sentences);
  return {
    summary: summary.map(point),
    bullets: pickBullets(groups, new Set(summary)).map(point),
    outline: buildOutline(chunks),
    qa: buildQuestions(groups, input.language),
  };
}
