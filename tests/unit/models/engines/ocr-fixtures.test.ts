// The OCR fixtures are what they claim: scanned.pdf's page 1 has a text layer with the planted
// lines, its page 2 has no text at all and one image, the same size as page2.png, so the only
// way to its words is OCR (tesseract-ocr.test.ts reads page2.png).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePng } from './png-rgba';

const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const OCR_DIR = 'tests/fixtures/ocr';
const PDFJS_ROOT = dirname(dirname(createRequire(import.meta.url).resolve('pdfjs-dist')));
const standardFontDataUrl = `${join(PDFJS_ROOT, 'standard_fonts')}/`;
const EXPECTED = JSON.parse(readFileSync(`${OCR_DIR}/expected.json`, 'utf8')) as {
  'scanned.pdf': { page1: string[]; page2: string[] };
};

async function pageText(page: { getTextContent(): Promise<{ items: unknown[] }> }) {
  const { items } = await page.getTextContent();
  return items
    .map((item) => (item as { str?: string }).str ?? '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('scanned.pdf', () => {
  it('has a text layer on page 1 and only an image on page 2', async () => {
    const data = new Uint8Array(readFileSync(`${OCR_DIR}/scanned.pdf`));
    const pdf = await pdfjs.getDocument({ data, isEvalSupported: false, standardFontDataUrl })
      .promise;
    expect(pdf.numPages).toBe(2);
    const [first, second] = [await pdf.getPage(1), await pdf.getPage(2)];
    expect(await pageText(first)).toBe(EXPECTED['scanned.pdf'].page1.join(' '));
    expect(await pageText(second)).toBe('');
    const ops = await second.getOperatorList();
    const images = ops.fnArray.filter((fn) => fn === pdfjs.OPS.paintImageXObject);
    expect(images).toHaveLength(1);
    const png = decodePng(readFileSync(`${OCR_DIR}/page2.png`));
    const index = ops.fnArray.indexOf(pdfjs.OPS.paintImageXObject);
    const [, width, height] = ops.argsArray[index] as [string, number, number];
    expect([width, height]).toEqual([png.width, png.height]);
    await pdf.destroy();
  });
});
