// The ingest worker's renderPages over a real MessageChannel, with the real pdf.js (legacy
// build, drawing on @napi-rs/canvas as pdf.js does in Node) and the real tesseract: a page
// that is only a scanned picture of text is rendered and read back, so the pixels are proven
// to be the page and not just a canvas of the right size.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getModel } from '../../../src/models/catalog';
import { loadTesseractOcr } from '../../../src/models/engines/tesseract/tesseract-ocr';
import type { OcrEngine } from '../../../src/models/engines/types';
import { TaskAbortedError } from '../../../src/workers/errors';
import { createIngestApi } from '../../../src/workers/ingest-api';
import { MAX_RENDER_SIDE, OCR_RENDER_SCALE, renderScale } from '../../../src/workers/pdf-render';
import { abortPortFor, callControl, type TaskProgress } from '../../../src/workers/rpc';
import { closeAll, connect } from './channel';
import { fixtureBlob, rejectionOf, words } from './worker-calls';

const OCR = new URL('../../fixtures/ocr/', import.meta.url);
const LIBRARY = new URL('../../fixtures/library/', import.meta.url);
const planted = JSON.parse(readFileSync(new URL('expected.json', OCR), 'utf8')) as {
  'scanned.pdf': { page1: string[]; page2: string[] };
};
const pdfjsRoot = dirname(dirname(createRequire(import.meta.url).resolve('pdfjs-dist')));
const ENG_DATA = new URL(
  '../../../node_modules/@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz',
  import.meta.url,
);

const api = connect(
  createIngestApi({
    loadPdfjs: () => import('pdfjs-dist/legacy/build/pdf.mjs'),
    pdfOptions: { standardFontDataUrl: `${join(pdfjsRoot, 'standard_fonts')}/` },
  }),
);

let ocr: OcrEngine;

beforeAll(async () => {
  ocr = await loadTesseractOcr({
    entries: [getModel('omnia-fixture-ocr-eng')],
    files: () => ({ open: () => Promise.resolve(new Blob([readFileSync(ENG_DATA)])) }),
  });
}, 60_000);

afterAll(async () => {
  await ocr.dispose();
  closeAll();
});

describe('ingest worker API: renderPages', () => {
  it('renders a scanned page at 200 DPI that OCR reads back, with progress per page', async () => {
    const progress: TaskProgress[] = [];
    const images = await api.renderPages(
      fixtureBlob(OCR, 'scanned.pdf'),
      [2, 1],
      {},
      callControl((p) => progress.push(p)),
    );
    expect(images).toHaveLength(2);
    for (const image of images) {
      expect(image.data).toBeInstanceOf(Uint8ClampedArray);
      expect(image.data.length).toBe(image.width * image.height * 4);
      expect(Math.max(image.width, image.height)).toBeLessThanOrEqual(MAX_RENDER_SIDE);
    }
    // A US Letter or A4 page at 200 DPI: about 1700 × 2200 px.
    expect(images[0]!.width).toBeGreaterThan(1500);
    expect(progress.at(-1)).toMatchObject({ progress: 1, loaded: 2, total: 2 });

    const page2 = words((await ocr.recognize(images[0]!)).text);
    for (const line of planted['scanned.pdf'].page2) expect(page2).toContain(line);
    const page1 = words((await ocr.recognize(images[1]!)).text);
    for (const line of planted['scanned.pdf'].page1) expect(page1).toContain(line);
  }, 120_000);

  it('honours a smaller scale, and caps the long side of a huge one', async () => {
    const [small] = await api.renderPages(fixtureBlob(OCR, 'scanned.pdf'), [2], { scale: 0.5 });
    expect(small!.width).toBeLessThan(400);
    const [huge] = await api.renderPages(fixtureBlob(OCR, 'scanned.pdf'), [2], { scale: 10 });
    expect(Math.max(huge!.width, huge!.height)).toBe(MAX_RENDER_SIDE);
    expect(renderScale({ width: 612, height: 792 }, OCR_RENDER_SCALE)).toBeCloseTo(200 / 72);
  }, 60_000);

  it('says what to do about a password, a damaged file, a missing page or a bad scale', async () => {
    const locked = await rejectionOf(api.renderPages(fixtureBlob(LIBRARY, 'encrypted.pdf'), [1]));
    expect(locked.kind).toBe('invalid-input');
    expect(locked.message).toContain('password-protected');

    const damaged = await rejectionOf(
      api.renderPages(new Blob(['%PDF-1.7 this is not a pdf %%EOF']), [1]),
    );
    expect(damaged.kind).toBe('invalid-input');
    expect(damaged.message).toMatch(/PDF/);

    const missing = await rejectionOf(api.renderPages(fixtureBlob(OCR, 'scanned.pdf'), [3]));
    expect(missing).toMatchObject({ kind: 'invalid-input' });
    expect(missing.message).toContain('has 2 pages; page 3 does not exist');

    const scale = await rejectionOf(
      api.renderPages(fixtureBlob(OCR, 'scanned.pdf'), [1], { scale: 0 }),
    );
    expect(scale.kind).toBe('invalid-input');
  }, 60_000);

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await rejectionOf(
      api.renderPages(
        fixtureBlob(OCR, 'scanned.pdf'),
        [1, 2],
        {},
        callControl(undefined, abortPortFor(controller.signal)),
      ),
    );
    expect(error).toBeInstanceOf(TaskAbortedError);
  });
});
