// OCR on real tesseract.js with the English data npm ships, through the adapter and a file
// source like the verified cache: the planted fixture text comes back word for word, with
// boxes inside the image; damaged data, missing files, bad pixels and cancelling each end in
// a clear EngineError, and nothing is fetched.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getModel } from '../../../../src/models/catalog';
import type { CatalogEntry } from '../../../../src/models/catalog-types';
import { EngineError } from '../../../../src/models/engines/errors';
import { loadTesseractOcr } from '../../../../src/models/engines/tesseract/tesseract-ocr';
import type {
  ModelFileSource,
  OcrEngine,
  OcrResult,
  RgbaImage,
} from '../../../../src/models/engines/types';
import { decodePng } from './png-rgba';

const ENTRY = getModel('omnia-fixture-ocr-eng');
const [ENG_FILE] = ENTRY.files;
const ENG_BYTES = readFileSync(`node_modules/${ENTRY.repo}/${ENG_FILE!.path}`);
const OCR_DIR = 'tests/fixtures/ocr';
const EXPECTED = JSON.parse(readFileSync(`${OCR_DIR}/expected.json`, 'utf8')) as {
  'text.png': string[];
  'scanned.pdf': { page1: string[]; page2: string[] };
};
const TEXT_PNG = decodePng(readFileSync(`${OCR_DIR}/text.png`));
const PAGE2_PNG = decodePng(readFileSync(`${OCR_DIR}/page2.png`));

/** Serves `bytes` for the entry's one file, as the verified cache would. */
function filesWith(bytes: Uint8Array | null): (modelId: string) => ModelFileSource {
  return () => ({
    open: (path) =>
      Promise.resolve(path === ENG_FILE!.path && bytes ? new Blob([bytes.slice()]) : null),
  });
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

function expectPlanted(result: OcrResult, image: RgbaImage, lines: readonly string[]): void {
  expect(result.lines.map((line) => normalise(line.text))).toEqual(lines);
  expect(normalise(result.text)).toBe(lines.join(' '));
  expect(result.confidence).toBeGreaterThan(60);
  for (const line of result.lines) {
    expect(line.confidence).toBeGreaterThan(60);
    const { x0, y0, x1, y1 } = line.box;
    expect(0 <= x0 && x0 < x1 && x1 <= image.width, JSON.stringify(line.box)).toBe(true);
    expect(0 <= y0 && y0 < y1 && y1 <= image.height, JSON.stringify(line.box)).toBe(true);
  }
  // Lines come top to bottom.
  const tops = result.lines.map((line) => line.box.y0);
  expect(tops).toEqual([...tops].sort((a, b) => a - b));
}

async function loadError(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

const fetchSpy = vi.fn((input: unknown) => {
  throw new Error(`OCR must not fetch anything, but asked for ${String(input)}`);
});
let ocr: OcrEngine;

beforeAll(async () => {
  vi.stubGlobal('fetch', fetchSpy);
  ocr = await loadTesseractOcr({ entries: [ENTRY], files: filesWith(ENG_BYTES) });
}, 60_000);

afterAll(async () => {
  await ocr.dispose();
  vi.unstubAllGlobals();
});

describe('tesseract OCR', () => {
  it('loads the English data as language "eng" on the CPU', () => {
    expect(ocr.languages).toEqual(['eng']);
    expect(ocr.modelId).toBe('omnia-fixture-ocr-eng');
    expect(ocr.device).toBe('cpu');
    expect(ocr.fallback).toBeNull();
  });

  it('reads the planted lines of text.png', async () => {
    const result = await ocr.recognize(TEXT_PNG);
    expectPlanted(result, TEXT_PNG, EXPECTED['text.png']);
  }, 60_000);

  it('reads the scanned page (page 2 of scanned.pdf, an image only)', async () => {
    const started = performance.now();
    const result = await ocr.recognize(PAGE2_PNG);
    console.log(`OCR of the scanned page: ${Math.round(performance.now() - started)} ms`);
    expectPlanted(result, PAGE2_PNG, EXPECTED['scanned.pdf'].page2);
  }, 60_000);

  it('reads dark text on a transparent background (alpha over white)', async () => {
    const data = new Uint8ClampedArray(TEXT_PNG.data);
    for (let i = 0; i < data.length; i += 4) {
      // Opaque dark ink stays, white paper becomes fully transparent black.
      if (data[i]! > 128) data.set([0, 0, 0, 0], i);
    }
    const result = await ocr.recognize({ ...TEXT_PNG, data });
    expect(normalise(result.text)).toBe(EXPECTED['text.png'].join(' '));
  }, 60_000);

  it('returns no lines for a blank image', async () => {
    const blank = { width: 200, height: 100, data: new Uint8ClampedArray(200 * 100 * 4).fill(255) };
    const result = await ocr.recognize(blank);
    expect(result.lines).toEqual([]);
    expect(result.text).toBe('');
  }, 60_000);

  it('refuses pixels that do not match the size, saying why', async () => {
    const error = await loadError(
      ocr.recognize({ width: 10, height: 10, data: new Uint8ClampedArray(10) }),
    );
    expect(error.reason).toBe('unsupported');
    expect(error.message).toMatch(/10 bytes, not 400/);
  });

  it('cancels a recognition mid-way and recognises again afterwards', async () => {
    const controller = new AbortController();
    const running = ocr.recognize(TEXT_PNG, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const error = await loadError(running);
    expect(error.reason).toBe('aborted');
    // The next call starts a fresh tesseract worker from the bytes already read.
    const result = await ocr.recognize(PAGE2_PNG);
    expect(normalise(result.text)).toBe(EXPECTED['scanned.pdf'].page2.join(' '));
  }, 60_000);

  it('refuses a call whose signal is already aborted', async () => {
    const error = await loadError(ocr.recognize(TEXT_PNG, { signal: AbortSignal.abort() }));
    expect(error.reason).toBe('aborted');
  });

  it('fetched nothing', () => {
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe('loading tesseract', () => {
  it('says the language data is missing, naming the file', async () => {
    const error = await loadError(loadTesseractOcr({ entries: [ENTRY], files: filesWith(null) }));
    expect(error.reason).toBe('missing-file');
    expect(error.path).toBe(ENG_FILE!.path);
    expect(error.message).toMatch(/not installed: download or repair/);
  });

  it.each([
    ['a truncated download', ENG_BYTES.subarray(0, 100_000)],
    ['gzipped bytes that are not language data', gzipSync(Buffer.alloc(50_000, 7))],
    ['plain bytes that are not language data', new Uint8Array(50_000).fill(3)],
  ])(
    'refuses %s with an error a person can act on',
    async (_name, bytes) => {
      const error = await loadError(
        loadTesseractOcr({ entries: [ENTRY], files: filesWith(new Uint8Array(bytes)) }),
      );
      expect(error.reason).toBe('load-failed');
      expect(error.message).toMatch(/could not read the language data eng/);
      expect(error.message).toMatch(/repair or reinstall the model/);
    },
    60_000,
  );

  it('refuses an entry that is not tesseract language data', async () => {
    const error = await loadError(
      loadTesseractOcr({ entries: [getModel('omnia-fixture-embedder')], files: filesWith(null) }),
    );
    expect(error.reason).toBe('unsupported');
  });

  it('refuses an empty language list and a language given twice', async () => {
    expect(
      (await loadError(loadTesseractOcr({ entries: [], files: filesWith(null) }))).reason,
    ).toBe('unsupported');
    const twice: CatalogEntry[] = [ENTRY, { ...ENTRY, id: 'copy' }];
    const error = await loadError(
      loadTesseractOcr({ entries: twice, files: filesWith(ENG_BYTES) }),
    );
    expect(error.message).toMatch(/"eng" is given twice/);
  });

  it('cancels a load', async () => {
    const controller = new AbortController();
    const loading = loadTesseractOcr({
      entries: [ENTRY],
      files: filesWith(ENG_BYTES),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    expect((await loadError(loading)).reason).toBe('aborted');
  }, 60_000);

  it('refuses calls after dispose', async () => {
    const engine = await loadTesseractOcr({ entries: [ENTRY], files: filesWith(ENG_BYTES) });
    await engine.dispose();
    expect((await loadError(engine.recognize(PAGE2_PNG))).reason).toBe('disposed');
  }, 60_000);
});
