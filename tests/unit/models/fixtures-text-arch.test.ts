// The fixtures that stand for the catalog's transformers.js text models (qwen2, llama with the
// Llama 3 and the SmolLM2 templates, qwen3, and BERT behind an XLM-R tokenizer) run for real on
// onnxruntime-node, through our own adapters where the app uses them, and must reproduce the
// numpy/Jinja2 references in reference-text-arch.json (scripts/fixtures/build_models.py): the
// tokenizer's ids, the rendered chat template, the prefill logits, exact greedy ids in fp32 and
// in the catalog's dtype (q4, real MatMulNBits), and embeddings within tolerance.
import { readFileSync } from 'node:fs';
import {
  AutoModelForCausalLM,
  AutoTokenizer,
  Tensor,
  type PreTrainedModel,
  type PreTrainedTokenizer,
} from '@huggingface/transformers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getModel } from '../../../src/models/catalog';
import type { CatalogEntry } from '../../../src/models/catalog-types';
import { loadTransformersChat } from '../../../src/models/engines/transformers/transformers-chat';
import { loadTransformersEmbedder } from '../../../src/models/engines/transformers/transformers-embedder';
import {
  applyBaseSettings,
  registerModelFiles,
} from '../../../src/models/engines/transformers/transformers-env';
import type { ChatTurn, Embedder } from '../../../src/models/engines/types';
import { diskSource, maxAbsDiff, MODELS_DIR } from './engines/fixture-files';

type ChatDtype = 'fp32' | 'q4';
const CHAT_DTYPES: readonly ChatDtype[] = ['fp32', 'q4'];

interface Generation {
  generated_ids: number[];
  ends_with_eos: boolean;
}
interface ChatReference {
  model: string;
  model_type: string;
  template_family: string;
  num_hidden_layers: number;
  num_key_value_heads: number;
  head_dim: number;
  eos_token_ids: number[];
  repetition_penalty: number;
  max_new_tokens: number;
  tokenizer: { text: string; input_ids: number[] }[];
  chat: {
    messages: ChatTurn[];
    rendered_with_date: string | null;
    text: string;
    input_ids: number[];
  } & Record<ChatDtype, Generation>;
  prefill_last_logits: Record<ChatDtype, number[]>;
  /** With a repetition_penalty: what plain argmax decoding would give instead. */
  argmax_without_repetition_penalty: Record<ChatDtype, number[]> | null;
}
interface E5Sentence {
  text: string;
  tokens: string[];
  input_ids: number[];
  fp32: { embedding: number[] };
  q8: { embedding: number[] };
}
interface TextArchReference {
  tolerances: { fp32: number; q8: number; q4_logits: number };
  chat: Record<string, ChatReference>;
  e5: {
    hidden_size: number;
    sentences: E5Sentence[];
    batch: { texts: string[]; fp32: { embeddings: number[][] } };
  };
}

const ref = JSON.parse(
  readFileSync(`${MODELS_DIR}reference-text-arch.json`, 'utf8'),
) as TextArchReference;
const CHAT_IDS = Object.keys(ref.chat);
const fetchSpy = vi.fn(() => Promise.reject(new Error('tests make no network requests')));

/** Llama 3.2's template writes strftime_now("%d %b %Y") into every prompt: pin the clock. */
function pinClockFor(reference: ChatReference): void {
  if (reference.chat.rendered_with_date === null) return;
  vi.useFakeTimers({ toFake: ['Date'] });
  // Midday local time, so the day is the same in every time zone's rendering.
  vi.setSystemTime(new Date(`${isoDate(reference.chat.rendered_with_date)}T12:00:00`));
}

function isoDate(dayMonthYear: string): string {
  const [day = '', month = '', year = ''] = dayMonthYear.split(' ');
  const index = new Date(`${month} 1, 2000`).getMonth() + 1;
  return `${year}-${String(index).padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function ids(t: Tensor): number[] {
  return Array.from(t.data as ArrayLike<bigint>, Number);
}

function int64(values: readonly number[]): Tensor {
  return new Tensor('int64', BigInt64Array.from(values, BigInt), [1, values.length]);
}

/** The slice of an onnxruntime session these tests read. */
interface SessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly { name: string; shape?: readonly (number | string)[] }[];
}

/** Loads with transformers.js itself, from the fixture's files on disk, as our adapters do. */
async function withFiles<T>(id: string, load: () => Promise<T>): Promise<T> {
  applyBaseSettings();
  const unregister = registerModelFiles(id, diskSource(id));
  try {
    return await load();
  } finally {
    unregister();
  }
}

beforeAll(() => vi.stubGlobal('fetch', fetchSpy));
afterAll(() => {
  vi.unstubAllGlobals();
  expect(fetchSpy).not.toHaveBeenCalled();
});

describe.each(CHAT_IDS)('chat fixture %s', (id) => {
  const reference = ref.chat[id] as ChatReference;
  const entry = getModel(id);
  let tokenizer: PreTrainedTokenizer;

  beforeAll(async () => {
    tokenizer = await withFiles(id, () => AutoTokenizer.from_pretrained(id));
  });
  beforeEach(() => pinClockFor(reference));
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is a catalog fixture with the q4 file a real entry of its family loads', () => {
    expect(entry).toMatchObject({
      task: 'chat',
      engine: 'transformers',
      dtype: 'q4',
      fixture: true,
    });
    expect(entry.files.map((f) => f.path)).toContain('onnx/model_q4.onnx');
    const config = JSON.parse(readFileSync(`${MODELS_DIR}${id}/config.json`, 'utf8')) as {
      model_type: string;
    };
    expect(config.model_type).toBe(reference.model_type);
    // A real q4 graph: 4-bit MatMulNBits from onnxruntime's com.microsoft domain.
    const q4 = readFileSync(`${MODELS_DIR}${id}/onnx/model_q4.onnx`).toString('latin1');
    const fp32 = readFileSync(`${MODELS_DIR}${id}/onnx/model.onnx`).toString('latin1');
    expect(q4).toContain('MatMulNBits');
    expect(q4).toContain('com.microsoft');
    expect(fp32).not.toContain('MatMulNBits');
  });

  it('tokenizes like the reference tokenizer (pre-tokenizer regex, digits, spaces, accents)', () => {
    for (const { text, input_ids } of reference.tokenizer) {
      expect(tokenizer.encode(text, { add_special_tokens: false }), text).toEqual(input_ids);
    }
  });

  it('renders its own chat template exactly as Jinja2 does, and tokenizes the prompt to the reference ids', () => {
    const { messages, text, input_ids } = reference.chat;
    const rendered = tokenizer.apply_chat_template(messages, {
      add_generation_prompt: true,
      tokenize: false,
    });
    expect(rendered).toBe(text);
    const encoded = tokenizer.apply_chat_template(messages, {
      add_generation_prompt: true,
      return_tensor: false,
      return_dict: false,
    });
    expect(encoded).toEqual(input_ids);
  });

  describe.each(CHAT_DTYPES)('%s', (dtype) => {
    it('declares the KV cache as transformers.js sizes it, and its prefill logits match numpy', async () => {
      const model: PreTrainedModel = await withFiles(id, () =>
        AutoModelForCausalLM.from_pretrained(id, { dtype, device: 'cpu' }),
      );
      try {
        const session = model.sessions['model'] as unknown as SessionLike;
        const layers = reference.num_hidden_layers;
        const kv = Array.from({ length: layers }, (_, i) => [
          `past_key_values.${i}.key`,
          `past_key_values.${i}.value`,
        ]).flat();
        expect([...session.inputNames].sort()).toEqual(
          ['attention_mask', 'input_ids', 'position_ids', ...kv].sort(),
        );
        expect(session.outputNames).toContain('logits');
        for (const meta of session.inputMetadata.filter((m) => m.name.startsWith('past_'))) {
          expect(meta.shape?.[1]).toBe(reference.num_key_value_heads);
          expect(meta.shape?.[3]).toBe(reference.head_dim);
        }
        const input = reference.chat.input_ids;
        const out = (await model({
          input_ids: int64(input),
          attention_mask: int64(input.map(() => 1)),
        })) as { logits: Tensor };
        const vocab = out.logits.dims.at(-1) ?? 0;
        const last = Array.from(out.logits.data as Float32Array).slice(-vocab);
        const tol = dtype === 'fp32' ? ref.tolerances.fp32 : ref.tolerances.q4_logits;
        expect(maxAbsDiff(last, reference.prefill_last_logits[dtype])).toBeLessThanOrEqual(tol);
      } finally {
        await model.dispose();
      }
    });

    it('generates exactly the reference greedy ids through loadTransformersChat, and stops at EOS', async () => {
      const files = diskSource(id);
      const chat = await loadTransformersChat({
        entry: { ...entry, dtype } satisfies CatalogEntry,
        files,
        device: 'cpu',
      });
      try {
        const expected = reference.chat[dtype].generated_ids;
        expect(expected.at(-1)).toBeOneOf(reference.eos_token_ids);
        expect(files.opened).toContain(dtype === 'q4' ? 'onnx/model_q4.onnx' : 'onnx/model.onnx');
        expect(files.opened).not.toContain(
          dtype === 'q4' ? 'onnx/model.onnx' : 'onnx/model_q4.onnx',
        );
        const result = await chat.generate(reference.chat.messages, {
          maxNewTokens: reference.max_new_tokens,
        });
        expect(result.tokenIds).toEqual(expected);
        if (reference.argmax_without_repetition_penalty) {
          // Qwen2.5's generation_config.json asks for repetition_penalty 1.1, and transformers.js
          // applies it to greedy decoding too: without it the answer would differ.
          expect(reference.repetition_penalty).not.toBe(1);
          expect(result.tokenIds).not.toEqual(reference.argmax_without_repetition_penalty[dtype]);
        }
        expect(result.promptTokens).toBe(reference.chat.input_ids.length);
        expect(result.finishReason).toBe('stop');
        const count = await chat.tokens?.countPrompt(reference.chat.messages);
        expect(count).toBe(reference.chat.input_ids.length);
      } finally {
        await chat.dispose();
      }
    });
  });
});

describe('embedding fixture omnia-fixture-e5 (BERT behind an XLM-R Unigram tokenizer)', () => {
  const { e5 } = ref;
  const entry = getModel('omnia-fixture-e5');
  let q8: Embedder;
  let fp32: Embedder;
  let tokenizer: PreTrainedTokenizer;

  beforeAll(async () => {
    q8 = await loadTransformersEmbedder({ entry, files: diskSource(entry.id), device: 'cpu' });
    fp32 = await loadTransformersEmbedder({
      entry: { ...entry, dtype: 'fp32' } satisfies CatalogEntry,
      files: diskSource(entry.id),
      device: 'cpu',
    });
    tokenizer = await withFiles(entry.id, () => AutoTokenizer.from_pretrained(entry.id));
  });
  afterAll(async () => {
    await q8.dispose();
    await fp32.dispose();
  });

  it('is a q8 embedding fixture with model_type bert and an XLM-RoBERTa tokenizer', () => {
    expect(entry).toMatchObject({
      task: 'embedding',
      dtype: 'q8',
      fixture: true,
      embeddingDim: 32,
    });
    const config = JSON.parse(readFileSync(`${MODELS_DIR}${entry.id}/config.json`, 'utf8')) as {
      model_type: string;
      tokenizer_class: string;
    };
    expect(config).toMatchObject({ model_type: 'bert', tokenizer_class: 'XLMRobertaTokenizer' });
    expect(q8.dimension).toBe(e5.hidden_size);
    expect(q8.maxTokens).toBe(64);
  });

  it('tokenizes like the reference Unigram: NFKC, collapsed spaces, ▁ words, fused <unk>', async () => {
    for (const s of e5.sentences) {
      expect(ids(tokenizer(s.text).input_ids), s.text).toEqual(s.input_ids);
      expect(tokenizer.tokenize(s.text)).toEqual(s.tokens.slice(1, -1));
    }
    expect(await q8.countTokens(e5.sentences.map((s) => s.text))).toEqual(
      e5.sentences.map((s) => s.input_ids.length),
    );
  });

  it('embeds each query:/passage: text within the q8 tolerance through loadTransformersEmbedder', async () => {
    for (const s of e5.sentences) {
      // One text per call: q8 quantizes activations over the whole batch.
      const [vector] = await q8.embed([s.text]);
      expect(maxAbsDiff(vector ?? [], s.q8.embedding), s.text).toBeLessThanOrEqual(
        ref.tolerances.q8,
      );
    }
  });

  it('embeds a padded batch in fp32 like the numpy batch (mean over the mask, then L2)', async () => {
    const vectors = await fp32.embed(e5.batch.texts);
    e5.batch.fp32.embeddings.forEach((want, i) => {
      expect(maxAbsDiff(vectors[i] ?? [], want)).toBeLessThanOrEqual(ref.tolerances.fp32);
    });
    const [single] = await fp32.embed([e5.sentences[0]?.text ?? '']);
    expect(maxAbsDiff(single ?? [], e5.sentences[0]?.fp32.embedding ?? [])).toBeLessThanOrEqual(
      ref.tolerances.fp32,
    );
  });
});
