/**
 * Ingest throughput in Chromium (WASM): PDF pages/s through the app's ingest worker ÷ bare
 * pdf.js on the same file, and chunks/s through the app's library worker (addDocument with
 * the fixture embedder installed) ÷ bare transformers.js feature-extraction on the same chunk
 * texts, both in the same page, interleaved; every round adds a document neither side saw
 * before. The PDF is generated here with pdf-lib. Writes bench/results/ingest.json.
 * Knobs: OMNIA_BENCH_INGEST_ROUNDS (default 5), OMNIA_BENCH_PAGES_DIST (bench-pages build folder).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { runBenchPage } from './bench-page.ts';
import { percentile } from './chat-stream.bench.ts';
import { embedDocument, PDF_PAGES, writeBenchPdf } from './ingest-data.ts';
import type { EmbedRun, IngestBenchResult, PdfRun } from './pages/ingest-bench.ts';
import { median } from './stats.ts';

const ROUNDS = Number(process.env['OMNIA_BENCH_INGEST_ROUNDS'] ?? 5);
const MODEL = 'omnia-fixture-embedder';

const rate = (count: number, ms: number): number => (count * 1000) / ms;

function line(label: string, values: readonly number[], unit: string): string {
  const f = (v: number): string => v.toFixed(1);
  return `  ${label.padEnd(58)} median ${f(median(values))} ${unit}, p90 ${f(percentile(values, 90))} ${unit}`;
}

function report(
  result: IngestBenchResult,
  pdfPath: string,
  pdfBytes: number,
): Record<string, unknown> {
  const { pdf, embed } = result;
  const pagesPerS = (runs: PdfRun[]): number[] => runs.map((r) => rate(r.pages, r.ms));
  const chunksPerS = (runs: EmbedRun[]): number[] => runs.map((r) => rate(r.chunks, r.ms));
  console.log(
    `PDF: ${pdf.app[0]?.pages ?? 0} pages, ${(pdfBytes / 1024).toFixed(0)} KB (${pdfPath}), ` +
      `${pdf.app.length} rounds per path after 1 warm-up, interleaved`,
  );
  console.log(
    '  app:  ingest worker (createIngestClient: sniff, limits, pdf.js fake worker, blocks)',
  );
  console.log("  bare: pdf.js getDocument + getTextContent of every page, pdf.js's own worker");
  console.log(
    '  (bare pays a main-thread ↔ pdf.js-worker round trip per page and streams text across it; ' +
      'the app runs pdf.js in-thread inside its worker and sends one result)',
  );
  console.log(line('app pages/s', pagesPerS(pdf.app), 'pages/s'));
  console.log(line('bare pages/s', pagesPerS(pdf.bare), 'pages/s'));
  console.log(
    line(
      'app whole file',
      pdf.app.map((r) => r.ms),
      'ms',
    ),
  );
  console.log(
    line(
      'bare whole file',
      pdf.bare.map((r) => r.ms),
      'ms',
    ),
  );
  const chars = new Set([...pdf.app, ...pdf.bare].map((r) => r.chars));
  console.log(
    `  text read (non-space characters): ${[...chars].join(' / ')} ` +
      `(${chars.size === 1 ? 'same' : 'DIFFERENT'} on both paths)`,
  );
  console.log(
    `  ratio app ÷ bare (median pages/s): ` +
      `${(median(pagesPerS(pdf.app)) / median(pagesPerS(pdf.bare))).toFixed(3)}`,
  );

  const chunks = embed.app[0]?.chunks ?? 0;
  console.log(
    `Embedding: ${chunks} chunks, model ${result.embeddingModelId ?? 'none'} (q8, WASM), vector ` +
      `index in the worker: ${result.vectorIndex ?? 'none'}; install into OPFS ` +
      `${result.installMs.toFixed(0)} ms (one-off); ${embed.app.length} rounds per path after 1 warm-up`,
  );
  console.log(
    '  app:  library worker addDocument (parsed document cloned into the worker, chunk in model ' +
      'tokens, embed 32 per pass, store chunks + vectors, keyword + vector index; the snapshot ' +
      'is written later, untimed)',
  );
  console.log(
    '  bare: transformers.js feature-extraction on the main thread, mean pooling, normalize, ' +
      'batches of 32, same chunk texts (no chunking, storing or indexing)',
  );
  console.log(line('app chunks/s (whole addDocument)', chunksPerS(embed.app), 'chunks/s'));
  const embeddedAt = embed.app
    .filter((r) => r.embeddedAtMs !== null)
    .map((r) => rate(r.chunks, r.embeddedAtMs!));
  if (embeddedAt.length > 0) {
    console.log(
      line('app chunks/s up to the last embedded batch (before storing)', embeddedAt, 'chunks/s'),
    );
  }
  console.log(line('bare chunks/s', chunksPerS(embed.bare), 'chunks/s'));
  console.log(
    `  first chunk's vector, app vs bare: max |difference| ${result.firstVectorMaxDiff.toExponential(1)}`,
  );
  console.log(
    `  ratio app ÷ bare (median chunks/s): ` +
      `${(median(chunksPerS(embed.app)) / median(chunksPerS(embed.bare))).toFixed(3)}` +
      (embeddedAt.length > 0
        ? `; embedding stage only: ${(median(embeddedAt) / median(chunksPerS(embed.bare))).toFixed(3)}`
        : ''),
  );
  return {
    pdf: {
      pages: pdf.app[0]?.pages ?? 0,
      appPagesPerS: median(pagesPerS(pdf.app)),
      barePagesPerS: median(pagesPerS(pdf.bare)),
      ratio: median(pagesPerS(pdf.app)) / median(pagesPerS(pdf.bare)),
    },
    embed: {
      chunks,
      appChunksPerS: median(chunksPerS(embed.app)),
      appEmbeddedChunksPerS: embeddedAt.length > 0 ? median(embeddedAt) : null,
      bareChunksPerS: median(chunksPerS(embed.bare)),
      ratio: median(chunksPerS(embed.app)) / median(chunksPerS(embed.bare)),
      embeddingStageRatio:
        embeddedAt.length > 0 ? median(embeddedAt) / median(chunksPerS(embed.bare)) : null,
      appMs: embed.app.map((r) => r.ms),
      bareMs: embed.bare.map((r) => r.ms),
      firstVectorMaxDiff: result.firstVectorMaxDiff,
    },
  };
}

export async function ingestBench(): Promise<void> {
  const { path, bytes } = await writeBenchPdf(PDF_PAGES);
  await runBenchPage('ingest', 'ingest.html', async (page) => {
    const loadBefore = loadavg()[0]!;
    const result = await page.evaluate(
      ({ pdf, documents, model, rounds }) =>
        (
          window as unknown as {
            runIngestBench: (
              pdf: string,
              documents: unknown[],
              model: string,
              rounds: number,
            ) => Promise<IngestBenchResult>;
          }
        ).runIngestBench(pdf, documents, model, rounds),
      {
        pdf: Buffer.from(bytes).toString('base64'),
        documents: Array.from({ length: ROUNDS + 1 }, (_, seed) => embedDocument(seed)),
        model: MODEL,
        rounds: ROUNDS,
      },
    );
    const figures = report(result, path, bytes.length);
    const summary = {
      measured: new Date().toISOString(),
      rounds: ROUNDS,
      loadAverage1m: { before: loadBefore, after: loadavg()[0] },
      ...figures,
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/ingest.json', `${JSON.stringify(summary, null, 2)}\n`);
    console.log(
      `  load average (1 min) ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after; ` +
        'wrote bench/results/ingest.json',
    );
  });
}
