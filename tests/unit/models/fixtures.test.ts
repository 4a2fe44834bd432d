// The tiny fixture models (tests/fixtures/models, built by scripts/fixtures/build_models.py)
// run for real through transformers.js on onnxruntime-node, and must reproduce the numpy
// reference in reference.json: tokenizer ids exactly, embeddings within tolerance, greedy
// token ids exactly, and a KV cache that generate() really feeds.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  AutoTokenizer,
  DynamicCache,
  env,
  pipeline,
  Tensor,
  type FeatureExtractionPipeline,
  type PreTrainedModel,
  type TextGenerationPipeline,
} from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MODELS_DIR = fileURLToPath(new URL('../../fixtures/models/', import.meta.url));
const EMBEDDER = 'omnia-fixture-embedder';
const CAUSAL_LM = 'omnia-fixture-causal-lm';

env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = MODELS_DIR;

type Dtype = 'fp32' | 'q8';
const DTYPES: readonly Dtype[] = ['fp32', 'q8'];

interface EmbedderResult {
  embedding: number[];
  last_hidden_state_first_rows: number[][];
}
interface Sentence {
  text: string;
  tokens: string[];
  input_ids: number[];
  fp32: EmbedderResult;
  q8: EmbedderResult;
}
interface Message {
  role: string;
  content: string;
}
interface Generation {
  generated_ids: number[];
  ends_with_eos: boolean;
}
interface Prompt {
  kind: 'plain' | 'chat';
  text: string;
  messages?: Message[];
  input_ids: number[];
  fp32: Generation;
  q8: Generation;
}
interface Reference {
  tolerances: Record<Dtype, number>;
  embedder: {
    hidden_size: number;
    sentences: Sentence[];
    batch: { texts: string[] } & Record<Dtype, { embeddings: number[][] }>;
  };
  causal_lm: {
    n_layer: number;
    n_head: number;
    head_dim: number;
    max_new_tokens: number;
    eos_token_ids: number[];
    chat_template_rendering: { messages: Message[]; add_generation_prompt: boolean; text: string };
    prompts: Prompt[];
    cache_check: { input_ids: number[]; last_logits: number[]; last_logits_without_past: number[] };
  };
}

const ref = JSON.parse(readFileSync(`${MODELS_DIR}reference.json`, 'utf8')) as Reference;

/** The slice of an onnxruntime InferenceSession that these tests look at. */
interface OrtTensorLike {
  readonly dims: readonly number[];
}
interface OrtSessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly { name: string; shape?: readonly (number | string)[] }[];
  run(
    feeds: Record<string, OrtTensorLike>,
    ...rest: unknown[]
  ): Promise<Record<string, OrtTensorLike>>;
}

function ids(t: Tensor): number[] {
  return Array.from(t.data as ArrayLike<bigint>, Number);
}

function floats(t: Tensor): number[] {
  return Array.from(t.data as Float32Array);
}

function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] ?? Number.NaN))), 0);
}

function int64(values: readonly number[]): Tensor {
  return new Tensor('int64', BigInt64Array.from(values, BigInt), [1, values.length]);
}

function lmSession(model: PreTrainedModel): OrtSessionLike {
  return model.sessions.model as OrtSessionLike;
}

describe.each(DTYPES)('fixture embedder (%s) through transformers.js', (dtype) => {
  const tol = ref.tolerances[dtype];
  let extractor: FeatureExtractionPipeline;

  beforeAll(async () => {
    extractor = await pipeline('feature-extraction', EMBEDDER, { dtype, device: 'cpu' });
  });
  afterAll(async () => {
    await extractor.dispose();
  });

  it('tokenizes exactly like the reference, accents and subwords included', () => {
    for (const s of ref.embedder.sentences) {
      expect(ids(extractor.tokenizer(s.text).input_ids)).toEqual(s.input_ids);
      expect(extractor.tokenizer.tokenize(s.text)).toEqual(s.tokens.slice(1, -1));
      // The normalizer composes to NFC first, so decomposed accents give the same ids.
      expect(ids(extractor.tokenizer(s.text.normalize('NFD')).input_ids)).toEqual(s.input_ids);
    }
  });

  it('gives mean-pooled, normalized embeddings equal to the numpy reference', async () => {
    for (const s of ref.embedder.sentences) {
      const out = await extractor(s.text, { pooling: 'mean', normalize: true });
      expect(out.dims).toEqual([1, ref.embedder.hidden_size]);
      expect(maxAbsDiff(floats(out), s[dtype].embedding)).toBeLessThanOrEqual(tol);
    }
  });

  it('embeds a right-padded batch like the numpy batch reference (the mask hides padding)', async () => {
    const { sentences, batch } = ref.embedder;
    const out = await extractor(batch.texts, { pooling: 'mean', normalize: true });
    const dim = ref.embedder.hidden_size;
    expect(out.dims).toEqual([batch.texts.length, dim]);
    const data = floats(out);
    batch[dtype].embeddings.forEach((expected, i) => {
      const row = data.slice(i * dim, (i + 1) * dim);
      expect(maxAbsDiff(row, expected)).toBeLessThanOrEqual(tol);
      // fp32 is batch-independent. q8 quantizes activations over the whole batch tensor,
      // so its batch reference differs slightly from the one-sentence reference.
      if (dtype === 'fp32') {
        expect(maxAbsDiff(row, sentences[i]?.fp32.embedding ?? [])).toBeLessThanOrEqual(tol);
      }
    });
  });

  it('gives last_hidden_state rows equal to the numpy reference', async () => {
    for (const s of ref.embedder.sentences) {
      const out = await extractor(s.text, { pooling: 'none' });
      expect(out.dims).toEqual([1, s.input_ids.length, ref.embedder.hidden_size]);
      const data = floats(out);
      s[dtype].last_hidden_state_first_rows.forEach((row, r) => {
        const got = data.slice(r * row.length, (r + 1) * row.length);
        expect(maxAbsDiff(got, row)).toBeLessThanOrEqual(tol);
      });
    }
  });

  it("really loads its own file: output differs from the other dtype's reference", async () => {
    // model.onnx and model_quantized.onnx agree only to about 1e-3, so this tells them apart.
    const other: Dtype = dtype === 'fp32' ? 'q8' : 'fp32';
    for (const s of ref.embedder.sentences) {
      const out = await extractor(s.text, { pooling: 'mean', normalize: true });
      expect(maxAbsDiff(floats(out), s[other].embedding)).toBeGreaterThan(ref.tolerances.fp32);
    }
  });
});

describe.each(DTYPES)('fixture causal LM (%s) through transformers.js', (dtype) => {
  const { max_new_tokens } = ref.causal_lm;
  let generator: TextGenerationPipeline;

  beforeAll(async () => {
    generator = await pipeline('text-generation', CAUSAL_LM, { dtype, device: 'cpu' });
  });
  afterAll(async () => {
    await generator.dispose();
  });

  async function greedy(text: string): Promise<{ prompt: number[]; generated: number[] }> {
    const inputs = generator.tokenizer(text, { add_special_tokens: false });
    const out = await generator.model.generate({ ...inputs, max_new_tokens, do_sample: false });
    if (!(out instanceof Tensor)) throw new Error('generate() did not return a tensor');
    const prompt = ids(inputs.input_ids);
    return { prompt, generated: ids(out).slice(prompt.length) };
  }

  it('tokenizes both prompts exactly like the reference', () => {
    for (const p of ref.causal_lm.prompts) {
      expect(ids(generator.tokenizer(p.text, { add_special_tokens: false }).input_ids)).toEqual(
        p.input_ids,
      );
    }
  });

  it('generates exactly the reference greedy token ids', async () => {
    for (const p of ref.causal_lm.prompts) {
      const { prompt, generated } = await greedy(p.text);
      expect(prompt).toEqual(p.input_ids);
      expect(generated).toEqual(p[dtype].generated_ids);
      // The output is varied, and stops either at EOS or at max_new_tokens.
      expect(new Set(generated).size).toBeGreaterThanOrEqual(5);
      const last = generated.at(-1) ?? -1;
      expect(ref.causal_lm.eos_token_ids.includes(last)).toBe(p[dtype].ends_with_eos);
      if (!p[dtype].ends_with_eos) expect(generated).toHaveLength(max_new_tokens);
    }
  });

  it('returns the decoded reference ids from the pipeline, for text and for chat input', async () => {
    for (const p of ref.causal_lm.prompts) {
      const expected = generator.tokenizer.decode(p[dtype].generated_ids, {
        skip_special_tokens: true,
      });
      if (p.kind === 'chat' && p.messages) {
        // Chat input goes through the model's chat template inside the pipeline.
        const out = await generator(p.messages, { max_new_tokens, do_sample: false });
        const chat = out[0]?.generated_text;
        if (!Array.isArray(chat)) throw new Error('expected chat output');
        expect(chat.at(-1)).toEqual({ role: 'assistant', content: expected });
      } else {
        const out = await generator(p.text, { max_new_tokens, do_sample: false });
        expect(out[0]?.generated_text).toBe(p.text + expected);
      }
    }
  });

  it('feeds the KV cache in generate(): one prefill, then one token per step', async () => {
    const session = lmSession(generator.model);
    const calls: {
      inputIds: readonly number[];
      past: readonly number[];
      mask: readonly number[];
    }[] = [];
    const run = session.run.bind(session);
    session.run = (feeds, ...rest) => {
      calls.push({
        inputIds: feeds.input_ids?.dims ?? [],
        past: feeds['past_key_values.0.key']?.dims ?? [],
        mask: feeds.attention_mask?.dims ?? [],
      });
      return run(feeds, ...rest);
    };
    try {
      const p = ref.causal_lm.prompts[0];
      if (!p) throw new Error('no reference prompt');
      const { generated } = await greedy(p.text);
      expect(generated).toEqual(p[dtype].generated_ids);
      const { n_head, head_dim } = ref.causal_lm;
      const P = p.input_ids.length;
      // One call per generated token: the last token is sampled from the last call's logits.
      expect(calls).toHaveLength(generated.length);
      calls.forEach((call, step) => {
        expect(call.inputIds).toEqual([1, step === 0 ? P : 1]);
        const pastLength = step === 0 ? 0 : P + step - 1;
        expect(call.past).toEqual([1, n_head, pastLength, head_dim]);
        expect(call.mask).toEqual([1, pastLength + (step === 0 ? P : 1)]);
      });
    } finally {
      session.run = run;
    }
  });
});

describe('fixture causal LM KV cache (fp32 forward passes)', () => {
  const { n_layer, n_head, head_dim, cache_check } = ref.causal_lm;
  let generator: TextGenerationPipeline;

  beforeAll(async () => {
    generator = await pipeline('text-generation', CAUSAL_LM, { dtype: 'fp32', device: 'cpu' });
  });
  afterAll(async () => {
    await generator.dispose();
  });

  it('declares past_key_values inputs and present outputs with numeric heads and head_dim', () => {
    const session = lmSession(generator.model);
    for (let i = 0; i < n_layer; i++) {
      for (const kind of ['key', 'value']) {
        expect(session.inputNames).toContain(`past_key_values.${i}.${kind}`);
        expect(session.outputNames).toContain(`present.${i}.${kind}`);
        const meta = session.inputMetadata.find((m) => m.name === `past_key_values.${i}.${kind}`);
        expect(meta?.shape).toEqual(['batch_size', n_head, 'past_sequence_length', head_dim]);
      }
    }
    expect(session.inputNames).toEqual(
      expect.arrayContaining(['input_ids', 'attention_mask', 'position_ids']),
    );
  });

  it('one cached step reproduces the full-sequence reference logits; no past gives others', async () => {
    const tol = ref.tolerances.fp32;
    const seq = cache_check.input_ids;
    const model = generator.model;
    const lastRow = (logits: Tensor): number[] => {
      const vocab = logits.dims.at(-1) ?? 0;
      return floats(logits).slice(-vocab);
    };

    // Whole sequence at once, empty cache.
    const full = (await model.forward({
      input_ids: int64(seq),
      attention_mask: int64(seq.map(() => 1)),
    })) as Record<string, Tensor>;
    expect(maxAbsDiff(lastRow(full.logits as Tensor), cache_check.last_logits)).toBeLessThanOrEqual(
      tol,
    );

    // Prefix first, then the last token alone with the prefix's cache.
    const prefix = seq.slice(0, -1);
    const first = (await model.forward({
      input_ids: int64(prefix),
      attention_mask: int64(prefix.map(() => 1)),
    })) as Record<string, Tensor>;
    const entries: Record<string, Tensor> = {};
    for (const [name, t] of Object.entries(first)) {
      if (name.startsWith('present.')) entries[name.replace('present.', 'past_key_values.')] = t;
    }
    expect(Object.keys(entries)).toHaveLength(2 * n_layer);
    expect(entries['past_key_values.0.key']?.dims).toEqual([1, n_head, prefix.length, head_dim]);
    const step = (await model.forward({
      input_ids: int64(seq.slice(-1)),
      attention_mask: int64(seq.map(() => 1)),
      past_key_values: new DynamicCache(entries),
    })) as Record<string, Tensor>;
    expect(step.logits?.dims).toEqual([1, 1, cache_check.last_logits.length]);
    expect(step['present.0.key']?.dims).toEqual([1, n_head, seq.length, head_dim]);
    expect(maxAbsDiff(lastRow(step.logits as Tensor), cache_check.last_logits)).toBeLessThanOrEqual(
      tol,
    );

    // The same token without its past: the cache contents really change the result.
    const alone = (await model.forward({
      input_ids: int64(seq.slice(-1)),
      attention_mask: int64([1]),
    })) as Record<string, Tensor>;
    const aloneRow = lastRow(alone.logits as Tensor);
    expect(maxAbsDiff(aloneRow, cache_check.last_logits_without_past)).toBeLessThanOrEqual(tol);
    expect(maxAbsDiff(aloneRow, cache_check.last_logits)).toBeGreaterThan(1);
  });
});

describe('fixture causal LM chat template', () => {
  it('renders a system + user conversation with the generation prompt', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(CAUSAL_LM);
    const { messages, text } = ref.causal_lm.chat_template_rendering;
    expect(text).toBe(
      '<|system|>\nYou are a helpful assistant.<|end|>\n<|user|>\nOlá! Como você está?<|end|>\n<|assistant|>\n',
    );
    const rendered = tokenizer.apply_chat_template(messages, {
      tokenize: false,
      add_generation_prompt: true,
    });
    expect(rendered).toBe(text);
    const withoutPrompt = tokenizer.apply_chat_template(messages, { tokenize: false });
    expect(withoutPrompt).toBe(text.slice(0, -'<|assistant|>\n'.length));
  });
});
