// Hybrid retrieval (DESIGN.md "Retrieve"): BM25 finds the exact words, the embedding finds
// the meaning, and reciprocal rank fusion merges the two rankings into passages ready to
// cite, the vector list weighted by how far it agrees with the words (fusion.ts). With no
// embedding model the keyword list alone answers, still cited. Which documents a question
// may see (collections, a research session's documents, dates) is decided once, up front,
// by documentFilter.
import type { Chunk, DocumentRecord } from '../../storage';
import { fuseHybrid } from './fusion';
import { libraryTermsOf } from './terms';
import type { KeywordIndex } from './keyword-index';
import type { Passage, RetrievalQuery } from './types';
import type { VectorIndex } from './vector-index';

export interface RetrieveDeps {
  keyword: KeywordIndex;
  /** null: no embedding model (or no vectors yet) → keyword only. */
  vector: VectorIndex | null;
  embedQuery: ((text: string) => Promise<Float32Array>) | null;
  /** The stored chunks for ids, in the same order (undefined where gone), e.g. Dexie's bulkGet. */
  chunks: (ids: readonly string[]) => Promise<(Chunk | undefined)[]> | (Chunk | undefined)[];
  allowedDocument: (documentId: string) => boolean;
  documentName: (documentId: string) => string;
}

export const DEFAULT_PASSAGE_LIMIT = 8;
/** Each list returns this many times the passages wanted, so fusion has overlap to work with. */
const OVERFETCH = 5;
const MIN_CANDIDATES = 50;
/** A restrictive filter can leave few of the nearest vectors: widen the search this many times. */
const VECTOR_WIDENINGS = 3;
const WIDEN_FACTOR = 4;

/** Whether the query holds any searchable word (not only stopwords or punctuation). */
export function hasSearchTerms(text: string): boolean {
  return libraryTermsOf(text).length > 0;
}

/** Chunks by id, fetched in one batch. */
async function fetchChunks(
  deps: RetrieveDeps,
  ids: readonly string[],
): Promise<Map<string, Chunk>> {
  const found = await deps.chunks(ids);
  const byId = new Map<string, Chunk>();
  for (const chunk of found) if (chunk !== undefined) byId.set(chunk.id, chunk);
  return byId;
}

/**
 * The nearest allowed chunks, best first: asks the vector index for `wanted`, and for more
 * when the document filter throws most of them away.
 */
async function vectorCandidates(
  vector: VectorIndex,
  query: Float32Array,
  wanted: number,
  deps: RetrieveDeps,
  known: Map<string, Chunk>,
): Promise<string[]> {
  let k = wanted;
  for (let round = 0; ; round++) {
    const hits = vector.search(query, k);
    const missing = hits.map((h) => h.id).filter((id) => !known.has(id));
    for (const [id, chunk] of await fetchChunks(deps, missing)) known.set(id, chunk);
    const allowed = hits
      .map((h) => h.id)
      .filter((id) => {
        const chunk = known.get(id);
        return chunk !== undefined && deps.allowedDocument(chunk.documentId);
      });
    const exhausted = hits.length < k || k >= vector.size;
    if (allowed.length >= wanted || exhausted || round >= VECTOR_WIDENINGS) {
      return allowed.slice(0, wanted);
    }
    k = Math.min(vector.size, k * WIDEN_FACTOR);
  }
}

function toPassage(
  chunk: Chunk,
  score: number,
  ranks: (number | undefined)[],
  deps: RetrieveDeps,
): Passage {
  const passage: Passage = {
    chunkId: chunk.id,
    documentId: chunk.documentId,
    documentName: deps.documentName(chunk.documentId),
    text: chunk.text,
    score,
  };
  if (chunk.page !== undefined) passage.page = chunk.page;
  if (chunk.sheet !== undefined) passage.sheet = chunk.sheet;
  if (chunk.rows !== undefined) passage.rows = [chunk.rows[0], chunk.rows[1]];
  if (chunk.section !== undefined) passage.section = chunk.section;
  if (chunk.time !== undefined) passage.time = [chunk.time[0], chunk.time[1]];
  const [keywordRank, vectorRank] = ranks;
  if (keywordRank !== undefined) passage.keywordRank = keywordRank;
  if (vectorRank !== undefined) passage.vectorRank = vectorRank;
  return passage;
}

/**
 * The best passages for `query.text` among the documents `deps.allowedDocument` accepts,
 * fused from BM25 and (when available) vector search. An empty or stopword-only query
 * gives [].
 *
 * @example
 * const filter = documentFilter(query, await documents.toArray());
 * await hybridRetrieve(query, { keyword, vector, embedQuery, chunks, allowedDocument: filter, documentName });
 */
export async function hybridRetrieve(
  query: RetrievalQuery,
  deps: RetrieveDeps,
): Promise<Passage[]> {
  const limit = query.limit ?? DEFAULT_PASSAGE_LIMIT;
  if (limit <= 0 || !hasSearchTerms(query.text)) return [];
  const wanted = Math.max(MIN_CANDIDATES, limit * OVERFETCH);
  const keywordHits = deps.keyword
    .search(query.text, { limit: wanted, filter: deps.allowedDocument })
    .map((hit) => ({ id: hit.chunkId, score: hit.score }));
  const known = new Map<string, Chunk>();
  let vectorIds: string[] = [];
  if (deps.vector !== null && deps.embedQuery !== null && deps.vector.size > 0) {
    const embedding = await deps.embedQuery(query.text);
    vectorIds = await vectorCandidates(deps.vector, embedding, wanted, deps, known);
  }
  const population = deps.vector?.size ?? 0;
  const fused = fuseHybrid(keywordHits, vectorIds, population).hits.slice(0, limit);
  const missing = fused.map((hit) => hit.id).filter((id) => !known.has(id));
  for (const [id, chunk] of await fetchChunks(deps, missing)) known.set(id, chunk);
  const passages: Passage[] = [];
  for (const hit of fused) {
    const chunk = known.get(hit.id);
    if (chunk !== undefined) passages.push(toPassage(chunk, hit.score, hit.ranks, deps));
  }
  return passages;
}

function inRange(value: number | undefined, from?: number, to?: number): boolean {
  if (value === undefined) return false;
  return (from === undefined || value >= from) && (to === undefined || value <= to);
}

/**
 * Which documents a query may use: ready ones, in the chosen collections (undefined: all;
 * []: none), among `documentIds` when given, and within the date range (a document with no
 * date of its own is left out by a `documentDate` range).
 */
export function documentFilter(
  query: RetrievalQuery,
  documents: readonly DocumentRecord[],
): (documentId: string) => boolean {
  const collections = query.collectionIds === undefined ? null : new Set(query.collectionIds);
  const only = query.documentIds === undefined ? null : new Set(query.documentIds);
  const range = query.dateRange;
  const allowed = new Set<string>();
  for (const document of documents) {
    if (document.status !== 'ready') continue;
    if (collections !== null && !document.collectionIds.some((id) => collections.has(id))) {
      continue;
    }
    if (only !== null && !only.has(document.id)) continue;
    if (range !== undefined) {
      const value = range.field === 'addedAt' ? document.addedAt : document.documentDate;
      if (!inRange(value, range.from, range.to)) continue;
    }
    allowed.add(document.id);
  }
  return (documentId) => allowed.has(documentId);
}
