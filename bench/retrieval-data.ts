/**
 * Seeded synthetic Library for the retrieval bench: embeddings shaped like real sentence
 * embeddings (retrieval-vectors.ts: anisotropic, uneven dimensions, two levels of topics of
 * uneven sizes, low-rank noise), held-out queries near those clusters, and chunk texts whose
 * topic words follow the same clusters, so the keyword and vector sides of hybrid search
 * agree as they do on real documents. Every child process of the bench rebuilds the same data
 * from the seed.
 */
import { seededRandom } from '../scripts/fixtures/fixture-bytes.ts';
import {
  CLUSTERS,
  DIM,
  drawCluster,
  embedPoint,
  gaussian,
  makeSpace,
  perturb,
  tableGaussian,
} from './retrieval-vectors.ts';

export { CLUSTERS, DIM };
export const QUERIES = 200;
export const K = 10;
/** Chunks per synthetic document (documentName and filters work per document). */
export const CHUNKS_PER_DOCUMENT = 50;
const WORDS_PER_CHUNK = 80;
/** How far a query sits from the held-out passage it was made from. */
const QUERY_SPREAD = 0.3;

// Function words first: picks lean towards the start of the list, roughly as in real text.
// prettier-ignore
const COMMON = [
  'o', 'a', 'de', 'que', 'e', 'the', 'and', 'of', 'to', 'para', 'com', 'uma', 'is', 'for',
  'não', 'this', 'no', 'da', 'por', 'with', 'mais', 'como', 'that', 'on', 'we', 'são', 'it',
  'dados', 'projeto', 'cliente', 'prazo', 'report', 'team', 'review', 'summary', 'semana',
  'página', 'tabela', 'valor', 'total', 'section', 'figure', 'result', 'process', 'sistema',
];
// prettier-ignore
const SYLLABLES = [
  'ma', 'nu', 'ten', 'ção', 're', 'la', 'tó', 'rio', 'bom', 'ba', 'tur', 'bi', 'na', 'hi',
  'po', 'te', 'ca', 'or', 'ça', 'men', 'to', 'vá', 'cu', 'lo', 'pres', 'são', 'fil', 'tro',
  'ven', 'ti', 'la', 'dor', 'cal', 'dei', 'ra', 'sen', 'sor', 'mo', 'tor', 'flu', 'xo',
];

/** Distinct pseudo-words (with accents, so folding is exercised), `perCluster` for each cluster. */
function topicWords(next: () => number, perCluster: number): string[][] {
  const seen = new Set<string>(COMMON);
  const words: string[][] = [];
  for (let c = 0; c < CLUSTERS; c++) {
    const own: string[] = [];
    while (own.length < perCluster) {
      const length = 3 + Math.floor(next() * 2);
      let word = '';
      for (let s = 0; s < length; s++) word += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
      if (!seen.has(word)) {
        seen.add(word);
        own.push(word);
      }
    }
    words.push(own);
  }
  return words;
}

function chunkText(next: () => number, topics: readonly string[]): string {
  const out: string[] = [];
  for (let w = 0; w < WORDS_PER_CHUNK; w++) {
    if (next() < 0.12) {
      out.push(topics[Math.floor(next() * topics.length)]!);
    } else {
      const r = next();
      out.push(COMMON[Math.floor(r * r * COMMON.length)]!);
    }
  }
  return out.join(' ');
}

export interface RetrievalDataset {
  size: number;
  /** size × DIM, row i is chunk `ids[i]`. */
  vectors: Float32Array;
  ids: string[];
  documentOf: (chunkIndex: number) => string;
  /** QUERIES × DIM. */
  queries: Float32Array;
  /** The keyword side of each query: words of its cluster's topic. */
  queryTexts: string[];
  /** Chunk texts (only when asked for: the vector-only phases skip them). */
  texts: string[];
}

/** Chunk `i`'s id, a new string each call (an index build that makes its own ids counts them). */
export const chunkIdOf = (i: number): string => `d${Math.floor(i / CHUNKS_PER_DOCUMENT)}:${i}`;

/** The same data for the same `size` in every process. */
export function makeDataset(size: number, withTexts: boolean): RetrievalDataset {
  const next = seededRandom(0x0e0e1a + size);
  const normal = gaussian(next);
  const space = makeSpace(next, normal);
  const noise = tableGaussian(next, normal);
  const topics = topicWords(next, 6);
  const vectors = new Float32Array(size * DIM);
  const clusterOf = new Uint16Array(size);
  for (let i = 0; i < size; i++) {
    clusterOf[i] = drawCluster(space, next);
    embedPoint(space, clusterOf[i]!, vectors, i, next, noise);
  }
  // Queries: held-out passages of the same clusters (never indexed), then perturbed.
  const heldOut = new Float32Array(QUERIES * DIM);
  const queries = new Float32Array(QUERIES * DIM);
  const queryTexts: string[] = [];
  for (let q = 0; q < QUERIES; q++) {
    const cluster = drawCluster(space, next);
    embedPoint(space, cluster, heldOut, q, next, normal);
    perturb(heldOut, queries, q, QUERY_SPREAD, normal);
    const own = topics[cluster]!;
    queryTexts.push(
      `${own[Math.floor(next() * own.length)]} ${own[Math.floor(next() * own.length)]}`,
    );
  }
  const texts = withTexts
    ? Array.from({ length: size }, (_, i) => chunkText(next, topics[clusterOf[i]!]!))
    : [];
  return {
    size,
    vectors,
    ids: Array.from({ length: size }, (_, i) => chunkIdOf(i)),
    documentOf: (i) => `d${Math.floor(i / CHUNKS_PER_DOCUMENT)}`,
    queries,
    queryTexts,
    texts,
  };
}

export const row = (data: Float32Array, i: number): Float32Array =>
  data.subarray(i * DIM, (i + 1) * DIM);

/**
 * The bare baseline and the ground truth: every dot product over the flat array, the best k
 * kept by insertion (k is small). No index object, no ids until the end.
 */
export function bruteForceTopK(vectors: Float32Array, query: Float32Array, k: number): number[] {
  const dim = query.length;
  const count = vectors.length / dim;
  const best: number[] = [];
  const bestScores: number[] = [];
  for (let i = 0; i < count; i++) {
    let total = 0;
    const offset = i * dim;
    for (let d = 0; d < dim; d++) total += vectors[offset + d]! * query[d]!;
    if (best.length === k && total <= bestScores[k - 1]!) continue;
    let at = Math.min(best.length, k - 1);
    while (at > 0 && bestScores[at - 1]! < total) at--;
    best.splice(at, 0, i);
    bestScores.splice(at, 0, total);
    if (best.length > k) {
      best.pop();
      bestScores.pop();
    }
  }
  return best;
}

/** |found ∩ truth| ÷ |truth|. */
export function recallAt(found: readonly string[], truth: readonly string[]): number {
  const wanted = new Set(truth);
  return found.filter((id) => wanted.has(id)).length / truth.length;
}
