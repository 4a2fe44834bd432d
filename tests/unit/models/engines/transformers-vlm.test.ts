// The transformers.js VLM adapter (SmolVLM, model_type idefics3) on the tiny fixture
// omnia-fixture-smolvlm, read through a ModelFileSource: transformers.js's own Idefics3
// processor (chat template, 2x2 tiles + global image, <image> expansion) and the three sessions
// (vision_encoder, embed_tokens, decoder_model_merged) must give exactly the greedy ids of the
// numpy reference (reference-smolvlm.json), for the catalog's q4 files and the fp32 ones; a
// different question gives a different answer; bad images are refused; abort stops generation.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { InterruptableStoppingCriteria } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getModel } from '../../../../src/models/catalog';
import { loadTransformersCaptioner } from '../../../../src/models/engines/transformers/transformers-captioner';
import {
  declaredModelType,
  loadTransformersVlm,
} from '../../../../src/models/engines/transformers/transformers-vlm';
import type { Captioner, OcrEngine, RgbaImage } from '../../../../src/models/engines/types';
import { createVisionApi } from '../../../../src/workers/vision-api';
import { diskSource, engineErrorOf, MODELS_DIR } from './fixture-files';

interface Run {
  generated_ids: number[];
  min_top2_logit_margin: number;
}
interface Case {
  image: string;
  question: string;
  input_ids: number[];
  fp32: Run;
  q4: Run;
}
interface Reference {
  model: string;
  eos_token_ids: number[];
  max_new_tokens: number;
  cases: Case[];
}

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const ref = JSON.parse(readFileSync(`${MODELS_DIR}reference-smolvlm.json`, 'utf8')) as Reference;
const baseEntry = getModel(ref.model);
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
    }
    if (kind === 'IDAT') idat.push(body);
    pos += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) data[(y * width + x) * 4 + c] = raw[row + 1 + x * 3 + c] ?? 0;
      data[(y * width + x) * 4 + 3] = 255;
    }
  }
  return { width, height, data };
}

const cases = ref.cases.map((c) => ({ ...c, rgba: readPng(c.image) }));
const first = cases[0];
if (!first) throw new Error('reference-smolvlm.json has no cases');

describe.each(['q4', 'fp32'] as const)('loadTransformersVlm (%s)', (dtype) => {
  const entry = { ...baseEntry, dtype };
  const files = diskSource(entry.id);
  let vlm: Captioner;

  beforeAll(async () => {
    vi.stubGlobal('fetch', fetchSpy);
    vlm = await loadTransformersVlm({ entry, files, device: 'cpu' });
  });
  afterAll(async () => {
    await vlm.dispose();
    vi.unstubAllGlobals();
  });

  it('runs on the CPU, reads a prompt, and opens the files of its dtype (embed_tokens in fp32)', () => {
    expect(vlm).toMatchObject({ modelId: entry.id, device: 'cpu', fallback: null });
    expect(vlm.acceptsPrompt).toBe(true);
    const suffix = dtype === 'q4' ? '_q4' : '';
    const onnx = [...new Set(files.opened)].filter((p) => p.endsWith('.onnx')).sort();
    expect(onnx).toEqual([
      `onnx/decoder_model_merged${suffix}.onnx`,
      'onnx/embed_tokens.onnx',
      `onnx/vision_encoder${suffix}.onnx`,
    ]);
    expect(files.opened).toContain('preprocessor_config.json');
    expect(files.opened).toContain('processor_config.json');
    // Every file opened is one the catalog entry lists.
    const listed = new Set(baseEntry.files.map((f) => f.path));
    expect([...new Set(files.opened)].filter((p) => !listed.has(p))).toEqual([]);
  });

  it.each(cases.map((c) => [`${c.image} + "${c.question}"`, c] as const))(
    'answers %s with the exact greedy ids of the numpy reference',
    async (_name, c) => {
      const result = await vlm.caption(c.rgba, {
        prompt: c.question,
        maxNewTokens: ref.max_new_tokens,
      });
      expect(result.tokenIds).toEqual(c[dtype].generated_ids);
      expect(typeof result.text).toBe('string');
    },
  );

  it('gives a different answer to a different question about the same image', async () => {
    const [a, b] = cases;
    if (!a || !b) throw new Error('two cases needed');
    expect(a.image).toBe(b.image);
    const one = await vlm.caption(a.rgba, { prompt: a.question, maxNewTokens: 6 });
    const two = await vlm.caption(b.rgba, { prompt: b.question, maxNewTokens: 6 });
    expect(one.tokenIds).not.toEqual(two.tokenIds);
    expect(one.tokenIds).toEqual(a[dtype].generated_ids.slice(0, 6));
  });
});

describe('loadTransformersVlm: bad input, cancel, refusals', () => {
  let vlm: Captioner;

  beforeAll(async () => {
    vi.stubGlobal('fetch', fetchSpy);
    vlm = await loadTransformersVlm({
      entry: baseEntry,
      files: diskSource(baseEntry.id),
      device: 'cpu',
    });
  });
  afterAll(async () => {
    await vlm.dispose();
    vi.unstubAllGlobals();
  });

  it('reads model_type idefics3 from config.json, which the caption-only adapter refuses', async () => {
    const request = { entry: baseEntry, files: diskSource(baseEntry.id), device: 'cpu' as const };
    expect(await declaredModelType(request)).toBe('idefics3');
    const error = await engineErrorOf(loadTransformersCaptioner(request));
    expect(error.reason).toBe('unsupported');
  });

  it('refuses an empty or inconsistent image with a message a person can act on', async () => {
    const empty = { width: 0, height: 0, data: new Uint8ClampedArray(0) };
    expect((await engineErrorOf(vlm.caption(empty, { prompt: 'Hi?' }))).message).toBe(
      'The image is 0×0 pixels: there is nothing to describe. Pick an image that has pixels.',
    );
    const short = { width: 4, height: 4, data: new Uint8ClampedArray(12) };
    expect((await engineErrorOf(vlm.caption(short))).message).toMatch(
      /says 4×4 pixels but carries 12 bytes, not 64/,
    );
  });

  it('does nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await engineErrorOf(vlm.caption(first.rgba, { signal: controller.signal }));
    expect(error.reason).toBe('aborted');
  });

  it('stops between tokens when aborted mid-answer, and the next call is whole', async () => {
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
        vlm.caption(first.rgba, {
          prompt: first.question,
          maxNewTokens: ref.max_new_tokens,
          signal: controller.signal,
        }),
      );
      expect(error.reason).toBe('aborted');
      expect(steps).toBe(3);
    } finally {
      spy.mockRestore();
    }
    const whole = await vlm.caption(first.rgba, {
      prompt: first.question,
      maxNewTokens: ref.max_new_tokens,
    });
    expect(whole.tokenIds).toEqual(first.q4.generated_ids);
  });

  it('refuses a model whose config.json is not a VLM it runs', async () => {
    const captionEntry = getModel('omnia-fixture-captioner');
    const error = await engineErrorOf(
      loadTransformersVlm({
        entry: captionEntry,
        files: diskSource(captionEntry.id),
        device: 'cpu',
      }),
    );
    expect(error.reason).toBe('unsupported');
    expect(error.message).toMatch(/model type "vision-encoder-decoder"/);
  });
});

describe('the vision worker API with the VLM: the question reaches the model', () => {
  it('answers the question (promptUsed) with the reference ids, and describes without one', async () => {
    vi.stubGlobal('fetch', fetchSpy);
    const [a, b] = cases;
    if (!a || !b) throw new Error('two cases needed');
    const api = createVisionApi({
      loadCaptioner: (modelId, signal) =>
        loadTransformersVlm({
          entry: getModel(modelId),
          files: diskSource(modelId),
          device: 'cpu',
          signal,
        }),
      loadOcr: () => Promise.reject<OcrEngine>(new Error('no OCR here')),
      decodeImage: (input) =>
        'data' in input && 'width' in input
          ? Promise.resolve(input)
          : Promise.reject(new Error('only decoded pixels here')),
    });
    try {
      const answer = await api.caption({ modelId: ref.model, image: b.rgba, prompt: b.question });
      expect(answer.promptUsed).toBe(true);
      expect(answer.engine.device).toBe('cpu');
      // The worker API asks for no token limit: the answer runs to EOS or the adapter's cap.
      expect(answer.tokenIds?.slice(0, ref.max_new_tokens)).toEqual(b.q4.generated_ids);
      const described = await api.caption({ modelId: ref.model, image: a.rgba });
      expect(described.promptUsed).toBe(false);
    } finally {
      await api.unload();
      vi.unstubAllGlobals();
    }
  });
});
