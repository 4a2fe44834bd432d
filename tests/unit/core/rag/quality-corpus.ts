// The answer-quality suite's library, built the way the app builds it: the committed documents
// of tests/fixtures/library/quality (and the older library fixtures as other documents a person
// keeps) through the real parsers (pdf.js's Node build), the real chunker — the estimate with
// no embedder, the embedder's own tokenizer with one — the keyword index, and, with the fixture
// embedder (transformers.js on onnxruntime-node, random weights), an exact vector index.
import { readFileSync } from 'node:fs';
import {
  chunkDocument,
  chunkOptionsFor,
  estimateTokenCounts,
} from '../../../../src/core/ingest/chunk';
import { parseDocument } from '../../../../src/core/ingest/parsers/parse-document';
import { KeywordIndex } from '../../../../src/core/rag/keyword-index';
import { createVectorIndex, type VectorIndex } from '../../../../src/core/rag/vector-index';
import { getModel } from '../../../../src/models/catalog';
import { loadTransformersEmbedder } from '../../../../src/models/engines/transformers/transformers-embedder';
import type { Embedder } from '../../../../src/models/engines/types';
import type { Chunk } from '../../../../src/storage';
import type { QualityManifest } from '../../../../scripts/fixtures/quality-fixtures';
import { diskSource } from '../../models/engines/fixture-files';

const QUALITY = new URL('../../../fixtures/library/quality/', import.meta.url);
const LIBRARY = new URL('../../../fixtures/library/', import.meta.url);

/** Older fixtures with text: other documents in the same library, competing for every question. */
export const OTHER_DOCUMENTS = [
  'report.pdf',
  'handbook.docx',
  'budget.xlsx',
  'inventory.csv',
  'people.csv',
  'page.html',
  'notes.txt',
  'notes.md',
  'data.json',
  'data.jsonl',
  'latin1.txt',
] as const;

export const EMBEDDER_ID = 'omnia-fixture-embedder';

/** The cases and headings of the suite (cases.json). */
export function readManifest(): QualityManifest {
  return JSON.parse(readFileSync(new URL('cases.json', QUALITY), 'utf8')) as QualityManifest;
}

/** A built library: chunks by id, document names by id (the file name is the id), indexes. */
export interface QualityLibrary {
  chunks: Map<string, Chunk>;
  names: Map<string, string>;
  keyword: KeywordIndex;
  /** null: keyword only. */
  vector: VectorIndex | null;
  embedder: Embedder | null;
}

/** The suite's documents and the other fixtures, as [name, bytes]. */
export function libraryFiles(manifest: QualityManifest): [string, Uint8Array][] {
  const read = (base: URL, name: string): Uint8Array =>
    new Uint8Array(readFileSync(new URL(name, base)));
  return [
    ...Object.keys(manifest.headings).map((name): [string, Uint8Array] => [
      name,
      read(QUALITY, name),
    ]),
    ...OTHER_DOCUMENTS.map((name): [string, Uint8Array] => [name, read(LIBRARY, name)]),
  ];
}

/** The fixture embedder through the app's own adapter, on the CPU. */
export function loadFixtureEmbedder(): Promise<Embedder> {
  return loadTransformersEmbedder({
    entry: getModel(EMBEDDER_ID),
    files: diskSource(EMBEDDER_ID),
    device: 'cpu',
  });
}

/**
 * Parses, chunks and indexes `files` as the library worker does: chunks measured by the
 * embedder's tokenizer when there is one (and embedded), by the estimate otherwise.
 */
export async function buildLibrary(
  files: readonly [string, Uint8Array][],
  embedder: Embedder | null,
): Promise<QualityLibrary> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const options = embedder
    ? chunkOptionsFor(embedder.maxTokens, (texts) => embedder.countTokens(texts))
    : chunkOptionsFor(null, estimateTokenCounts);
  const chunks = new Map<string, Chunk>();
  const names = new Map<string, string>();
  const keyword = new KeywordIndex();
  for (const [name, bytes] of files) {
    const parsed = await parseDocument(bytes, name, { pdfjs });
    const own: Chunk[] = (await chunkDocument(parsed, options)).map((draft) => ({
      ...draft,
      id: `${name}:${draft.order}`,
      documentId: name,
    }));
    names.set(name, name);
    for (const chunk of own) chunks.set(chunk.id, chunk);
    keyword.add(
      own.map((c) => ({
        id: c.id,
        documentId: c.documentId,
        text: c.text,
        documentName: name,
        ...(c.section !== undefined ? { section: c.section } : {}),
      })),
    );
  }
  let vector: VectorIndex | null = null;
  if (embedder) {
    const all = [...chunks.values()];
    const vectors = await embedder.embed(all.map((c) => c.text));
    vector = createVectorIndex('exact', embedder.dimension);
    vector.add(all.map((c, i) => ({ id: c.id, vector: vectors[i] as Float32Array })));
  }
  return { chunks, names, keyword, vector, embedder };
}
