// Why this file exists: chunking measures every passage with the model's own tokenizer
// (countTokens), and the feature-extraction pipeline then tokenized the very same texts again
// before embedding them — a second full tokenization of everything added to the Library. Here
// the encodings countTokens made are kept (a bounded memo) and a batch is padded, truncated,
// run and pooled exactly as transformers.js's FeatureExtractionPipeline does
// (tokenizer(texts, { padding: true, truncation: true }) → model → mean pooling → L2 norm).
import { mean_pooling, Tensor, type FeatureExtractionPipeline } from '@huggingface/transformers';

/** One text as the tokenizer encodes it (special tokens included, untruncated). */
export interface TextEncoding {
  input_ids: number[];
  attention_mask: number[];
  token_type_ids?: number[];
}

/** What batching needs of a tokenizer: its limit, pad token and padding side. */
export interface BatchTokenizer {
  model_max_length?: number | null;
  pad_token_id?: number | null;
  padding_side?: string;
}

/** Texts whose encodings are remembered; past this the oldest are forgotten first. */
export const ENCODING_MEMO_LIMIT = 4096;

/**
 * Encodes texts with `encode`, remembering the last `limit` encodings by text, so a text that
 * was counted is not tokenized again when it is embedded.
 * @example const memo = createEncodingMemo((t) => encodeText(extractor, t)); memo.get('Olá');
 */
export function createEncodingMemo(
  encode: (text: string) => TextEncoding,
  limit = ENCODING_MEMO_LIMIT,
) {
  const memo = new Map<string, TextEncoding>();
  return {
    get(text: string): TextEncoding {
      const known = memo.get(text);
      if (known) return known;
      const encoding = encode(text);
      if (memo.size >= limit) memo.delete(memo.keys().next().value as string);
      memo.set(text, encoding);
      return encoding;
    },
    get size(): number {
      return memo.size;
    },
    clear: (): void => memo.clear(),
  };
}

export type EncodingMemo = ReturnType<typeof createEncodingMemo>;

/** The pipeline's own per-text encoding: no padding, no truncation, plain arrays. */
export function encodeText(extractor: FeatureExtractionPipeline, text: string): TextEncoding {
  const encode = extractor.tokenizer as unknown as (
    text: string,
    options: { return_tensor: false },
  ) => TextEncoding;
  // A transformers.js Callable: a function bound to itself (it has no Function.prototype.call).
  return encode(text, { return_tensor: false });
}

/**
 * The model inputs of a batch, as the tokenizer's `padding: true, truncation: true` makes
 * them: every row cut or padded to the longest (at most model_max_length); input_ids padded
 * with the pad token, the other inputs with 0, on the tokenizer's padding side. The
 * encodings themselves are left as they were.
 */
export function batchInputs(
  encodings: readonly TextEncoding[],
  tokenizer: BatchTokenizer,
): Record<string, Tensor> {
  const first = encodings[0];
  if (first === undefined) throw new Error('batchInputs needs at least one encoding');
  const longest = Math.max(...encodings.map((e) => e.input_ids.length));
  const length = Math.min(longest, tokenizer.model_max_length ?? Infinity);
  const left = tokenizer.padding_side === 'left';
  const inputs: Record<string, Tensor> = {};
  for (const key of Object.keys(first) as (keyof TextEncoding)[]) {
    const pad = BigInt(key === 'input_ids' ? (tokenizer.pad_token_id ?? 0) : 0);
    const data = new BigInt64Array(encodings.length * length).fill(pad);
    encodings.forEach((encoding, row) => {
      const values = encoding[key] ?? [];
      const used = Math.min(values.length, length);
      const offset = row * length + (left ? length - used : 0);
      for (let i = 0; i < used; i++) data[offset + i] = BigInt(values[i]!);
    });
    inputs[key] = new Tensor('int64', data, [encodings.length, length]);
  }
  return inputs;
}

/** How token states become one vector: the pipeline's `pooling` and `normalize` options. */
export interface PoolingOptions {
  pooling: 'mean';
  normalize: boolean;
}

/** Pooled (and, when asked, L2-normalised) embeddings [n, dim] of already encoded texts. */
export async function embedEncodings(
  extractor: FeatureExtractionPipeline,
  encodings: readonly TextEncoding[],
  options: PoolingOptions,
): Promise<Tensor> {
  const inputs = batchInputs(encodings, extractor.tokenizer);
  const model = extractor.model as unknown as (
    inputs: Record<string, Tensor>,
  ) => Promise<Record<string, Tensor | undefined>>;
  const outputs = await model(inputs);
  const hidden = outputs['last_hidden_state'] ?? outputs['logits'] ?? outputs['token_embeddings'];
  const mask = inputs['attention_mask'];
  if (hidden === undefined || mask === undefined) {
    throw new Error('The embedding model gave no hidden states to pool');
  }
  const pooled = mean_pooling(hidden, mask);
  return options.normalize ? pooled.normalize(2, -1) : pooled;
}
