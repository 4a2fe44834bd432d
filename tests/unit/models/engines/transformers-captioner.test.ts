// The transformers.js Captioner on the tiny fixture captioner (ViT encoder + GPT-2 decoder with
// cross-attention), read through a ModelFileSource: exact greedy ids and text of the numpy
// reference for each PNG (the larger one really resized by the image processor), q8 and fp32,
// bad images, cancellation between tokens, and models the adapter refuses.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { InterruptableStoppingCriteria } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getModel } from '../../../../src/models/catalog';
import {
  fixtureEntriesFrom,
  type FixtureManifestModel,
} from '../../../../src/models/catalog-fixtures';
import { loadTransformersCaptioner } from '../../../../src/models/engines/transformers/transformers-captioner';
import type { Captioner, ModelFileSource, RgbaImage } from '../../../../src/models/engines/types';
import { diskSource, engineErrorOf, MODELS_DIR } from './fixture-files';

interface CaptionReference {
  generated_ids: number[];
  text: string;
  ends_with_eos: boolean;
}
interface ImageReference {
  file: string;
  width: number;
  height: number;
  fp32: CaptionReference;
  q8: CaptionReference;
}
interface Reference {
  captioner: { eos_token_id: number; max_length: number; images: ImageReference[] };
  manifest_model: FixtureManifestModel;
}

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const ref = JSON.parse(readFileSync(`${MODELS_DIR}reference-captioner.json`, 'utf8')) as Reference;
const [baseEntry] = fixtureEntriesFrom({ sizeSource: 'exact', models: [ref.manifest_model] });
if (!baseEntry) throw new Error('reference-captioner.json has no manifest model');
const fetchSpy = vi.fn(() => Promise.reject(new Error('tests make no network requests')));

/** Decodes the fixture PNGs (8-bit RGB, filter 0: what the builder writes) into RGBA. */
function readPng(file: string): RgbaImage {
  const bytes = readFileSync(`${ROOT}${file}`);
  let pos = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (pos < bytes.length) {
    const length = bytes.readUInt32BE(pos);
    const kind = bytes.toString('latin1', pos + 4, pos + 8);
    const body = bytes.subarray(pos + 8, pos + 8 + length);
    if (kind === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([body[8], body[9]]).toEqual([8, 2]);
    }
    if (kind === 'IDAT') idat.push(body);
    pos += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    expect(raw[row]).toBe(0);
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) data[(y * width + x) * 4 + c] = raw[row + 1 + x * 3 + c] ?? 0;
      data[(y * width + x) * 4 + 3] = 255;
    }
  }
  return { width, height, data };
}

const images = ref.captioner.images.map((r) => ({ ...r, image: readPng(r.file) }));
function imageOf(name: string): (typeof images)[number] {
  const found = images.find((i) => i.file.endsWith(`/${name}`));
  if (!found) throw new Error(`no reference for ${name}`);
  return found;
}

describe.each(['q8', 'fp32'] as const)('loadTransformersCaptioner (%s)', (dtype) => {
  const entry = { ...baseEntry, dtype };
  const files = diskSource(entry.id);
  let captioner: Captioner;

  beforeAll(async () => {
    vi.stubGlobal('fetch', fetchSpy);
    captioner = await loadTransformersCaptioner({ entry, files, device: 'cpu' });
  });
  afterAll(async () => {
    await captioner.dispose();
    vi.unstubAllGlobals();
  });

  it('runs on the CPU, takes no prompt, and opens only the files of its dtype', () => {
    expect(captioner).toMatchObject({ modelId: entry.id, device: 'cpu', fallback: null });
    expect(captioner.acceptsPrompt).toBe(false);
    const suffix = dtype === 'q8' ? '_quantized' : '';
    expect([...new Set(files.opened)].sort()).toEqual([
      'config.json',
      'generation_config.json',
      `onnx/decoder_model_merged${suffix}.onnx`,
      `onnx/encoder_model${suffix}.onnx`,
      'preprocessor_config.json',
      'tokenizer.json',
      'tokenizer_config.json',
    ]);
  });

  it.each(images.map((i) => [i.file, i] as const))(
    'captions %s with the exact ids and text of the numpy reference',
    async (_file, { image, ...expected }) => {
      const result = await captioner.caption(image);
      expect(result.tokenIds).toEqual(expected[dtype].generated_ids);
      expect(result.text).toBe(expected[dtype].text);
      expect(result.text).not.toBe('');
      expect(result.tokenIds?.at(-1)).toBe(ref.captioner.eos_token_id);
    },
  );

  it('gives different captions to different images', async () => {
    const scene = await captioner.caption(imageOf('scene.png').image);
    const night = await captioner.caption(imageOf('night.png').image);
    expect(night.text).not.toBe(scene.text);
    expect(night.tokenIds).not.toEqual(scene.tokenIds);
  });

  it('ignores a prompt (caption-only model) and honours maxNewTokens', async () => {
    const { image, ...expected } = imageOf('scene.png');
    const withPrompt = await captioner.caption(image, { prompt: 'What is in the sky?' });
    expect(withPrompt.tokenIds).toEqual(expected[dtype].generated_ids);
    const short = await captioner.caption(image, { maxNewTokens: 3 });
    expect(short.tokenIds).toEqual(expected[dtype].generated_ids.slice(0, 3));
  });
});

describe('loadTransformersCaptioner: bad input, cancel, dispose', () => {
  const scene = imageOf('scene.png');
  let captioner: Captioner;

  beforeAll(async () => {
    vi.stubGlobal('fetch', fetchSpy);
    captioner = await loadTransformersCaptioner({
      entry: baseEntry,
      files: diskSource(baseEntry.id),
      device: 'cpu',
    });
  });
  afterAll(async () => {
    await captioner.dispose();
    vi.unstubAllGlobals();
  });

  it('refuses an empty image with a message a person can act on', async () => {
    const empty = { width: 0, height: 0, data: new Uint8ClampedArray(0) };
    const error = await engineErrorOf(captioner.caption(empty));
    expect(error.message).toBe(
      'The image is 0×0 pixels: there is nothing to describe. Pick an image that has pixels.',
    );
    const short = { width: 4, height: 4, data: new Uint8ClampedArray(12) };
    expect((await engineErrorOf(captioner.caption(short))).message).toMatch(
      /says 4×4 pixels but carries 12 bytes, not 64/,
    );
  });

  it('does nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await engineErrorOf(
      captioner.caption(scene.image, { signal: controller.signal }),
    );
    expect(error.reason).toBe('aborted');
  });

  it('stops between tokens when aborted mid-caption, and the next call is whole', async () => {
    const controller = new AbortController();
    // eslint-disable-next-line @typescript-eslint/unbound-method -- applied with its own `this` below
    const original = InterruptableStoppingCriteria.prototype._call;
    let steps = 0;
    const spy = vi
      .spyOn(InterruptableStoppingCriteria.prototype, '_call')
      .mockImplementation(function (this: InterruptableStoppingCriteria, ...args) {
        steps += 1;
        if (steps === 3) controller.abort();
        return original.apply(this, args);
      });
    try {
      const error = await engineErrorOf(
        captioner.caption(scene.image, { signal: controller.signal }),
      );
      expect(error.reason).toBe('aborted');
      expect(error.message).toBe(`Captioning of model "${baseEntry.id}" was cancelled.`);
      expect(steps).toBe(3); // the reference runs to more than 3 tokens
      expect(scene.q8.generated_ids.length).toBeGreaterThan(3);
    } finally {
      spy.mockRestore();
    }
    expect((await captioner.caption(scene.image)).tokenIds).toEqual(scene.q8.generated_ids);
  });

  it('runs concurrent calls one after the other, each with its own caption', async () => {
    const night = imageOf('night.png');
    const [a, b] = await Promise.all([
      captioner.caption(scene.image),
      captioner.caption(night.image),
    ]);
    expect(a.text).toBe(scene.q8.text);
    expect(b.text).toBe(night.q8.text);
  });

  it('refuses calls after dispose', async () => {
    const other = await loadTransformersCaptioner({
      entry: baseEntry,
      files: diskSource(baseEntry.id),
      device: 'cpu',
    });
    await other.dispose();
    expect((await engineErrorOf(other.caption(scene.image))).reason).toBe('disposed');
  });
});

describe('loadTransformersCaptioner: models it does not run', () => {
  it('refuses a prompt-driven VLM (Florence-2) from its config, before loading weights', async () => {
    const entry = getModel('florence-2-base-ft-fp32');
    const opened: string[] = [];
    const files: ModelFileSource = {
      open: (path) => {
        opened.push(path);
        const config = JSON.stringify({ model_type: 'florence2' });
        return Promise.resolve(path === 'config.json' ? new Blob([config]) : null);
      },
    };
    const error = await engineErrorOf(loadTransformersCaptioner({ entry, files, device: 'cpu' }));
    expect(error.reason).toBe('unsupported');
    expect(error.message).toBe(
      'Model "florence-2-base-ft-fp32" (florence-2, model type "florence2") needs a prompt-driven vision pipeline that Omnia does not run yet. Pick an image-encoder + text-decoder caption model.',
    );
    expect(opened).toEqual(['config.json']);
  });

  it('refuses a model of another task', async () => {
    const entry = getModel('omnia-fixture-embedder');
    const error = await engineErrorOf(
      loadTransformersCaptioner({ entry, files: diskSource(entry.id), device: 'cpu' }),
    );
    expect(error).toMatchObject({ reason: 'unsupported', modelId: entry.id });
  });

  it('names a weight file missing from the cache', async () => {
    const files = diskSource(baseEntry.id, { omit: ['onnx/encoder_model_quantized.onnx'] });
    const error = await engineErrorOf(
      loadTransformersCaptioner({ entry: baseEntry, files, device: 'cpu' }),
    );
    expect(error).toMatchObject({
      reason: 'missing-file',
      path: 'onnx/encoder_model_quantized.onnx',
    });
  });
});
