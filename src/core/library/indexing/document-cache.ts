// Why this file exists: every question needs the documents' names (for citations) and their
// collections and dates (for the filters). Reading the whole document list from storage per
// question cost tens of milliseconds at thousands of documents, on the path of the first answer
// after a reload. So the library worker keeps the list and reads it again only after something
// wrote to the documents table — in this tab or another (Dexie's storagemutated, which also
// carries other tabs' writes) — or when the library version moved.
import type { DocumentRecord, RowChanges } from '../../../storage';

export interface DocumentList {
  documents: readonly DocumentRecord[];
  /** Document id → name. */
  names: ReadonlyMap<string, string>;
}

export interface DocumentCacheDeps {
  read(): Promise<DocumentRecord[]>;
  /** Calls `onChange` after writes to the given tables (this tab or another); returns unwatch. */
  watch(tables: readonly string[], onChange: (changes: RowChanges) => void): () => void;
}

export interface DocumentCache {
  /** The stored documents, read again only when they may have changed. */
  get(): Promise<DocumentList>;
  /** Forgets the list (the next get reads storage). */
  invalidate(): void;
  /** Stops watching storage. */
  close(): void;
}

/**
 * @example
 * const cache = createDocumentCache({ read: listDocuments, watch: onRowsChanged });
 * const { documents, names } = await cache.get();
 */
export function createDocumentCache(deps: DocumentCacheDeps): DocumentCache {
  let cached: Promise<DocumentList> | null = null;
  let unwatch: (() => void) | null = null;

  // A read under way when a write lands is dropped with it: its callers asked before the write.
  const invalidate = (): void => {
    cached = null;
  };

  return {
    get() {
      unwatch ??= deps.watch(['documents'], invalidate);
      if (cached) return cached;
      const reading = deps.read().then((documents) => ({
        documents,
        names: new Map(documents.map((d) => [d.id, d.name])),
      }));
      cached = reading;
      reading.catch(() => {
        if (cached === reading) cached = null;
      });
      return reading;
    },
    invalidate,
    close() {
      unwatch?.();
      unwatch = null;
      invalidate();
    },
  };
}
