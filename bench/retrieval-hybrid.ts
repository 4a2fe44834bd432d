/**
 * The retrieval bench's hybrid phase: KeywordIndex + one of our vector indexes through
 * hybridRetrieve (the Library's own path), timed against a bare vector search on the same index
 * and a keyword search alone, with the recall of the fused top 10.
 */
import { KeywordIndex } from '../src/core/rag/keyword-index.ts';
import { hybridRetrieve } from '../src/core/rag/retrieve.ts';
import type { VectorIndex } from '../src/core/rag/vector-index.ts';
import type { Chunk } from '../src/storage/types.ts';
import { K, recallAt, row, type RetrievalDataset } from './retrieval-data.ts';
import { measureQueries, send, type Searcher } from './retrieval-measure.ts';
import type { ChildJob } from './retrieval-types.ts';

export async function runHybrid(
  job: ChildJob,
  data: RetrievalDataset,
  index: VectorIndex,
  vectorSearch: Searcher,
): Promise<void> {
  const keyword = new KeywordIndex();
  const start = performance.now();
  const chunks = new Map<string, Chunk>();
  const texts = data.texts.map((text, i) => {
    const id = data.ids[i]!;
    const documentId = data.documentOf(i);
    chunks.set(id, { id, documentId, order: i, text, tokenCount: 100, page: 1 + (i % 20) });
    return { id, documentId, text, documentName: `${documentId}.pdf` };
  });
  keyword.add(texts);
  send({ kind: 'keyword-build', buildMs: performance.now() - start });
  // What the hybrid path asked the vector index for, to score its vector side.
  let vectorSide: string[] = [];
  const recording: VectorIndex = {
    kind: index.kind,
    get size() {
      return index.size;
    },
    add: (items) => index.add(items),
    remove: (ids) => index.remove(ids),
    search: (query, k) => {
      const hits = index.search(query, k);
      vectorSide = hits.map((h) => h.id);
      return hits;
    },
  };
  let current = 0;
  const deps = {
    keyword,
    vector: recording,
    embedQuery: () => Promise.resolve(row(data.queries, current)),
    chunks: (ids: readonly string[]) => ids.map((id) => chunks.get(id)),
    allowedDocument: () => true,
    documentName: (id: string) => `${id}.pdf`,
  };
  const fusedTop: number[] = [];
  await measureQueries(job.truth, {
    hybrid: async (q) => {
      current = q;
      const passages = await hybridRetrieve({ text: data.queryTexts[q]!, limit: K }, deps);
      const wanted = job.truth[q];
      if (wanted)
        fusedTop[q] = recallAt(
          passages.map((p) => p.chunkId),
          wanted,
        );
      return vectorSide;
    },
    'bare-vector': vectorSearch,
    keyword: (q) => keyword.search(data.queryTexts[q]!, { limit: 50 }).map((h) => h.chunkId),
  });
  send({ kind: 'fused-recall', recall: fusedTop });
}
