/**
 * Seeded synthetic Library for the retrieval bench: clustered, L2-normalised embeddings (real
 * embeddings of a person's files bunch by topic, and uniform random vectors would make every
 * index look alike), held-out queries near those clusters, and chunk texts whose topic words
 * follow the same clusters, so the keyword and vector sides of hybrid search agree as they
 * do on real documents. Every child process of the bench rebuilds the same data from the seed.
 */
import { seededRandom } from '../scripts/fixtures/fixture-bytes.ts';

export const DIM = 384;
export const CLUSTERS = 200;
export const QUERIES = 200;
export const K = 10;
/** Chunks per synthetic document (documentName and filters work per document). */
export const CHUNKS_PER_DOCUMENT = 50;
const WORDS_PER_CHUNK = 80;
/** Spread of a chunk around its cluster centre (norm of the noise ÷ norm of the centre). */
const CHUNK_SPREAD = 0.8;
/** How far a query sits from the held-out point it was made from. */
const QUERY_SPREAD = 0.3;

/** Standard normal samples by Box–Muller. */
function gaussian(next: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

function normalise(data: Float32Array, offset: number): void {
  let sum = 0;
  for (let d = 0; d < DIM; d++) sum += data[offset + d]! ** 2;
  const scale = 1 / Math.sqrt(sum);
  for (let d = 0; d < DIM; d++) data[offset + d]! *= scale;
}

/** `count` points around random centres, each written into `out` at `row`. */
function pointNear(
  out: Float32Array,
  row: number,
  centre: Float32Array,
  centreOffset: number,
  spread: number,
  normal: () => number,
): void {
  const sigma = spread / Math.sqrt(DIM);
  const offset = row * DIM;
  for (let d = 0; d < DIM; d++) out[offset + d] = centre[centreOffset + d]! + sigma * normal();
  normalise(out, offset);
}

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

/** The same data for the same `size` in every process. */
export function makeDataset(size: number, withTexts: boolean): RetrievalDataset {
  const next = seededRandom(0x0e0e1a + size);
  const normal = gaussian(next);
  const centres = new Float32Array(CLUSTERS * DIM);
  for (let i = 0; i < centres.length; i++) centres[i] = normal();
  for (let c = 0; c < CLUSTERS; c++) normalise(centres, c * DIM);
  const topics = topicWords(next, 6);
  const vectors = new Float32Array(size * DIM);
  const clusterOf = new Uint16Array(size);
  for (let i = 0; i < size; i++) {
    clusterOf[i] = Math.floor(next() * CLUSTERS);
    pointNear(vectors, i, centres, clusterOf[i]! * DIM, CHUNK_SPREAD, normal);
  }
  // Queries: held-out points of the same clusters (never indexed), then perturbed.
  const heldOut = new Float32Array(QUERIES * DIM);
  const queries = new Float32Array(QUERIES * DIM);
  const queryTexts: string[] = [];
  for (let q = 0; q < QUERIES; q++) {
    const cluster = Math.floor(next() * CLUSTERS);
    pointNear(heldOut, q, centres, cluster * DIM, CHUNK_SPREAD, normal);
    pointNear(queries, q, heldOut, q * DIM, QUERY_SPREAD, normal);
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
    ids: Array.from({ length: size }, (_, i) => `d${Math.floor(i / CHUNKS_PER_DOCUMENT)}:${i}`),
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
  const count = vectors.length / DIM;
  const best: number[] = [];
  const bestScores: number[] = [];
  for (let i = 0; i < count; i++) {
    let total = 0;
    const offset = i * DIM;
    for (let d = 0; d < DIM; d++) total += vectors[offset + d]! * query[d]!;
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
