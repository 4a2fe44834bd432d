// The Library service wired to the REAL worker APIs, called in-process over real
// MessageChannels (structured clone, abort ports, progress proxies): the ingest API with the
// real parsers and pdf.js's legacy build, and the library API with the committed fixture
// embedder (transformers.js) and voy, on fake-indexeddb. The adapters only give each API the
// shape of its client; nothing under test is faked.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { vi } from 'vitest';
import type { IngestPort, LibraryPort } from '../../../../src/core/library/ports';
import {
  createLibraryService,
  type LibraryServiceImpl,
} from '../../../../src/core/library/library-service';
import type { LibraryJob } from '../../../../src/core/library/library-service-types';
import { loadVoy } from '../../../../src/core/rag/voy-module';
import { getModel } from '../../../../src/models/catalog';
import { loadTransformersEmbedder } from '../../../../src/models/engines/transformers/transformers-embedder';
import { createIngestApi } from '../../../../src/workers/ingest-api';
import { createLibraryApi } from '../../../../src/workers/library-api';
import { abortPortFor, callControl } from '../../../../src/workers/rpc';
import { diskSource } from '../../models/engines/fixture-files';
import { connect } from '../../workers/channel';

export const MODEL = 'omnia-fixture-embedder';
const FIXTURES = new URL('../../../fixtures/library/', import.meta.url);

const require = createRequire(import.meta.url);
const voyWasm = readFileSync(require.resolve('voy-search/voy_search_bg.wasm'));
const pdfjsRoot = dirname(dirname(require.resolve('pdfjs-dist')));

export const planted = JSON.parse(
  readFileSync(new URL('planted.json', FIXTURES), 'utf8'),
) as Record<
  string,
  { text: string; page?: number; pageCount?: number; sheet?: string; row?: number }
>;

/** A committed fixture as the File a drop gives, optionally under another name. */
export async function fixture(name: string, as: string = name): Promise<File> {
  return new File([new Uint8Array(await readFile(new URL(name, FIXTURES)))], as);
}

/** The real ingest API behind the ingest client's shape (its time limit is tested apart). */
export function ingestPort(): IngestPort {
  const remote = connect(
    createIngestApi({
      loadPdfjs: async () => await import('pdfjs-dist/legacy/build/pdf.mjs'),
      pdfOptions: { standardFontDataUrl: `${join(pdfjsRoot, 'standard_fonts')}/` },
    }),
  );
  return {
    parse: (file, fileName, options = {}) =>
      remote.parse(file, fileName, callControl(undefined, abortPortFor(options.signal))),
  };
}

/** Installed embedding models the library API sees; tests change it. */
export const installed: string[] = [MODEL];

/** The real library API behind the library client's shape. */
export function libraryPort(): LibraryPort {
  const remote = connect(
    createLibraryApi({
      loadEmbedder: (modelId, signal) =>
        loadTransformersEmbedder({
          entry: getModel(modelId),
          files: diskSource(modelId),
          device: 'cpu',
          signal,
        }),
      loadVoy: () => loadVoy(voyWasm),
      installedEmbeddingModels: () => Promise.resolve([...installed]),
      now: () => Date.now(),
    }),
  );
  return {
    addDocument: (id, parsed, o = {}) =>
      remote.addDocument(id, parsed, callControl(o.onProgress, abortPortFor(o.signal))),
    removeDocument: (id) => remote.removeDocument(id),
    search: (query) => remote.search(query),
    answer: (query) => remote.answer(query),
    passageContext: (chunkId) => remote.passageContext(chunkId),
    reindex: (modelId, o = {}) =>
      remote.reindex(modelId, callControl(o.onProgress, abortPortFor(o.signal))),
    status: () => remote.status(),
  };
}

let ids = 0;

export function newService(
  ports: { ingest?: IngestPort; library?: LibraryPort; parseTimeoutMs?: number } = {},
): LibraryServiceImpl {
  return createLibraryService({
    ingest: ports.ingest ?? ingestPort(),
    library: ports.library ?? libraryPort(),
    newId: () => `id-${++ids}`,
    now: () => Date.now(),
    ...(ports.parseTimeoutMs !== undefined ? { parseTimeoutMs: ports.parseTimeoutMs } : {}),
  });
}

/** The service's live job list, kept current. */
export function jobsOf(service: LibraryServiceImpl): { current: readonly LibraryJob[] } {
  const box: { current: readonly LibraryJob[] } = { current: [] };
  service.watchJobs((jobs) => (box.current = jobs));
  return box;
}

/** Waits until `predicate` holds for the job list (polled on every change). */
export async function jobsWhere(
  box: { current: readonly LibraryJob[] },
  predicate: (jobs: readonly LibraryJob[]) => boolean,
  timeout = 20_000,
): Promise<void> {
  await vi.waitFor(
    () => {
      if (!predicate(box.current)) throw new Error('not yet');
    },
    { timeout, interval: 5 },
  );
}
