// The transformers.js VLM adapter (SmolVLM, model_type idefics3) on the tiny fixture
// omnia-fixture-smolvlm, read through a ModelFileSource: transformers.js's own Idefics3
// processor (chat template, 2x2 tiles + global image, <image> expansion) and the three sessions
// (vision_encoder, embed_tokens, decoder_model_merged) must give exactly the greedy ids of the
// numpy reference (reference-smolvlm.json), for the catalog's q4 files and the fp32 ones; a
// different question gives a different answer; bad images are refused; abort stops generation.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { getModel } from '../../../../src/models/catalog';
import { loadTransformersCaptioner } from '../../../../src/models/engines/transformers/transformers-captioner';
import {
  declaredModelType,
  DEFAULT_VLM_PROMPT,
  loadTransformersVlm,
} from '../../../../src/models/engines/transformers/transformers-vlm';
import type { OcrEngine } from '../../../../src/models/engines/types';
import { createVisionApi } from '../../../../src/workers/vision-api';
import {
  abortAtStep,
  expectBadImagesRefused,
  fetchSpy,
  readFixturePng,
  useCaptioner,
} from './captioner-test-helpers';
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

const ref = JSON.parse(readFileSync(`${MODELS_DIR}reference-smolvlm.json`, 'utf8')) as Reference;
const baseEntry = getModel(ref.model);

const cases = ref.cases.map((c) => ({ ...c, rgba: readFixturePng(c.image) }));
const first = cases[0];
if (!first) throw new Error('reference-smolvlm.json has no cases');

describe.each(['q4', 'fp32'] as const)('loadTransformersVlm (%s)', (dtype) => {
  const entry = { ...baseEntry, dtype };
  const files = diskSource(entry.id);
  const vlm = useCaptioner(() => loadTransformersVlm({ entry, files, device: 'cpu' }));

  it('runs on the CPU, reads a prompt, and opens the files of its dtype (embed_tokens in fp32)', () => {
    expect(vlm()).toMatchObject({ modelId: entry.id, device: 'cpu', fallback: null });
    expect(vlm().acceptsPrompt).toBe(true);
    // No 'text' task: SmolVLM has no OCR training (the Library would store a description twice).
    expect([...vlm().tasks]).toEqual(['caption', 'detailed-caption']);
    expect(baseEntry.readsImageText).toBeUndefined();
    expect(getModel('smolvlm-256m-instruct-q4').readsImageText).toBeUndefined();
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
      const result = await vlm().caption(c.rgba, {
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
    const one = await vlm().caption(a.rgba, { prompt: a.question, maxNewTokens: 6 });
    const two = await vlm().caption(b.rgba, { prompt: b.question, maxNewTokens: 6 });
    expect(one.tokenIds).not.toEqual(two.tokenIds);
    expect(one.tokenIds).toEqual(a[dtype].generated_ids.slice(0, 6));
  });
});

describe('loadTransformersVlm: bad input, cancel, refusals', () => {
  const vlm = useCaptioner(() =>
    loadTransformersVlm({
      entry: baseEntry,
      files: diskSource(baseEntry.id),
      device: 'cpu',
    }),
  );

  it('reads model_type idefics3 from config.json, which the caption-only adapter refuses', async () => {
    const request = { entry: baseEntry, files: diskSource(baseEntry.id), device: 'cpu' as const };
    expect(await declaredModelType(request)).toBe('idefics3');
    const error = await engineErrorOf(loadTransformersCaptioner(request));
    expect(error.reason).toBe('unsupported');
  });

  it('refuses an empty or inconsistent image with a message a person can act on', async () => {
    await expectBadImagesRefused(vlm(), 'Hi?');
  });

  it('does nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await engineErrorOf(vlm().caption(first.rgba, { signal: controller.signal }));
    expect(error.reason).toBe('aborted');
  });

  it('stops between tokens when aborted mid-answer, and the next call is whole', async () => {
    const controller = new AbortController();
    const steps = await abortAtStep(controller, 3, async () => {
      const error = await engineErrorOf(
        vlm().caption(first.rgba, {
          prompt: first.question,
          maxNewTokens: ref.max_new_tokens,
          signal: controller.signal,
        }),
      );
      expect(error.reason).toBe('aborted');
    });
    expect(steps).toBe(3);
    const whole = await vlm().caption(first.rgba, {
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
    // The default question's answer ends at EOS after 17 tokens; a typed question's runs to the
    // adapter's cap of 256 (the worker API asks for no limit), which this test does not need.
    const described = cases.find((c) => c.question === DEFAULT_VLM_PROMPT);
    if (!described) throw new Error(`no reference case for "${DEFAULT_VLM_PROMPT}"`);
    try {
      const answer = await api.caption({
        modelId: ref.model,
        image: described.rgba,
        prompt: described.question,
      });
      expect(answer.promptUsed).toBe(true);
      expect(answer.engine.device).toBe('cpu');
      expect(answer.tokenIds?.slice(0, ref.max_new_tokens)).toEqual(described.q4.generated_ids);
      // No question: the detailed description asks the same default question of the model.
      const detailed = await api.caption({
        modelId: ref.model,
        image: described.rgba,
        task: 'detailed-caption',
      });
      expect(detailed).toMatchObject({ promptUsed: false, task: 'detailed-caption' });
      expect(detailed.tokenIds).toEqual(answer.tokenIds);
    } finally {
      await api.unload();
      vi.unstubAllGlobals();
    }
  });
});
