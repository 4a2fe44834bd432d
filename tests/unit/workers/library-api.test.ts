// The library worker's API over a real MessageChannel (structured clone, progress proxy, abort
// port), on a real IndexedDB (fake-indexeddb), with the real fixture embedder loaded by
// transformers.js from its committed files and the real voy-search wasm. Three hand-built
// documents with pages, sheets and sections; every claim is checked through search results.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Remote } from 'comlink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedDocument, TextBlock } from '../../../src/core/ingest/types';
import { loadVoy } from '../../../src/core/rag/voy-module';
import { transcriptDocument } from '../../../src/core/voice/transcript-document';
import { getModel } from '../../../src/models/catalog';
import { loadTransformersEmbedder } from '../../../src/models/engines/transformers/transformers-embedder';
import {
  addDocument,
  chunksOfDocument,
  deleteAllData,
  getSetting,
  libraryVersion,
  readKeywordSnapshot,
  vectorCount,
  type DocumentRecord,
} from '../../../src/storage';
import { createLibraryApi, type LibraryApi } from '../../../src/workers/library-api';
import { abortPortFor, callControl, type TaskProgress } from '../../../src/workers/rpc';
import { diskSource } from '../models/engines/fixture-files';
import { closeAll, connect } from './channel';

const MODEL = 'omnia-fixture-embedder';
const voyWasm = readFileSync(
  createRequire(import.meta.url).resolve('voy-search/voy_search_bg.wasm'),
);

/** What the deps did, so tests can tell a reload from a re-embed. */
const loads: string[] = [];
let installed: string[] = [MODEL];

function newApi(): Remote<LibraryApi> {
  return connect(
    createLibraryApi({
      loadEmbedder: (modelId, signal) => {
        loads.push(modelId);
        return loadTransformersEmbedder({
          entry: getModel(modelId),
          files: diskSource(modelId),
          device: 'cpu',
          signal,
        });
      },
      loadVoy: () => loadVoy(voyWasm),
      installedEmbeddingModels: () => Promise.resolve([...installed]),
      now: () => Date.now(),
    }),
  );
}

function record(
  id: string,
  name: string,
  addedAt: number,
  collectionIds: string[],
): DocumentRecord {
  return { id, name, mimeType: 'text/plain', size: 1, addedAt, status: 'ready', collectionIds };
}

const filler = (n: number): string =>
  `Paragraph ${n} talks about the park, the cat on the mat and a local model for search.`;

const manual: ParsedDocument = {
  kind: 'pdf',
  pageCount: 3,
  warnings: [],
  blocks: [
    { kind: 'heading', level: 1, text: 'Manual da bomba', page: 1 },
    { kind: 'paragraph', text: filler(1), page: 1, section: 'Manual da bomba' },
    { kind: 'heading', level: 2, text: 'Garantia', page: 2, section: 'Manual da bomba' },
    {
      kind: 'paragraph',
      text: 'A garantia da bomba hidráulica é de sete anos a partir da instalação.',
      page: 2,
      section: 'Manual da bomba › Garantia',
    },
    { kind: 'paragraph', text: filler(2), page: 3, section: 'Manual da bomba › Garantia' },
  ],
};

const rows = (sheet: string, items: [string, number][]): TextBlock[] =>
  items.map(([item, cost], i) => ({ kind: 'row', text: `${item} | ${cost}`, sheet, row: i + 2 }));

const budget: ParsedDocument = {
  kind: 'xlsx',
  rowCount: 6,
  warnings: [],
  blocks: [
    ...rows('Custos', [
      ['Cabos', 120],
      ['Painel solar', 900],
      ['Turbina eólica', 42000],
    ]),
    ...rows('Receitas', [
      ['Venda de energia', 5000],
      ['Subsídio', 800],
      ['Consultoria', 300],
    ]),
  ],
};

const notes: ParsedDocument = {
  kind: 'md',
  warnings: [],
  blocks: [
    { kind: 'heading', level: 1, text: 'Notas privadas' },
    {
      kind: 'paragraph',
      text: 'Minha informação privada: o cofre fica atrás do quadro azul.',
      section: 'Notas privadas',
    },
  ],
};

/** Long enough for several embedding batches of 32. */
const long: ParsedDocument = {
  kind: 'txt',
  warnings: [],
  blocks: Array.from({ length: 120 }, (_, i) => ({
    kind: 'paragraph' as const,
    text: `${filler(i)} Xylofone number ${i}.`,
  })),
};

async function seedDocuments(): Promise<void> {
  await addDocument(record('manual', 'manual.pdf', Date.UTC(2024, 0, 10), ['k1']));
  await addDocument(record('budget', 'budget.xlsx', Date.UTC(2024, 5, 1), ['k1']));
  await addDocument(record('notes', 'notes.md', Date.UTC(2025, 0, 1), ['k2']));
}

let api: Remote<LibraryApi>;

beforeAll(async () => {
  await deleteAllData();
  await seedDocuments();
  api = newApi();
}, 30_000);

afterAll(closeAll);

describe('library worker API', () => {
  it('chunks, embeds and indexes documents, reporting progress per chunk', async () => {
    const progress: TaskProgress[] = [];
    const result = await api.addDocument(
      'manual',
      manual,
      callControl((p) => progress.push(p)),
    );
    expect(result.embedded).toBe(true);
    expect(result.chunkCount).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ progress: 1, loaded: result.chunkCount });
    const chunks = await chunksOfDocument('manual');
    expect(chunks.map((c) => c.id)).toEqual(chunks.map((c) => `manual:${c.order}`));
    expect(await vectorCount(MODEL)).toBe(chunks.length);

    await api.addDocument('budget', budget);
    await api.addDocument('notes', notes);
    const status = await api.status();
    expect(status).toMatchObject({ documents: 3, embeddingModelId: MODEL, vectorIndex: 'int8' });
    expect(status.embeddedChunks).toBe(status.chunks);
    expect(status.embeddedThisSession).toBe(status.chunks);
    expect(status.indexed).toEqual({ keyword: status.chunks, vector: status.chunks });
  });

  it('finds the planted passage with its page, sheet and rows, from both lists', async () => {
    // Words only the planted passage holds: the random-weight embedder ranks by chance, so
    // the keyword list decides the top; the passage must still carry its vector rank.
    const [top] = await api.search({ text: 'hidraulica sete anos' });
    expect(top).toMatchObject({ documentId: 'manual', documentName: 'manual.pdf', page: 2 });
    expect(top?.text).toContain('sete anos');
    expect(top?.keywordRank).toBe(1);
    expect(top?.vectorRank).toBeGreaterThan(0);

    const [row] = await api.search({ text: 'turbina eolica' });
    expect(row).toMatchObject({ documentId: 'budget', sheet: 'Custos' });
    expect(row?.rows?.[0]).toBeLessThanOrEqual(4);
    expect(row?.rows?.[1]).toBeGreaterThanOrEqual(4);
  });

  it('applies collection, document and date filters', async () => {
    const privado = { text: 'informação privada cofre' };
    expect((await api.search(privado))[0]?.documentId).toBe('notes');
    const inK1 = await api.search({ ...privado, collectionIds: ['k1'] });
    expect(inK1.map((p) => p.documentId)).not.toContain('notes');
    expect(await api.search({ ...privado, collectionIds: [] })).toEqual([]);
    const onlyBudget = await api.search({ text: 'garantia turbina', documentIds: ['budget'] });
    expect(new Set(onlyBudget.map((p) => p.documentId))).toEqual(new Set(['budget']));
    const in2024 = await api.search({
      ...privado,
      dateRange: { field: 'addedAt', from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 11, 31) },
    });
    expect(in2024.map((p) => p.documentId)).not.toContain('notes');
  });

  it('answers extractively with citations, and opens a passage with its neighbours', async () => {
    const answer = await api.answer({ text: 'hidráulica sete anos' });
    expect(answer.query).toBe('hidráulica sete anos');
    expect(answer.passages[0]).toMatchObject({ index: 1, documentId: 'manual', page: 2 });
    expect(answer.highlights.length).toBeGreaterThan(0);
    expect(answer.highlights.some((h) => h.text.includes('sete anos'))).toBe(true);

    const context = await api.passageContext(answer.passages[0]!.chunkId);
    expect(context?.passage).toMatchObject({ documentName: 'manual.pdf', page: 2 });
    for (const c of [...context!.before, ...context!.after]) expect(c.page).toBe(2);
    expect(await api.passageContext('nope:0')).toBeNull();
  });

  it('a new worker over the same database answers without embedding any document', async () => {
    const fresh = newApi();
    const before = loads.length;
    const [top] = await fresh.search({ text: 'hidraulica sete anos' });
    expect(top).toMatchObject({ documentId: 'manual', page: 2 });
    expect(top?.vectorRank).toBeGreaterThan(0); // vectors came from storage
    const status = await fresh.status();
    expect(status.embeddedThisSession).toBe(1); // the query, nothing else
    expect(loads.length).toBe(before + 1); // the embedder, loaded once for the query
  });

  it('removes a document from both indexes, here and in a new worker', async () => {
    const chunksBefore = (await api.status()).chunks;
    const manualChunks = (await chunksOfDocument('manual')).length;
    const otherTab = newApi();
    await otherTab.search({ text: 'turbina' }); // loads its indexes before the removal
    expect((await otherTab.status()).indexed?.keyword).toBe(chunksBefore);
    await api.removeDocument('manual');
    const found = await api.search({ text: 'garantia bomba sete anos' });
    expect(found.map((p) => p.documentId)).not.toContain('manual');
    const status = await api.status();
    expect(status.chunks).toBe(chunksBefore - manualChunks);
    expect(status.embeddedChunks).toBe(status.chunks);
    expect(status.indexed).toEqual({ keyword: status.chunks, vector: status.chunks });
    // The snapshot is written once the library is quiet (or when asked), not per change.
    expect(await api.saveIndex()).toBe(true);
    const snapshot = await readKeywordSnapshot();
    expect(snapshot?.version).toBe(await libraryVersion());
    expect(snapshot?.json).not.toContain('manual:');
    // The other tab's worker sees the version move and reloads before it answers.
    const other = await otherTab.search({ text: 'garantia bomba sete anos' });
    expect(other.map((p) => p.documentId)).not.toContain('manual');
    expect((await otherTab.status()).indexed).toEqual(status.indexed);
  });

  it('a cancel mid-embedding leaves no chunk, vector or index entry behind', async () => {
    await addDocument(record('long', 'long.txt', Date.UTC(2024, 2, 1), []));
    const before = await api.status();
    const controller = new AbortController();
    const loaded: number[] = [];
    const control = callControl((p) => {
      loaded.push(p.loaded);
      controller.abort();
    }, abortPortFor(controller.signal));
    const error: unknown = await api.addDocument('long', long, control).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TaskAbortedError', kind: 'aborted' });
    expect(Math.max(...loaded)).toBeLessThan(120);
    expect(await chunksOfDocument('long')).toEqual([]);
    const after = await api.status();
    expect(after.chunks).toBe(before.chunks);
    expect(after.embeddedChunks).toBe(before.embeddedChunks);
    expect(after.indexed).toEqual(before.indexed);
    const found = await api.search({ text: 'xylofone' });
    expect(found.map((p) => p.documentId)).not.toContain('long');
    expect(found.every((p) => p.keywordRank === undefined)).toBe(true);
  });

  it('reindexes to keyword only and back to the model', async () => {
    expect(await api.reindex(null)).toEqual({ embedded: 0 });
    expect(await getSetting('libraryEmbeddingModelId')).toBeNull();
    expect(await vectorCount(MODEL)).toBe(0);
    let status = await api.status();
    expect(status).toMatchObject({ embeddingModelId: null, embeddedChunks: 0 });
    const [keywordOnly] = await api.search({ text: 'turbina' });
    expect(keywordOnly).toMatchObject({ documentId: 'budget', keywordRank: 1 });
    expect(keywordOnly?.vectorRank).toBeUndefined();

    // Added while keyword only: chunked by estimate, no vectors; the reindex embeds it too.
    const added = await api.addDocument('long', long);
    expect(added.embedded).toBe(false);

    const progress: TaskProgress[] = [];
    const { embedded } = await api.reindex(
      MODEL,
      callControl((p) => progress.push(p)),
    );
    status = await api.status();
    expect(embedded).toBe(status.chunks);
    expect(status).toMatchObject({ embeddingModelId: MODEL, embeddedChunks: status.chunks });
    expect(progress.at(-1)).toMatchObject({ progress: 1, loaded: embedded });
    const [top] = await api.search({ text: 'turbina' });
    expect(top?.vectorRank).toBeGreaterThan(0);
    expect(await api.reindex(MODEL)).toEqual({ embedded: 0 }); // nothing missing
  });

  it('refuses a model that is not installed, with a message that says what to do', async () => {
    const error: unknown = await api.reindex('not-installed').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid-input' });
    expect((error as Error).message).toMatch(/not installed; install it in Models first/);
  });

  it('with no embedding model installed, ingest and search are keyword only', async () => {
    installed = [];
    try {
      const fresh = newApi();
      await addDocument(record('solo', 'solo.md', Date.UTC(2024, 3, 1), []));
      await fresh.reindex(null);
      const result = await fresh.addDocument('solo', notes);
      expect(result.embedded).toBe(false);
      const found = await fresh.search({ text: 'cofre quadro azul' });
      expect(found.map((p) => p.documentId)).toContain('solo');
      expect((await fresh.status()).embeddingModelId).toBeNull();
    } finally {
      installed = [MODEL];
    }
  });

  it('keeps a recording’s time through chunks, search and the passage panel', async () => {
    await addDocument(record('talk', 'talk.mp3', Date.UTC(2024, 4, 1), []));
    const talk = transcriptDocument(
      {
        language: 'pt',
        durationSeconds: 95,
        segments: [
          { start: 0, end: 20, text: 'Bom dia a todos.' },
          { start: 65, end: 80, text: 'O gerador diesel precisa de filtro novo.' },
          { start: 80, end: 95, text: 'Obrigado.' },
        ],
        text: '',
        windows: 4,
      },
      'talk.mp3',
    );
    await api.addDocument('talk', talk);
    const stored = await chunksOfDocument('talk');
    expect(stored.every((c) => c.time !== undefined)).toBe(true);
    const [top] = await api.search({ text: 'gerador diesel filtro' });
    expect(top).toMatchObject({ documentId: 'talk' });
    // The three timed paragraphs fit in one passage: its time and section span them all.
    expect(stored.map((c) => [c.time, c.section])).toEqual([[[0, 95], '00:00:00–00:01:35']]);
    expect(top?.time).toEqual([0, 95]);
    const context = await api.passageContext(top!.chunkId);
    expect(context?.passage).toMatchObject({ time: [0, 95], section: '00:00:00–00:01:35' });
  });
});

describe('the fixture embedder counts tokens as the model sees them', () => {
  it('counts special tokens and gives the model limit', async () => {
    const embedder = await loadTransformersEmbedder({
      entry: getModel(MODEL),
      files: diskSource(MODEL),
      device: 'cpu',
    });
    try {
      expect(embedder.maxTokens).toBe(64);
      // [CLS] + [SEP] around: '' → 2, 'hello world' → 4.
      expect(await embedder.countTokens(['', 'hello world'])).toEqual([2, 4]);
    } finally {
      await embedder.dispose();
    }
  });
});
