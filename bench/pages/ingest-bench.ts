/**
 * Runs in the browser: ingest throughput, the app's path against the bare library on the same
 * input in this page, interleaved.
 * - PDF: the app's ingest worker (createIngestClient → sniff, limits, pdf.js in the worker,
 *   blocks with pages and sections) ÷ bare pdf.js (getDocument + getTextContent of every
 *   page, pdf.js's own worker) on the same bytes.
 * - Embedding: the app's library worker (createLibraryClient().addDocument: chunking in the
 *   embedder's tokens, embedding in batches, storing chunks and vectors, both indexes, the
 *   snapshot) with the fixture embedder installed the app's way ÷ bare transformers.js
 *   feature-extraction (mean pooling, normalize, batches of 32) on the very chunk texts the
 *   app stored. Every round is a document neither side has seen.
 * bench/ingest.bench.ts drives it and prints the figures.
 */
import { pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import * as pdfjs from 'pdfjs-dist';
import pdfWorkerUrl from 'pdfjs-dist/build/pdf.worker.mjs?url';
import type { ParsedDocument } from '../../src/core/ingest/types';
import { getModel } from '../../src/models/catalog';
import { chunksOfDocument, vectorsOf } from '../../src/storage';
import { createIngestClient } from '../../src/workers/ingest-client';
import { createLibraryClient } from '../../src/workers/library-client';
import { bareFixtureOptions, installFixture } from './fixture-page';

export interface PdfRun {
  ms: number;
  pages: number;
  /** Characters of text found, to show both paths read the same text. */
  chars: number;
}

export interface EmbedRun {
  ms: number;
  chunks: number;
  /** App only: call → last progress report (chunks embedded = all), before storing. */
  embeddedAtMs: number | null;
}

export interface IngestBenchResult {
  installMs: number;
  vectorIndex: string | null;
  embeddingModelId: string | null;
  pdf: { app: PdfRun[]; bare: PdfRun[] };
  embed: { app: EmbedRun[]; bare: EmbedRun[] };
  /** Largest |app − bare| over the first chunk's vector (q8 quantises per batch: ~1e-2 is normal). */
  firstVectorMaxDiff: number;
}

const FONTS_URL = new URL('./pdfjs/standard_fonts/', location.href).href;
const CMAPS_URL = new URL('./pdfjs/cmaps/', location.href).href;
const BARE_BATCH = 32;

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

const ingest = createIngestClient();
const library = createLibraryClient();

async function pdfApp(bytes: Uint8Array): Promise<PdfRun> {
  const file = new Blob([bytes.slice()], { type: 'application/pdf' });
  const start = performance.now();
  const outcome = await ingest.parse(file, 'bench-report.pdf');
  const ms = performance.now() - start;
  if (!outcome.ok) throw new Error(`the app could not parse the PDF: ${outcome.problem.message}`);
  const chars = outcome.parsed.blocks.reduce((sum, b) => sum + b.text.replace(/\s/g, '').length, 0);
  return { ms, pages: outcome.parsed.pageCount ?? 0, chars };
}

async function pdfBare(bytes: Uint8Array): Promise<PdfRun> {
  const start = performance.now();
  const loading = pdfjs.getDocument({
    data: bytes.slice(),
    standardFontDataUrl: FONTS_URL,
    cMapUrl: CMAPS_URL,
  });
  const doc = await loading.promise;
  let chars = 0;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    for (const item of content.items) {
      if ('str' in item) chars += item.str.replace(/\s/g, '').length;
    }
    page.cleanup();
  }
  const ms = performance.now() - start;
  const pages = doc.numPages;
  await loading.destroy();
  return { ms, pages, chars };
}

let round = 0;

function maxDiff(a: Float32Array | null, b: Float32Array | null): number {
  if (!a || !b || a.length !== b.length) return Number.NaN;
  return a.reduce((worst, v, i) => Math.max(worst, Math.abs(v - b[i]!)), 0);
}

/**
 * The app's whole addDocument of a document it has not seen before; the document is removed
 * again afterwards, untimed. Throws when the chunks it stored are not `texts` (what bare embeds).
 */
async function embedApp(
  parsed: ParsedDocument,
  texts: readonly string[],
  modelId: string,
): Promise<{ run: EmbedRun; first: Float32Array | null }> {
  const documentId = `bench-embed-${round++}`;
  let embeddedAt: number | null = null;
  const start = performance.now();
  const { chunkCount, embedded } = await library.addDocument(documentId, parsed, {
    onProgress: (p) => {
      if (p.total > 0 && p.loaded >= p.total) embeddedAt ??= performance.now();
    },
  });
  const ms = performance.now() - start;
  if (!embedded) throw new Error('the library worker stored no vectors (no embedding model?)');
  const stored = (await chunksOfDocument(documentId)).map((c) => c.text);
  if (stored.length !== texts.length || stored.some((t, i) => t !== texts[i])) {
    throw new Error('the app chunked the document differently from one chunk per paragraph');
  }
  const firstId = `${documentId}:0`;
  const first = (await vectorsOf(modelId)).find((row) => row.chunkId === firstId)?.vector ?? null;
  await library.removeDocument(documentId);
  const embeddedAtMs = embeddedAt === null ? null : embeddedAt - start;
  return { run: { ms, chunks: chunkCount, embeddedAtMs }, first };
}

/** The chunk texts of a bench document: its paragraphs, as the chunker trims them. */
const textsOf = (parsed: ParsedDocument): string[] => parsed.blocks.map((b) => b.text.trim());

async function embedBare(
  extractor: FeatureExtractionPipeline,
  texts: readonly string[],
): Promise<{ run: EmbedRun; first: Float32Array | null }> {
  const start = performance.now();
  let first: Float32Array | null = null;
  for (let i = 0; i < texts.length; i += BARE_BATCH) {
    const tensor = await extractor(texts.slice(i, i + BARE_BATCH), {
      pooling: 'mean',
      normalize: true,
    });
    if (i === 0) first = (tensor.data as Float32Array).slice(0, tensor.dims[1]);
  }
  return {
    run: { ms: performance.now() - start, chunks: texts.length, embeddedAtMs: null },
    first,
  };
}

/** Bare transformers.js on the same fixture files, from the same relay. */
function loadBareExtractor(modelId: string): Promise<FeatureExtractionPipeline> {
  const { repo, options } = bareFixtureOptions(modelId);
  return pipeline('feature-extraction', repo, options);
}

/**
 * `documents[0]` warms up; round i adds `documents[i + 1]`, and bare embeds the same texts.
 */
async function runIngestBench(
  pdfBase64: string,
  documents: ParsedDocument[],
  modelId: string,
  rounds: number,
): Promise<IngestBenchResult> {
  pdfjs.GlobalWorkerOptions.workerSrc = pdfWorkerUrl;
  const bytes = fromBase64(pdfBase64);
  const pdf = { app: [] as PdfRun[], bare: [] as PdfRun[] };
  // One warm-up each (worker start, pdf.js load), then interleaved, alternating who goes first.
  await pdfApp(bytes);
  await pdfBare(bytes);
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) pdf.app.push(await pdfApp(bytes));
    pdf.bare.push(await pdfBare(bytes));
    if (i % 2 === 1) pdf.app.push(await pdfApp(bytes));
  }
  ingest.worker.terminate();

  const { installMs } = await installFixture(getModel(modelId));
  const extractor = await loadBareExtractor(modelId);
  const embed = { app: [] as EmbedRun[], bare: [] as EmbedRun[] };
  // Warm-up: loads the embedder and the indexes. Then each round a new document, whose
  // paragraphs both sides embed, alternating who goes first.
  const [warm, ...timed] = documents;
  if (!warm || timed.length < rounds) throw new Error(`need ${rounds + 1} documents`);
  const warmApp = await embedApp(warm, textsOf(warm), modelId);
  const warmBare = await embedBare(extractor, textsOf(warm));
  for (const [i, parsed] of timed.slice(0, rounds).entries()) {
    const texts = textsOf(parsed);
    if (i % 2 === 0) embed.app.push((await embedApp(parsed, texts, modelId)).run);
    embed.bare.push((await embedBare(extractor, texts)).run);
    if (i % 2 === 1) embed.app.push((await embedApp(parsed, texts, modelId)).run);
  }
  const status = await library.status();
  await extractor.dispose();
  library.worker.terminate();
  return {
    installMs,
    vectorIndex: status.vectorIndex,
    embeddingModelId: status.embeddingModelId,
    pdf,
    embed,
    firstVectorMaxDiff: maxDiff(warmApp.first, warmBare.first),
  };
}

(window as unknown as { runIngestBench: typeof runIngestBench }).runIngestBench = runIngestBench;
document.documentElement.dataset['ready'] = 'true';
