/**
 * Runs in the browser: OCR throughput, the app's path against the bare library on the same
 * images in this page, interleaved.
 * - app: the vision worker (createVisionClient().ocr with the fixture English data installed
 *   the app's way): the worker decodes the image, converts it to PNM and drives tesseract's
 *   own worker script with the LSTM-only core from our origin.
 * - bare: tesseract.js 7's createWorker on the same page, its worker and core from our origin
 *   (`tesseract/`, as the app build ships them), the same eng.traineddata.gz from the relay,
 *   recognising the same PNG Blob (tesseract decodes it itself).
 * The images: the given PNGs, and pages of a text PDF rendered here with pdf.js.
 * bench/ocr.bench.ts drives it and prints the figures.
 */
import * as pdfjs from 'pdfjs-dist';
import pdfWorkerUrl from 'pdfjs-dist/build/pdf.worker.mjs?url';
import { createWorker, type Worker as TesseractWorker } from 'tesseract.js';
import { getModel } from '../../src/models/catalog';
import { modelFolderUrl, parseRelayUrl } from '../../src/models/download/source-urls';
import { createVisionClient } from '../../src/workers/vision-client';
import { installFixture } from './fixture-page';

export interface OcrImageInput {
  name: string;
  /** PNG bytes, base64. */
  png: string;
}

export interface OcrRun {
  /** Call → text back, ms. */
  ms: number;
  /** App only: recognition inside the vision worker (no decode, no messaging). */
  engineMs: number | null;
}

export interface OcrImageResult {
  name: string;
  width: number;
  height: number;
  app: OcrRun[];
  bare: OcrRun[];
  appText: string;
  bareText: string;
}

export interface OcrBenchResult {
  installMs: number;
  /** createWorker → ready (core and language loaded), ms. */
  bareStartMs: number;
  /** First app call (vision worker start, tesseract start, one recognition), ms. */
  appFirstCallMs: number;
  images: OcrImageResult[];
}

const TESSERACT_URL = new URL('./tesseract/', location.href).href;
const FONTS_URL = new URL('./pdfjs/standard_fonts/', location.href).href;

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** Every page of `pdf` as a PNG Blob, rendered at `scale` (2 ≈ 144 dpi). */
async function renderPdfPages(
  pdf: Uint8Array,
  scale: number,
): Promise<{ name: string; blob: Blob }[]> {
  pdfjs.GlobalWorkerOptions.workerSrc = pdfWorkerUrl;
  const loading = pdfjs.getDocument({ data: pdf.slice(), standardFontDataUrl: FONTS_URL });
  const doc = await loading.promise;
  const pages: { name: string; blob: Blob }[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const viewport = page.getViewport({ scale });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(viewport.width);
    canvas.height = Math.round(viewport.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas context to render the PDF page');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvas, canvasContext: context, viewport }).promise;
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error(`could not encode PDF page ${p} as PNG`);
    pages.push({ name: `pdf page ${p}`, blob });
    page.cleanup();
  }
  await loading.destroy();
  return pages;
}

async function sizeOf(blob: Blob): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(blob);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

const vision = createVisionClient();

async function ocrApp(modelId: string, image: Blob): Promise<{ run: OcrRun; text: string }> {
  const start = performance.now();
  const response = await vision.ocr({ modelIds: [modelId], image });
  const ms = performance.now() - start;
  return { run: { ms, engineMs: response.elapsedMs }, text: response.text };
}

async function ocrBare(
  worker: TesseractWorker,
  image: Blob,
): Promise<{ run: OcrRun; text: string }> {
  const start = performance.now();
  // The same output the app asks tesseract for: text, and blocks for its lines and boxes.
  const result = await worker.recognize(image, {}, { text: true, blocks: true });
  const ms = performance.now() - start;
  return { run: { ms, engineMs: null }, text: result.data.text };
}

/** Bare tesseract.js with everything from our origin: no CDN, no IndexedDB cache. */
async function startBare(modelId: string): Promise<TesseractWorker> {
  const entry = getModel(modelId);
  const dataFile = entry.files[0]?.path ?? '';
  const folder = dataFile.slice(0, dataFile.lastIndexOf('/'));
  const langPath = modelFolderUrl(parseRelayUrl(location.origin).baseUrl, entry) + folder;
  // Language as a code with langPath: tesseract.js 7's createWorker breaks on `{ code, data }`
  // (it initialises with the data's bytes as the language name; see tesseract-port.ts).
  return createWorker('eng', 1, {
    workerPath: `${TESSERACT_URL}worker.min.js`,
    corePath: TESSERACT_URL,
    workerBlobURL: false,
    langPath,
    cacheMethod: 'none',
    gzip: true,
    logger: () => undefined,
  });
}

async function runOcrBench(
  modelId: string,
  pngs: OcrImageInput[],
  pdfBase64: string,
  pdfScale: number,
  rounds: number,
): Promise<OcrBenchResult> {
  const images = [
    ...pngs.map(({ name, png }) => ({
      name,
      blob: new Blob([fromBase64(png).slice()], { type: 'image/png' }),
    })),
    ...(await renderPdfPages(fromBase64(pdfBase64), pdfScale)),
  ];
  const { installMs } = await installFixture(getModel(modelId));

  let start = performance.now();
  const bare = await startBare(modelId);
  const bareStartMs = performance.now() - start;
  const first = images[0];
  if (!first) throw new Error('no images to recognise');
  start = performance.now();
  await ocrApp(modelId, first.blob);
  const appFirstCallMs = performance.now() - start;
  await ocrBare(bare, first.blob);

  const results: OcrImageResult[] = [];
  for (const image of images) {
    const { width, height } = await sizeOf(image.blob);
    results.push({ name: image.name, width, height, app: [], bare: [], appText: '', bareText: '' });
  }
  // Interleaved: every round goes over all images, alternating who goes first.
  for (let round = 0; round < rounds; round++) {
    for (const [i, image] of images.entries()) {
      const result = results[i]!;
      const runApp = async () => {
        const { run, text } = await ocrApp(modelId, image.blob);
        result.app.push(run);
        result.appText = text;
      };
      const runBare = async () => {
        const { run, text } = await ocrBare(bare, image.blob);
        result.bare.push(run);
        result.bareText = text;
      };
      if (round % 2 === 0) {
        await runApp();
        await runBare();
      } else {
        await runBare();
        await runApp();
      }
    }
  }
  await bare.terminate();
  await vision.unload();
  vision.worker.terminate();
  return { installMs, bareStartMs, appFirstCallMs, images: results };
}

(window as unknown as { runOcrBench: typeof runOcrBench }).runOcrBench = runOcrBench;
document.documentElement.dataset['ready'] = 'true';
