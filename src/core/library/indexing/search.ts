// Why this file exists: one question against the library worker's indexes — which documents
// it may see (from the worker's copy of the document list, document-cache.ts), the query
// embedded with the same model as the chunks when there is one, and hybrid retrieval over both
// indexes — and a cited passage opened with its neighbours.
import type { PassageContext } from '../library-service-types';
import { documentFilter, hybridRetrieve } from '../../rag/retrieve';
import type { Passage, RetrievalQuery } from '../../rag/types';
import type { Embedder } from '../../../models/engines/types';
import { chunkNeighbours, getChunks, getDocument } from '../../../storage';
import type { DocumentList } from './document-cache';
import { passageOf } from './rows';
import type { LibraryIndexes } from './indexes';

/** Chunks shown on each side of a cited passage. */
const CONTEXT_CHUNKS = 2;

/**
 * The best passages for `query`. Without `embedder` (no model, or it failed to load) the
 * keyword list alone answers. `onQueryEmbedded` counts the query embedding.
 */
export async function searchIndexes(
  indexes: LibraryIndexes,
  query: RetrievalQuery,
  embedder: Embedder | null,
  list: DocumentList,
  onQueryEmbedded: () => void,
): Promise<Passage[]> {
  const { documents, names } = list;
  return hybridRetrieve(query, {
    keyword: indexes.keyword,
    vector: embedder ? indexes.vector : null,
    embedQuery: embedder
      ? async (text) => {
          const [vector] = await embedder.embed([text]);
          onQueryEmbedded();
          if (!vector) throw new Error('The embedding model returned no vector');
          return vector;
        }
      : null,
    chunks: (ids) => getChunks(ids),
    allowedDocument: documentFilter(query, documents),
    documentName: (id) => names.get(id) ?? '',
  });
}

/** A stored passage with the chunks around it on its page or sheet; null when it is gone. */
export async function passageContextOf(chunkId: string): Promise<PassageContext | null> {
  const found = await chunkNeighbours(chunkId, CONTEXT_CHUNKS, CONTEXT_CHUNKS);
  if (!found) return null;
  const document = await getDocument(found.chunk.documentId);
  const passage = passageOf(found.chunk, document?.name ?? '');
  return { passage, before: found.before, after: found.after };
}
