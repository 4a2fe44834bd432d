// Hybrid retrieval for real: three documents are chunked with the fixture embedder's
// tokenizer, embedded by the fixture embedder (transformers.js on onnxruntime-node), and
// indexed in KeywordIndex + ExactVectorIndex. The fixture's weights are random, so vectors
// carry no meaning; they prove the vector path runs (an identical text is its own nearest
// neighbour) while BM25 supplies the relevance the assertions rely on.
import { fileURLToPath } from 'node:url';
import {
  AutoTokenizer,
  env,
  pipeline,
  type FeatureExtractionPipeline,
} from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { chunkDocument, chunkOptionsFor } from '../../../../src/core/ingest/chunk';
import type { ParsedDocument } from '../../../../src/core/ingest/types';
import { KeywordIndex } from '../../../../src/core/rag/keyword-index';
import {
  documentFilter,
  hybridRetrieve,
  type RetrieveDeps,
} from '../../../../src/core/rag/retrieve';
import type { RetrievalQuery } from '../../../../src/core/rag/types';
import { ExactVectorIndex } from '../../../../src/core/rag/vector-index';
import type { Chunk, DocumentRecord } from '../../../../src/storage';
import { LIBRARY_DOCUMENTS, PLANTED } from './retrieve-corpus';

env.localModelPath = fileURLToPath(new URL('../../../fixtures/models/', import.meta.url));
env.allowRemoteModels = false;
env.allowLocalModels = true;

const DAY = 86_400_000;
const records: DocumentRecord[] = LIBRARY_DOCUMENTS.map((d, i) => ({
  id: d.id,
  name: d.name,
  mimeType: 'application/octet-stream',
  size: 1000,
  addedAt: 1_700_000_000_000 + i * DAY,
  status: 'ready',
  collectionIds: d.collections,
  ...(d.documentDate === undefined ? {} : { documentDate: d.documentDate }),
}));

let extractor: FeatureExtractionPipeline;
const chunks = new Map<string, Chunk>();
const keyword = new KeywordIndex();
let vector: ExactVectorIndex;
let plantedId = '';

async function embed(texts: readonly string[]): Promise<Float32Array[]> {
  const output = await extractor([...texts], { pooling: 'mean', normalize: true });
  const [count = 0, dim = 0] = output.dims;
  const data = output.data as Float32Array;
  return Array.from({ length: count }, (_, i) => data.slice(i * dim, (i + 1) * dim));
}

function deps(allowed: (id: string) => boolean, withVectors = true): RetrieveDeps {
  return {
    keyword,
    vector: withVectors ? vector : null,
    embedQuery: withVectors ? async (text) => (await embed([text]))[0] as Float32Array : null,
    chunks: (ids) => ids.map((id) => chunks.get(id)),
    allowedDocument: allowed,
    documentName: (id) => records.find((r) => r.id === id)?.name ?? '',
  };
}

const retrieve = (query: RetrievalQuery, withVectors = true): ReturnType<typeof hybridRetrieve> =>
  hybridRetrieve(query, deps(documentFilter(query, records), withVectors));

beforeAll(async () => {
  const tokenizer = await AutoTokenizer.from_pretrained('omnia-fixture-embedder');
  extractor = await pipeline('feature-extraction', 'omnia-fixture-embedder', {
    device: 'cpu',
    dtype: 'fp32',
  });
  const options = chunkOptionsFor(64, (texts) =>
    Promise.resolve(texts.map((t) => tokenizer.encode(t, { add_special_tokens: false }).length)),
  );
  for (const document of LIBRARY_DOCUMENTS) {
    const parsed: ParsedDocument = {
      kind: document.kind,
      blocks: [...document.blocks],
      warnings: [],
    };
    for (const draft of await chunkDocument(parsed, options)) {
      const chunk: Chunk = {
        ...draft,
        id: `${document.id}:${draft.order}`,
        documentId: document.id,
      };
      chunks.set(chunk.id, chunk);
      if (chunk.text.includes(PLANTED)) plantedId = chunk.id;
    }
    keyword.add(
      [...chunks.values()]
        .filter((c) => c.documentId === document.id)
        .map((c) => ({ ...c, documentName: document.name })),
    );
  }
  const all = [...chunks.values()];
  const vectors = await embed(all.map((c) => c.text));
  vector = new ExactVectorIndex(vectors[0]?.length ?? 32);
  vector.add(all.map((c, i) => ({ id: c.id, vector: vectors[i] as Float32Array })));
}, 60_000);

describe('hybridRetrieve', () => {
  it('indexes a few dozen chunks of three documents', () => {
    expect(chunks.size).toBeGreaterThanOrEqual(30);
    expect(chunks.size).toBeLessThanOrEqual(60);
    expect(vector.size).toBe(chunks.size);
    expect(plantedId).not.toBe('');
  });

  it('puts the planted passage first for a question, fused with the vector list', async () => {
    // The fixture's vectors are random, so its vector rank is noise (11th here): BM25's
    // first place must carry it through fusion, as it would with a weak embedder.
    const question = 'A bomba XR-200 exige troca de vedação a cada quantas horas?';
    const passages = await retrieve({ text: question, limit: 5 });
    expect(passages).toHaveLength(5);
    expect(passages[0]).toMatchObject({
      chunkId: plantedId,
      documentId: 'report',
      documentName: 'Relatório de manutenção 2024.pdf',
      keywordRank: 1,
      vectorRank: expect.any(Number) as number,
      page: 3,
    });
    expect(passages[0]?.text).toContain(PLANTED);
    expect(passages.some((p) => p.vectorRank !== undefined)).toBe(true);
    for (let i = 1; i < passages.length; i++) {
      expect(passages[i - 1]?.score).toBeGreaterThanOrEqual(passages[i]?.score ?? Infinity);
    }
  });

  it('finds a chunk as its own nearest vector (the embedder really ran)', async () => {
    const planted = chunks.get(plantedId) as Chunk;
    const passages = await retrieve({ text: planted.text, limit: 3 });
    expect(passages[0]).toMatchObject({ chunkId: plantedId, keywordRank: 1, vectorRank: 1 });
  });

  it('works keyword-only when there is no embedder', async () => {
    const passages = await retrieve({ text: 'manutencao XR-200 vedacao', limit: 4 }, false);
    expect(passages[0]?.chunkId).toBe(plantedId);
    expect(passages.every((p) => p.vectorRank === undefined && p.keywordRank !== undefined)).toBe(
      true,
    );
  });

  it('keeps to the chosen collections, documents and dates', async () => {
    const ask = async (extra: Partial<RetrievalQuery>): Promise<Set<string>> =>
      new Set(
        (await retrieve({ text: 'bombas pumps seals custo', limit: 20, ...extra })).map(
          (p) => p.documentId,
        ),
      );
    expect(await ask({})).toEqual(new Set(['report', 'handbook', 'budget']));
    expect(await ask({ collectionIds: ['finance'] })).toEqual(new Set(['budget']));
    expect(await ask({ collectionIds: [] })).toEqual(new Set());
    expect(await ask({ documentIds: ['handbook'] })).toEqual(new Set(['handbook']));
    expect(await ask({ collectionIds: ['operations'], documentIds: ['budget'] })).toEqual(
      new Set(),
    );
    const reportDate = LIBRARY_DOCUMENTS[0]?.documentDate ?? 0;
    expect(await ask({ dateRange: { field: 'documentDate', from: reportDate - DAY } })).toEqual(
      new Set(['report']),
    );
    const secondAdded = records[1]?.addedAt ?? 0;
    expect(await ask({ dateRange: { field: 'addedAt', from: secondAdded } })).toEqual(
      new Set(['handbook', 'budget']),
    );
  });

  it('returns nothing for an empty or stopword-only query, or a zero limit', async () => {
    expect(await retrieve({ text: '' })).toEqual([]);
    expect(await retrieve({ text: 'the of and de da' })).toEqual([]);
    expect(await retrieve({ text: 'bombas', limit: 0 })).toEqual([]);
  });
});

describe('documentFilter', () => {
  it('accepts only ready documents', () => {
    const pending = records.map((r, i) => ({
      ...r,
      status: i === 0 ? ('processing' as const) : r.status,
    }));
    const allowed = documentFilter({ text: 'x' }, pending);
    expect(records.map((r) => allowed(r.id))).toEqual([false, true, true]);
    expect(allowed('unknown')).toBe(false);
  });

  it('bounds dates inclusively and leaves out documents without their own date', () => {
    const [first] = records;
    const at = first?.documentDate ?? 0;
    const allowed = documentFilter(
      { text: 'x', dateRange: { field: 'documentDate', from: at, to: at } },
      records,
    );
    expect(records.map((r) => allowed(r.id))).toEqual([true, false, false]);
  });
});
