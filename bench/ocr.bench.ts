/**
 * OCR throughput in Chromium (WASM): pages/s through the app's vision worker ÷ bare
 * tesseract.js 7 (createWorker, same worker script, core and English data, all from our
 * origin) on the same images in the same page, interleaved. Images: tests/fixtures/ocr/text.png
 * and the pages of an English text PDF made here with pdf-lib and rendered in the page with
 * pdf.js. Both paths must read the same text: the edit distance between them is printed.
 * Knobs: OMNIA_BENCH_OCR_ROUNDS (default 3), OMNIA_BENCH_OCR_PAGES (default 3).
 */
import { readFile } from 'node:fs/promises';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { runBenchPage } from './bench-page.ts';
import { percentile } from './chat-stream.bench.ts';
import type { OcrBenchResult, OcrImageResult } from './pages/ocr-bench.ts';
import { seededRandom } from '../scripts/fixtures/fixture-bytes.ts';
import { median } from './stats.ts';

const ROUNDS = Number(process.env['OMNIA_BENCH_OCR_ROUNDS'] ?? 3);
const PDF_PAGES = Number(process.env['OMNIA_BENCH_OCR_PAGES'] ?? 3);
const MODEL = 'omnia-fixture-ocr-eng';
const PNG_FIXTURES = ['tests/fixtures/ocr/text.png', 'tests/fixtures/ocr/page2.png'];
/** pdf.js render scale: 2 ≈ 144 dpi, a common scan resolution. */
const PDF_SCALE = 2;

// prettier-ignore
const WORDS = [
  'the', 'and', 'of', 'to', 'for', 'with', 'report', 'budget', 'schedule', 'pump', 'valve',
  'pressure', 'filter', 'inspection', 'warranty', 'safety', 'procedure', 'customer', 'meeting',
  'contract', 'invoice', 'delivery', 'quarter', 'team', 'review', 'total', 'number', 'week',
];

/** An English text PDF: a heading and 30 lines of 11 pt text per page. */
async function makePdf(pages: number): Promise<Uint8Array> {
  const next = seededRandom(6);
  const word = (): string => WORDS[Math.floor(next() * WORDS.length)]!;
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let p = 1; p <= pages; p++) {
    const page = pdf.addPage([595, 842]);
    page.drawText(`Section ${p}: maintenance report ${1000 + p * 37}`, {
      x: 50,
      y: 790,
      size: 16,
      font,
    });
    for (let line = 0; line < 30; line++) {
      const words = Array.from({ length: 9 }, word).join(' ');
      page.drawText(`${words} ${Math.floor(next() * 9000) + 1000}.`, {
        x: 50,
        y: 755 - line * 22,
        size: 11,
        font,
      });
    }
  }
  return pdf.save();
}

/** Levenshtein distance over characters (texts of a few KB: O(n·m) is fine). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();
const f1 = (v: number): string => v.toFixed(1);

function line(label: string, values: readonly number[], unit: string, digits = 1): string {
  const f = (v: number): string => v.toFixed(digits);
  return `  ${label.padEnd(44)} median ${f(median(values))} ${unit}, p90 ${f(percentile(values, 90))} ${unit}`;
}

/** Pages/s of each round over `images`: images ÷ the round's summed ms. */
function pagesPerSecond(images: OcrImageResult[], path: 'app' | 'bare'): number[] {
  const rounds = images[0]?.[path].length ?? 0;
  return Array.from({ length: rounds }, (_, r) => {
    const ms = images.reduce((sum, image) => sum + image[path][r]!.ms, 0);
    return (images.length * 1000) / ms;
  });
}

function report(result: OcrBenchResult, rounds: number): void {
  console.log(
    `OCR: ${result.images.length} images (${PNG_FIXTURES.length} fixture PNGs + ${PDF_PAGES} PDF ` +
      `pages rendered at scale ${PDF_SCALE}), model ${MODEL} (eng 4.0.0_best_int, LSTM only), ` +
      `${rounds} rounds per path after 1 warm-up, interleaved`,
  );
  console.log(
    '  app:  vision worker ocr (Blob → worker decodes to RGBA → PNM → tesseract worker script)',
  );
  console.log(
    '  bare: tesseract.js createWorker + recognize(Blob, {}, { text, blocks }), same worker ' +
      'script, core and data',
  );
  console.log(
    `  one-off: install into OPFS ${f1(result.installMs)} ms; bare createWorker ready ` +
      `${f1(result.bareStartMs)} ms; app first call (worker + tesseract start + 1 image) ` +
      `${f1(result.appFirstCallMs)} ms`,
  );
  for (const image of result.images) {
    const distance = editDistance(squash(image.appText), squash(image.bareText));
    console.log(
      `  ${image.name} (${image.width}×${image.height}): app ${f1(median(image.app.map((r) => r.ms)))} ms ` +
        `(in-engine ${f1(median(image.app.map((r) => r.engineMs ?? Number.NaN)))} ms), bare ` +
        `${f1(median(image.bare.map((r) => r.ms)))} ms; text ${squash(image.appText).length} chars, ` +
        `edit distance app↔bare ${distance}`,
    );
  }
  const groups: [string, OcrImageResult[]][] = [
    ['all images', result.images],
    ['PDF pages only', result.images.filter((image) => image.name.startsWith('pdf page'))],
  ];
  for (const [label, images] of groups) {
    const app = pagesPerSecond(images, 'app');
    const bare = pagesPerSecond(images, 'bare');
    console.log(line(`app pages/s (${label})`, app, 'pages/s', 3));
    console.log(line(`bare pages/s (${label})`, bare, 'pages/s', 3));
    console.log(
      `  ratio app ÷ bare, ${label} (median pages/s; above 1: app faster): ` +
        `${(median(app) / median(bare)).toFixed(3)}`,
    );
  }
  const first = result.images[0];
  if (first) {
    console.log(`  ${first.name}, app text:  ${JSON.stringify(squash(first.appText))}`);
    console.log(`  ${first.name}, bare text: ${JSON.stringify(squash(first.bareText))}`);
  }
}

export async function ocrBench(): Promise<void> {
  const pngs = await Promise.all(
    PNG_FIXTURES.map(async (path) => ({
      name: path.split('/').pop() ?? path,
      png: (await readFile(path)).toString('base64'),
    })),
  );
  const pdf = Buffer.from(await makePdf(PDF_PAGES)).toString('base64');
  await runBenchPage('ocr', 'ocr.html', async (page) => {
    const result = await page.evaluate(
      ({ model, pngs, pdf, scale, rounds }) =>
        (
          window as unknown as {
            runOcrBench: (
              model: string,
              pngs: { name: string; png: string }[],
              pdf: string,
              scale: number,
              rounds: number,
            ) => Promise<OcrBenchResult>;
          }
        ).runOcrBench(model, pngs, pdf, scale, rounds),
      { model: MODEL, pngs, pdf, scale: PDF_SCALE, rounds: ROUNDS },
    );
    report(result, ROUNDS);
  });
}
