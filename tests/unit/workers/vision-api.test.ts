// The vision worker's API over a real MessageChannel (structured clone, abort port), with the
// real engines: the fixture captioner run by transformers.js from its committed files, and
// tesseract.js reading the English data npm ships. Images are the committed PNG fixtures,
// decoded in Node by a small PNG reader (the browser's createImageBitmap is not here).
import { existsSync, readFileSync } from 'node:fs';
import type { Remote } from 'comlink';
import { afterAll, describe, expect, it } from 'vitest';
import { getModel, hasModel } from '../../../src/models/catalog';
import {
  fixtureEntriesFrom,
  type FixtureManifestModel,
} from '../../../src/models/catalog-fixtures';
import type { CatalogEntry } from '../../../src/models/catalog-types';
import { loadTesseractOcr } from '../../../src/models/engines/tesseract/tesseract-ocr';
import { loadTransformersCaptioner } from '../../../src/models/engines/transformers/transformers-captioner';
import type { Captioner, ModelFileSource, RgbaImage } from '../../../src/models/engines/types';
import { TaskAbortedError } from '../../../src/workers/errors';
import type { ImageInput } from '../../../src/workers/media-types';
import { abortPortFor, callControl } from '../../../src/workers/rpc';
import { createVisionApi, type VisionApi } from '../../../src/workers/vision-api';
import { diskSource, MODELS_DIR } from '../models/engines/fixture-files';
import { decodePng } from '../models/engines/png-rgba';
import { closeAll, connect } from './channel';
import { EngineLog, fixtureBlob, rejectionOf, words } from './worker-calls';

const CAPTIONER = 'omnia-fixture-captioner';
/** The same fixture under a second id, to see the API swap models. */
const CAPTIONER_TWIN = 'omnia-fixture-captioner-twin';
const OCR_ENG = 'omnia-fixture-ocr-eng';

const IMAGES = new URL('../../fixtures/images/', import.meta.url);
const OCR = new URL('../../fixtures/ocr/', import.meta.url);
const NODE_MODULES = new URL('../../../node_modules/', import.meta.url);

interface CaptionerReference {
  images: { file: string; q8: { generated_ids: number[]; text: string } }[];
}
/** The captioner's numpy reference: in reference.json once merged, else beside it. */
function readCaptionerReference(): { captioner: CaptionerReference; model: FixtureManifestModel } {
  const merged = JSON.parse(readFileSync(`${MODELS_DIR}reference.json`, 'utf8')) as {
    captioner?: CaptionerReference;
  };
  const own = existsSync(`${MODELS_DIR}reference-captioner.json`)
    ? (JSON.parse(readFileSync(`${MODELS_DIR}reference-captioner.json`, 'utf8')) as {
        captioner: CaptionerReference;
        manifest_model: FixtureManifestModel;
      })
    : null;
  const captioner = merged.captioner ?? own?.captioner;
  if (!captioner) throw new Error('no captioner reference in tests/fixtures/models');
  const model = own?.manifest_model;
  if (!hasModel(CAPTIONER) && !model) throw new Error('the catalog has no fixture captioner');
  return { captioner, model: model as FixtureManifestModel };
}
const captionerFixture = readCaptionerReference();
/** The fixture captioner's catalog entry (from its manifest until the catalog lists it). */
const captionerEntry: CatalogEntry = hasModel(CAPTIONER)
  ? getModel(CAPTIONER)
  : fixtureEntriesFrom({ sizeSource: 'exact', models: [captionerFixture.model] })[0]!;
/** What the reference says the fixture captioner answers for `name` (q8, the default dtype). */
function expectedCaption(name: string): { generated_ids: number[]; text: string } {
  const image = captionerFixture.captioner.images.find((i) => i.file.endsWith(`/${name}`));
  if (!image) throw new Error(`no reference caption for ${name}`);
  return image.q8;
}
const planted = JSON.parse(readFileSync(new URL('expected.json', OCR), 'utf8')) as {
  'text.png': string[];
};

const engines = new EngineLog();
const { loads, disposed } = engines;

/** Files of an npm-shipped fixture (its repo is the package name), as the verified cache gives them. */
function npmSource(entry: CatalogEntry): ModelFileSource {
  return {
    open(path) {
      try {
        return Promise.resolve(
          new Blob([readFileSync(new URL(`${entry.repo}/${path}`, NODE_MODULES))]),
        );
      } catch {
        return Promise.resolve(null);
      }
    },
  };
}

async function loadCaptioner(modelId: string, signal: AbortSignal): Promise<Captioner> {
  loads.push(modelId);
  const entry = { ...captionerEntry, id: modelId };
  const engine = await loadTransformersCaptioner({
    entry,
    files: diskSource(CAPTIONER),
    device: 'cpu',
    signal,
  });
  return engines.track(modelId, engine);
}

/** Node's stand-in for createImageBitmap: PNG files, raw pixels passed through. */
async function decodeImage(input: ImageInput): Promise<RgbaImage> {
  if (input instanceof Blob) return decodePng(new Uint8Array(await input.arrayBuffer()));
  if ('data' in input) return input;
  throw new Error('ImageBitmap is a browser type');
}

const api: Remote<VisionApi> = connect(
  createVisionApi({
    loadCaptioner,
    loadOcr: (modelIds, signal) => {
      loads.push(modelIds.join('+'));
      const entries = modelIds.map((id) => getModel(id));
      return loadTesseractOcr({
        entries,
        files: (id) => npmSource(getModel(id)),
        signal,
      });
    },
    decodeImage,
  }),
);

afterAll(async () => {
  await api.unload();
  closeAll();
});

describe('vision worker API: captions', () => {
  it('captions a PNG with the reference ids, and says where the model ran', async () => {
    const expected = expectedCaption('scene.png');
    const response = await api.caption({
      modelId: CAPTIONER,
      image: fixtureBlob(IMAGES, 'scene.png'),
    });
    expect(response.tokenIds).toEqual(expected.generated_ids);
    expect(response.text).toBe(expected.text);
    expect(response.engine).toMatchObject({ modelId: CAPTIONER, device: 'cpu' });
    expect(response.promptUsed).toBe(false);
    expect(response.elapsedMs).toBeGreaterThan(0);
    const night = await api.caption({
      modelId: CAPTIONER,
      image: fixtureBlob(IMAGES, 'night.png'),
    });
    expect(night.tokenIds).toEqual(expectedCaption('night.png').generated_ids);
    expect(night.tokenIds).not.toEqual(response.tokenIds);
  }, 60_000);

  it('takes raw pixels as well as files, and ignores a prompt the model cannot read', async () => {
    const pixels = decodePng(readFileSync(new URL('scene.png', IMAGES)));
    const fromPixels = await api.caption({
      modelId: CAPTIONER,
      image: pixels,
      prompt: 'What colour is the sky?',
    });
    const fromFile = await api.caption({
      modelId: CAPTIONER,
      image: fixtureBlob(IMAGES, 'scene.png'),
    });
    expect(fromPixels.tokenIds).toEqual(fromFile.tokenIds);
    expect(fromPixels.promptUsed).toBe(false);
  }, 60_000);

  it('keeps the loaded captioner, and swaps it when another model is asked for', async () => {
    const before = loads.filter((id) => id === CAPTIONER).length;
    await api.caption({ modelId: CAPTIONER, image: fixtureBlob(IMAGES, 'scene.png') });
    expect(loads.filter((id) => id === CAPTIONER)).toHaveLength(before);
    const twin = await api.caption({
      modelId: CAPTIONER_TWIN,
      image: fixtureBlob(IMAGES, 'scene.png'),
    });
    expect(twin.engine.modelId).toBe(CAPTIONER_TWIN);
    expect(disposed).toContain(CAPTIONER);
    await api.caption({ modelId: CAPTIONER, image: fixtureBlob(IMAGES, 'scene.png') });
    expect(disposed).toContain(CAPTIONER_TWIN);
    expect(loads.filter((id) => id === CAPTIONER)).toHaveLength(before + 1);
  }, 60_000);

  it('answers an image it cannot decode with a message a person can act on', async () => {
    const garbage = new Blob([new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9])]);
    const error = await rejectionOf(api.caption({ modelId: CAPTIONER, image: garbage }));
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toMatch(/^This image could not be read: .+ Try PNG or JPEG\.$/);

    const empty = { width: 0, height: 0, data: new Uint8ClampedArray(0) };
    const zero = await rejectionOf(api.caption({ modelId: CAPTIONER, image: empty }));
    expect(zero).toMatchObject({ kind: 'invalid-input' });
    expect(zero.message).toContain('0×0');

    const short = { width: 4, height: 4, data: new Uint8ClampedArray(10) };
    expect(await rejectionOf(api.caption({ modelId: CAPTIONER, image: short }))).toMatchObject({
      kind: 'invalid-input',
    });
  });

  it('stops when cancelled, and the next caption still works', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await rejectionOf(
      api.caption(
        { modelId: CAPTIONER, image: fixtureBlob(IMAGES, 'scene.png') },
        callControl(undefined, abortPortFor(controller.signal)),
      ),
    );
    expect(error).toBeInstanceOf(TaskAbortedError);
    const again = await api.caption({
      modelId: CAPTIONER,
      image: fixtureBlob(IMAGES, 'scene.png'),
    });
    expect(again.text).toBe(expectedCaption('scene.png').text);
  }, 60_000);
});

describe('vision worker API: OCR', () => {
  it('reads the planted lines of text.png with boxes inside the image', async () => {
    const image = fixtureBlob(OCR, 'text.png');
    const { width, height } = decodePng(readFileSync(new URL('text.png', OCR)));
    const response = await api.ocr({ modelIds: [OCR_ENG], image });
    for (const line of planted['text.png']) expect(words(response.text)).toContain(line);
    expect(response.languages).toEqual(['eng']);
    expect(response.confidence).toBeGreaterThan(60);
    expect(response.lines.length).toBeGreaterThanOrEqual(planted['text.png'].length);
    for (const { box } of response.lines) {
      expect(box.x0).toBeGreaterThanOrEqual(0);
      expect(box.y0).toBeGreaterThanOrEqual(0);
      expect(box.x1).toBeLessThanOrEqual(width);
      expect(box.y1).toBeLessThanOrEqual(height);
    }
    expect(response.elapsedMs).toBeGreaterThan(0);
  }, 120_000);

  it('keeps tesseract loaded for the same languages', async () => {
    const before = loads.length;
    const response = await api.ocr({ modelIds: [OCR_ENG], image: fixtureBlob(OCR, 'page2.png') });
    expect(words(response.text)).toContain('Reference number 90517');
    expect(loads).toHaveLength(before);
  }, 120_000);

  it('asks for a language when none is given, and stops when cancelled', async () => {
    const none = await rejectionOf(api.ocr({ modelIds: [], image: fixtureBlob(OCR, 'text.png') }));
    expect(none.kind).toBe('invalid-input');
    expect(none.message).toContain('install an OCR language');
    const unknown = await rejectionOf(
      api.ocr({ modelIds: ['no-such-model'], image: fixtureBlob(OCR, 'text.png') }),
    );
    expect(unknown.kind).toBe('invalid-input');
    expect(unknown.message).toContain('"no-such-model" is not in this version\'s catalog');

    const controller = new AbortController();
    const pending = api.ocr(
      { modelIds: [OCR_ENG], image: fixtureBlob(OCR, 'text.png') },
      callControl(undefined, abortPortFor(controller.signal)),
    );
    setTimeout(() => controller.abort(), 50);
    expect(await rejectionOf(pending)).toBeInstanceOf(TaskAbortedError);
    const again = await api.ocr({ modelIds: [OCR_ENG], image: fixtureBlob(OCR, 'text.png') });
    expect(words(again.text)).toContain(planted['text.png'][0]);
  }, 120_000);
});
