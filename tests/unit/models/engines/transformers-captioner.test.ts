// The transformers.js Captioner on the tiny fixture captioner (ViT encoder + GPT-2 decoder with
// cross-attention), read through a ModelFileSource: exact greedy ids and text of the numpy
// reference for each PNG (the larger one really resized by the image processor), q8 and fp32,
// bad images, cancellation between tokens, and models the adapter refuses.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getModel } from '../../../../src/models/catalog';
import {
  fixtureEntriesFrom,
  type FixtureManifestModel,
} from '../../../../src/models/catalog-fixtures';
import { loadTransformersCaptioner } from '../../../../src/models/engines/transformers/transformers-captioner';
import type { ModelFileSource } from '../../../../src/models/engines/types';
import {
  abortAtStep,
  expectBadImagesRefused,
  readFixturePng,
  useCaptioner,
} from './captioner-test-helpers';
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

const ref = JSON.parse(readFileSync(`${MODELS_DIR}reference-captioner.json`, 'utf8')) as Reference;
const [baseEntry] = fixtureEntriesFrom({ sizeSource: 'exact', models: [ref.manifest_model] });
if (!baseEntry) throw new Error('reference-captioner.json has no manifest model');

const images = ref.captioner.images.map((r) => ({ ...r, image: readFixturePng(r.file) }));
function imageOf(name: string): (typeof images)[number] {
  const found = images.find((i) => i.file.endsWith(`/${name}`));
  if (!found) throw new Error(`no reference for ${name}`);
  return found;
}

describe.each(['q8', 'fp32'] as const)('loadTransformersCaptioner (%s)', (dtype) => {
  const entry = { ...baseEntry, dtype };
  const files = diskSource(entry.id);
  const captioner = useCaptioner(() => loadTransformersCaptioner({ entry, files, device: 'cpu' }));

  it('runs on the CPU, takes no prompt, and opens only the files of its dtype', () => {
    expect(captioner()).toMatchObject({ modelId: entry.id, device: 'cpu', fallback: null });
    expect(captioner().acceptsPrompt).toBe(false);
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
      const result = await captioner().caption(image);
      expect(result.tokenIds).toEqual(expected[dtype].generated_ids);
      expect(result.text).toBe(expected[dtype].text);
      expect(result.text).not.toBe('');
      expect(result.tokenIds?.at(-1)).toBe(ref.captioner.eos_token_id);
    },
  );

  it('gives different captions to different images', async () => {
    const scene = await captioner().caption(imageOf('scene.png').image);
    const night = await captioner().caption(imageOf('night.png').image);
    expect(night.text).not.toBe(scene.text);
    expect(night.tokenIds).not.toEqual(scene.tokenIds);
  });

  it('ignores a prompt (caption-only model) and honours maxNewTokens', async () => {
    const { image, ...expected } = imageOf('scene.png');
    const withPrompt = await captioner().caption(image, { prompt: 'What is in the sky?' });
    expect(withPrompt.tokenIds).toEqual(expected[dtype].generated_ids);
    const short = await captioner().caption(image, { maxNewTokens: 3 });
    expect(short.tokenIds).toEqual(expected[dtype].generated_ids.slice(0, 3));
  });
});

describe('loadTransformersCaptioner: bad input, cancel, dispose', () => {
  const scene = imageOf('scene.png');
  const captioner = useCaptioner(() =>
    loadTransformersCaptioner({
      entry: baseEntry,
      files: diskSource(baseEntry.id),
      device: 'cpu',
    }),
  );

  it('refuses an empty image with a message a person can act on', async () => {
    await expectBadImagesRefused(captioner());
  });

  it('does nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await engineErrorOf(
      captioner().caption(scene.image, { signal: controller.signal }),
    );
    expect(error.reason).toBe('aborted');
  });

  it('stops between tokens when aborted mid-caption, and the next call is whole', async () => {
    const controller = new AbortController();
    const steps = await abortAtStep(controller, 3, async () => {
      const error = await engineErrorOf(
        captioner().caption(scene.image, { signal: controller.signal }),
      );
      expect(error.reason).toBe('aborted');
      expect(error.message).toBe(`Captioning of model "${baseEntry.id}" was cancelled.`);
    });
    expect(steps).toBe(3); // the reference runs to more than 3 tokens
    expect(scene.q8.generated_ids.length).toBeGreaterThan(3);
    expect((await captioner().caption(scene.image)).tokenIds).toEqual(scene.q8.generated_ids);
  });

  it('runs concurrent calls one after the other, each with its own caption', async () => {
    const night = imageOf('night.png');
    const [a, b] = await Promise.all([
      captioner().caption(scene.image),
      captioner().caption(night.image),
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
  it('refuses Florence-2 (its own adapter runs it) from its config, before loading weights', async () => {
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
      'Model "florence-2-base-ft-fp32" (florence-2, model type "florence2") is not a caption-only model (an image encoder and a text decoder), so this adapter cannot run it.',
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
