// Embedding from remembered encodings must give exactly what transformers.js's own
// feature-extraction pipeline gives for the same batch (padding, truncation past
// model_max_length, mean pooling, L2 norm), on the real fixture embedder in Node; and the
// batch inputs and the memo behave as documented.
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  batchInputs,
  createEncodingMemo,
  embedEncodings,
  encodeText,
  type TextEncoding,
} from '../../../../src/models/engines/transformers/embed-encodings';
import { MODELS_DIR } from './fixture-files';

const TEXTS = [
  'O relatório de manutenção da bomba.',
  'short',
  // Longer than the fixture's model_max_length (64): the pipeline truncates it.
  Array.from({ length: 90 }, (_, i) => `palavra${i}`).join(' '),
  'The warranty covers the valve and the filter for two years.',
];

describe('embedEncodings on the fixture embedder', () => {
  let extractor: FeatureExtractionPipeline;
  const saved = { local: env.localModelPath, remote: env.allowRemoteModels };

  beforeAll(async () => {
    env.localModelPath = MODELS_DIR;
    env.allowRemoteModels = false;
    extractor = await pipeline('feature-extraction', 'omnia-fixture-embedder', {
      device: 'cpu',
      dtype: 'q8',
    });
  });
  afterAll(async () => {
    await extractor.dispose();
    env.localModelPath = saved.local;
    env.allowRemoteModels = saved.remote;
  });

  it('equals the pipeline on a mixed batch, truncation included', async () => {
    const bare = await extractor(TEXTS, { pooling: 'mean', normalize: true });
    const encodings = TEXTS.map((t) => encodeText(extractor, t));
    expect(encodings[2]!.input_ids.length).toBeGreaterThan(64);
    const ours = await embedEncodings(extractor, encodings, { pooling: 'mean', normalize: true });
    expect(ours.dims).toEqual(bare.dims);
    expect(Array.from(ours.data as Float32Array)).toEqual(Array.from(bare.data as Float32Array));
    // The remembered encodings were not cut or padded in place.
    expect(encodings.map((e) => e.input_ids.length)).toEqual(
      TEXTS.map((t) => extractor.tokenizer.encode(t).length),
    );
  });
});

describe('batchInputs', () => {
  const a: TextEncoding = { input_ids: [1, 5, 2], attention_mask: [1, 1, 1] };
  const b: TextEncoding = { input_ids: [1, 7, 8, 9, 2], attention_mask: [1, 1, 1, 1, 1] };

  it('pads every input to the longest, input_ids with the pad token, on the right', () => {
    const inputs = batchInputs([a, b], { pad_token_id: 3, model_max_length: 512 });
    expect(inputs['input_ids']!.dims).toEqual([2, 5]);
    expect(Array.from(inputs['input_ids']!.data as BigInt64Array, Number)).toEqual([
      1, 5, 2, 3, 3, 1, 7, 8, 9, 2,
    ]);
    expect(Array.from(inputs['attention_mask']!.data as BigInt64Array, Number)).toEqual([
      1, 1, 1, 0, 0, 1, 1, 1, 1, 1,
    ]);
  });

  it('pads on the left when the tokenizer says so, and cuts at model_max_length', () => {
    const inputs = batchInputs([a, b], {
      pad_token_id: 0,
      model_max_length: 4,
      padding_side: 'left',
    });
    expect(Array.from(inputs['input_ids']!.data as BigInt64Array, Number)).toEqual([
      0, 1, 5, 2, 1, 7, 8, 9,
    ]);
    expect(b.input_ids).toHaveLength(5);
  });
});

describe('createEncodingMemo', () => {
  it('encodes a text once and forgets the oldest past its limit', () => {
    const encoded: string[] = [];
    const memo = createEncodingMemo((text) => {
      encoded.push(text);
      return { input_ids: [text.length], attention_mask: [1] };
    }, 2);
    memo.get('a');
    memo.get('a');
    memo.get('bb');
    memo.get('ccc');
    expect(memo.size).toBe(2);
    memo.get('bb');
    memo.get('a');
    expect(encoded).toEqual(['a', 'bb', 'ccc', 'a']);
  });
});
