// BM25 over the Library's chunks, kept in memory with MiniSearch and saved as a snapshot so
// a reload does not re-index. Words are read by terms.ts (text/fold.ts underneath, shared with
// chat history search), so "manutencao" finds "manutenção", plurals meet singulars, "julho"
// meets "jul" and "1.234" meets "1234". Unlike history search, terms
// combine with OR (a passage need not hold every word of a question); MiniSearch already
// multiplies a result's score by how many query terms it matched, so passages holding all
// of them rank first. Section titles weigh double: a question usually names the topic.
import MiniSearch, {
  type AsPlainObject,
  type Options,
  type SearchOptions,
  type SearchResult,
} from 'minisearch';
import {
  isExactTerm,
  libraryTermsOf,
  libraryTokens,
  processLibraryTerm,
  termWeight,
} from './terms';

/** What the keyword index needs from a chunk. */
export interface IndexedChunkText {
  id: string;
  documentId: string;
  text: string;
  section?: string;
  documentName: string;
}

export interface KeywordHit {
  chunkId: string;
  documentId: string;
  score: number;
}

export interface KeywordSearchOptions {
  limit: number;
  /** Keeps only chunks of documents it accepts. */
  filter?: (documentId: string) => boolean;
}

/** Thrown by {@link KeywordIndex.fromJSON} for a snapshot it cannot use: rebuild from the chunks. */
export class KeywordSnapshotError extends Error {
  constructor(reason: string) {
    super(`The keyword index snapshot cannot be used (${reason}); rebuild it from the chunks.`);
    this.name = 'KeywordSnapshotError';
  }
}

/**
 * Bump when fields, boosts or term processing change: older snapshots are then rebuilt (the
 * library worker catches KeywordSnapshotError and indexes the stored chunks again).
 * 2: month and number terms (terms.ts).
 */
export const KEYWORD_FORMAT_VERSION = 2;
const FUZZY_MIN_LENGTH = 5;
const FUZZY_DISTANCE = 0.2;

const SEARCH_OPTIONS: SearchOptions = {
  combineWith: 'OR',
  boost: { text: 1, section: 2, documentName: 1.5 },
  // The last word may be half typed; a number or month term only ever matches itself.
  prefix: (term, i, terms) => !isExactTerm(term) && terms.slice(i + 1).every(isExactTerm),
  boostTerm: termWeight,
  fuzzy: (term) => (term.length >= FUZZY_MIN_LENGTH && !isExactTerm(term) ? FUZZY_DISTANCE : false),
};

const MINISEARCH_OPTIONS: Options<IndexedChunkText> = {
  fields: ['text', 'section', 'documentName'],
  storeFields: [],
  tokenize: libraryTokens,
  processTerm: processLibraryTerm,
  searchOptions: SEARCH_OPTIONS,
};

interface Snapshot {
  format: number;
  /** documentId → its chunk ids. */
  documents: Record<string, string[]>;
  index: unknown;
}

/**
 * The Library's keyword index. Add chunks as documents are ingested, remove a document's
 * chunks when it is deleted, and save {@link toJSON} to storage.
 *
 * @example
 * const index = new KeywordIndex();
 * index.add(chunks.map((c) => ({ ...c, documentName: 'report.pdf' })));
 * index.search('manutencao bomba', { limit: 50 });
 */
export class KeywordIndex {
  readonly #index: MiniSearch<IndexedChunkText>;
  readonly #documentOf = new Map<string, string>();
  readonly #chunksOf = new Map<string, Set<string>>();

  constructor(index?: MiniSearch<IndexedChunkText>) {
    this.#index = index ?? new MiniSearch(MINISEARCH_OPTIONS);
  }

  /** Indexes chunks; ones already indexed (by id) are replaced. */
  add(chunks: readonly IndexedChunkText[]): void {
    const fresh = new Map<string, IndexedChunkText>();
    for (const chunk of chunks) {
      if (this.#documentOf.has(chunk.id)) this.#forget(chunk.id);
      fresh.set(chunk.id, chunk);
    }
    for (const chunk of fresh.values()) this.#remember(chunk.id, chunk.documentId);
    this.#index.addAll([...fresh.values()]);
  }

  /** Forgets every chunk of a document; an unknown document is ignored. */
  removeDocument(documentId: string): void {
    for (const chunkId of [...(this.#chunksOf.get(documentId) ?? [])]) this.#forget(chunkId);
  }

  /** Whether a chunk is indexed. */
  has(chunkId: string): boolean {
    return this.#documentOf.has(chunkId);
  }

  /** How many chunks are indexed. */
  get size(): number {
    return this.#documentOf.size;
  }

  /**
   * Chunks matching any word of `query` (the last one also as a prefix, long words with
   * one typo), best BM25 score first; ties by chunk id. A stopword-only query finds nothing.
   */
  search(query: string, options: KeywordSearchOptions): KeywordHit[] {
    if (libraryTermsOf(query).length === 0) return [];
    const { filter } = options;
    const hits: KeywordHit[] = [];
    for (const result of this.#index.search(query)) {
      const hit = this.#toHit(result);
      if (hit !== undefined && (filter === undefined || filter(hit.documentId))) hits.push(hit);
    }
    hits.sort((a, b) => b.score - a.score || (a.chunkId < b.chunkId ? -1 : 1));
    return hits.slice(0, Math.max(0, options.limit));
  }

  /** A snapshot for storage; {@link KeywordIndex.fromJSON} restores it. */
  toJSON(): string {
    const documents: Record<string, string[]> = {};
    for (const [documentId, chunks] of this.#chunksOf) documents[documentId] = [...chunks];
    const snapshot: Snapshot = { format: KEYWORD_FORMAT_VERSION, documents, index: this.#index };
    return JSON.stringify(snapshot);
  }

  /** Restores a snapshot; throws {@link KeywordSnapshotError} when it is damaged or of another format. */
  static fromJSON(json: string): KeywordIndex {
    let snapshot: Partial<Snapshot>;
    try {
      snapshot = JSON.parse(json) as Partial<Snapshot>;
    } catch {
      throw new KeywordSnapshotError('not valid JSON');
    }
    if (typeof snapshot !== 'object' || snapshot === null) {
      throw new KeywordSnapshotError('not an object');
    }
    if (snapshot.format !== KEYWORD_FORMAT_VERSION) {
      throw new KeywordSnapshotError(
        `format ${String(snapshot.format)}, expected ${KEYWORD_FORMAT_VERSION}`,
      );
    }
    if (typeof snapshot.documents !== 'object' || snapshot.documents === null) {
      throw new KeywordSnapshotError('no document list');
    }
    let index: MiniSearch<IndexedChunkText>;
    try {
      // Parsed once above: loadJS takes the plain object loadJSON would parse again.
      index = MiniSearch.loadJS(snapshot.index as AsPlainObject, MINISEARCH_OPTIONS);
    } catch (error) {
      throw new KeywordSnapshotError(error instanceof Error ? error.message : String(error));
    }
    const restored = new KeywordIndex(index);
    for (const [documentId, chunkIds] of Object.entries(snapshot.documents)) {
      if (!Array.isArray(chunkIds)) throw new KeywordSnapshotError('bad document list');
      for (const chunkId of chunkIds) restored.#remember(String(chunkId), documentId);
    }
    if (restored.size !== index.documentCount) {
      throw new KeywordSnapshotError('document list and index disagree');
    }
    return restored;
  }

  #remember(chunkId: string, documentId: string): void {
    this.#documentOf.set(chunkId, documentId);
    let chunks = this.#chunksOf.get(documentId);
    if (chunks === undefined) this.#chunksOf.set(documentId, (chunks = new Set()));
    chunks.add(chunkId);
  }

  #forget(chunkId: string): void {
    const documentId = this.#documentOf.get(chunkId);
    if (documentId === undefined) return;
    this.#index.discard(chunkId);
    this.#documentOf.delete(chunkId);
    const chunks = this.#chunksOf.get(documentId);
    chunks?.delete(chunkId);
    if (chunks?.size === 0) this.#chunksOf.delete(documentId);
  }

  #toHit(result: SearchResult): KeywordHit | undefined {
    const id: unknown = result.id;
    if (typeof id !== 'string') return undefined;
    const documentId = this.#documentOf.get(id);
    return documentId === undefined ? undefined : { chunkId: id, documentId, score: result.score };
  }
}
