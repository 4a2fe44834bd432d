// The transformers.js Florence-2 adapter on the tiny fixture omnia-fixture-florence2, read through
// a ModelFileSource: transformers.js's own Florence2Processor (task token -> prompt from the task
// tables in preprocessor_config.json, CLIP image processor, BART tokenizer) and its four sessions
// (vision_encoder, embed_tokens, encoder_model, decoder_model_merged) must give exactly the
// greedy ids of the numpy reference (reference-florence2.json) for caption, detailed caption and
// OCR; the vision worker API routes tasks and refuses what a model cannot do.
import { readFileSync } from 'node:fs';
import { AutoTokenizer } from '@huggingface/transformers';
import { describe, expect, it, vi } from 'vitest';
import { getModel } from '../../../../src/models/catalog';
import { loadTransformersCaptioner } from '../../../../src/models/engines/transformers/transformers-captioner';
import {
  FLORENCE2_TASKS,
  loadTransformersFlorence2,
} from '../../../../src/models/engines/transformers/transformers-florence2';
import type { ImageTextTask, OcrEngine } from '../../../../src/models/engines/types';
import { createVisionApi } from '../../../../src/workers/vision-api';
import {
  abortAtStep,
  expectBadImagesRefused,
  fetchSpy,
  readFixturePng,
  useCaptioner,
} from './captioner-test-helpers';
import { diskSource, engineErrorOf, MODELS_DIR } from './fixture-files';

interface Case {
  image: string;
  task: string;
  prompt: string;
  input_ids: number[];
  generated_ids: number[];
  text: string;
}
interface Reference {
  model: string;
  max_new_tokens: number;
  cases: Case[];
}

const ref = JSON.parse(readFileSync(`${MODELS_DIR}reference-florence2.json`, 'utf8')) as Reference;
const entry = getModel(ref.model);
const cases = ref.cases.map((c) => ({ ...c, rgba: readFixturePng(c.image) }));
const taskOf = (token: string): ImageTextTask | undefined =>
  (Object.keys(FLORENCE2_TASKS) as ImageTextTask[]).find((t) => FLORENCE2_TASKS[t] === token);
/** The cases Omnia's three tasks run (the reference also covers <DETAILED_CAPTION>). */
const taskCases = cases.flatMap((c) => {
  const task = taskOf(c.task);
  return task ? [{ ...c, omniaTask: task }] : [];
});
const first = taskCases[0];
if (!first) throw new Error('reference-florence2.json has no cases');

describe('loadTransformersFlorence2 (fp32)', () => {
  const files = diskSource(entry.id);
  const florence = useCaptioner(() => loadTransformersFlorence2({ entry, files, device: 'cpu' }));

  it('runs on the CPU, runs three tasks, reads no free question, and opens only listed files', () => {
    expect(florence()).toMatchObject({ modelId: entry.id, device: 'cpu', fallback: null });
    expect(florence().acceptsPrompt).toBe(false);
    expect([...florence().tasks]).toEqual(['caption', 'detailed-caption', 'text']);
    // The catalog says so before any load (the Library decides what a scanned PDF waits for).
    expect(entry.readsImageText).toBe(true);
    expect(getModel('florence-2-base-ft-fp32').readsImageText).toBe(true);
    const onnx = [...new Set(files.opened)].filter((p) => p.endsWith('.onnx')).sort();
    expect(onnx).toEqual([
      'onnx/decoder_model_merged.onnx',
      'onnx/embed_tokens.onnx',
      'onnx/encoder_model.onnx',
      'onnx/vision_encoder.onnx',
    ]);
    const listed = new Set(entry.files.map((f) => f.path));
    expect([...new Set(files.opened)].filter((p) => !listed.has(p))).toEqual([]);
  });

  it('encodes each task prompt to the reference ids (BART tokenizer, <s> … </s>)', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(`${MODELS_DIR}${entry.repo}`, {
      local_files_only: true,
    });
    for (const c of cases) expect(tokenizer.encode(c.prompt), c.task).toEqual(c.input_ids);
  });

  it.each(taskCases.map((c) => [`${c.task} on ${c.image}`, c] as const))(
    'runs %s with the exact greedy ids of the numpy reference, and the text after post-processing',
    async (_name, c) => {
      const result = await florence().caption(c.rgba, { task: c.omniaTask });
      expect(result.tokenIds).toEqual(c.generated_ids.slice(1));
      expect(result.text).toBe(c.text.trim());
      expect(result.text.split(' ').length).toBeGreaterThanOrEqual(3);
    },
  );

  it('gives different answers for the caption and the text of the same image', async () => {
    const caption = await florence().caption(first.rgba, { task: 'caption' });
    const text = await florence().caption(first.rgba, { task: 'text' });
    expect(caption.tokenIds).not.toEqual(text.tokenIds);
  });

  it('ignores a free question (Florence-2 answers tasks, not questions)', async () => {
    const plain = await florence().caption(first.rgba, { task: first.omniaTask });
    const asked = await florence().caption(first.rgba, {
      task: first.omniaTask,
      prompt: 'Is it day or night?',
    });
    expect(asked.tokenIds).toEqual(plain.tokenIds);
  });

  it('refuses an empty or inconsistent image with a message a person can act on', async () => {
    await expectBadImagesRefused(florence());
  });

  it('stops between tokens when aborted, and the next call is whole', async () => {
    const controller = new AbortController();
    const steps = await abortAtStep(controller, 2, async () => {
      const error = await engineErrorOf(
        florence().caption(first.rgba, { task: first.omniaTask, signal: controller.signal }),
      );
      expect(error.reason).toBe('aborted');
    });
    expect(steps).toBe(2);
    const whole = await florence().caption(first.rgba, { task: first.omniaTask });
    expect(whole.tokenIds).toEqual(first.generated_ids.slice(1));
  });
});

describe('Florence-2 and the other adapters', () => {
  it('the caption-only adapter refuses the Florence-2 fixture from its config.json', async () => {
    const error = await engineErrorOf(
      loadTransformersCaptioner({ entry, files: diskSource(entry.id), device: 'cpu' }),
    );
    expect(error.reason).toBe('unsupported');
    expect(error.message).toMatch(/model type "florence2"/);
  });

  it('the Florence-2 adapter refuses a model that is not Florence-2', async () => {
    const other = getModel('omnia-fixture-smolvlm');
    const error = await engineErrorOf(
      loadTransformersFlorence2({ entry: other, files: diskSource(other.id), device: 'cpu' }),
    );
    expect(error.reason).toBe('unsupported');
    expect(error.message).toMatch(/model type "idefics3"/);
  });
});

describe('the vision worker API with Florence-2 and with a caption-only model', () => {
  function api() {
    return createVisionApi({
      loadCaptioner: (modelId, signal) => {
        const model = getModel(modelId);
        const request = {
          entry: model,
          files: diskSource(modelId),
          device: 'cpu' as const,
          signal,
        };
        return modelId === entry.id
          ? loadTransformersFlorence2(request)
          : loadTransformersCaptioner(request);
      },
      loadOcr: () => Promise.reject<OcrEngine>(new Error('no OCR here')),
      decodeImage: (input) =>
        'data' in input && 'width' in input
          ? Promise.resolve(input)
          : Promise.reject(new Error('only decoded pixels here')),
    });
  }

  it('runs the task asked for, reports it, and refuses reading text on a caption-only model', async () => {
    vi.stubGlobal('fetch', fetchSpy);
    const vision = api();
    try {
      const ocrCase = taskCases.find((c) => c.omniaTask === 'text');
      if (!ocrCase) throw new Error('the reference has no <OCR> case');
      const text = await vision.caption({ modelId: entry.id, image: ocrCase.rgba, task: 'text' });
      expect(text).toMatchObject({ task: 'text', promptUsed: false, text: ocrCase.text.trim() });
      const asked = await vision.caption({
        modelId: entry.id,
        image: first.rgba,
        prompt: 'What is this?',
      });
      expect(asked).toMatchObject({ task: 'caption', promptUsed: false });

      // The caption-only fixture: a detailed description falls back to its caption, text is refused.
      const captioner = 'omnia-fixture-captioner';
      const detailed = await vision.caption({
        modelId: captioner,
        image: first.rgba,
        task: 'detailed-caption',
      });
      expect(detailed.task).toBe('caption');
      await expect(
        vision.caption({ modelId: captioner, image: first.rgba, task: 'text' }),
      ).rejects.toThrow(/cannot read the text in images: install an OCR language/);
    } finally {
      await vision.unload();
      vi.unstubAllGlobals();
    }
  });
});
