/**
 * The expected answers of the SmolVLM fixture (omnia-fixture-smolvlm), read from the reference
 * file its builder writes (reference-smolvlm.json, numpy, never hard-coded here): for an image
 * and a question, the greedy ids for the dtype the fixture's catalog entry loads (manifest.json),
 * and their text, decoded in Node by transformers.js's tokenizer from the fixture's own
 * tokenizer files.
 *
 * The reference holds the first `max_new_tokens` (12) ids; the app lets the model go on to EOS or
 * 256 tokens, so an answer matches when it starts with the reference text. Byte-level BPE can
 * end the 12 ids in the middle of a UTF-8 character, which decodes to U+FFFD there and to the
 * whole character once the next token comes: that tail is left out of the prefix.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { expect } from 'vitest';
import { DEFAULT_VLM_PROMPT } from '../../src/models/engines/transformers/transformers-vlm';

export const SMOLVLM = 'omnia-fixture-smolvlm';
/**
 * What the adapter asks for a description when the person asks nothing (the Library, a chat image
 * sent without words); fixture_smolvlm.py keeps a reference case for it.
 */
export const DEFAULT_QUESTION = DEFAULT_VLM_PROMPT;

const MODELS_DIR = 'tests/fixtures/models';
const REFERENCE = `${MODELS_DIR}/reference-smolvlm.json`;

interface Run {
  generated_ids: number[];
  min_top2_logit_margin: number;
}

interface ReferenceCase {
  image: string;
  question: string;
  /** The greedy ids per dtype, under the dtype's name (fp32, q4). */
  [dtype: string]: unknown;
}

interface Reference {
  model: string;
  max_new_tokens: number;
  cases: ReferenceCase[];
}

export interface VlmAnswer {
  /** The image file, from the repository root (tests/fixtures/images/...). */
  image: string;
  question: string;
  /** The catalog entry's dtype, whose greedy ids these are. */
  dtype: string;
  ids: number[];
  /** The ids decoded as the app decodes them (special tokens skipped), trimmed at the start. */
  text: string;
  /** `text` without a trailing cut character: what every longer answer starts with. */
  prefix: string;
}

/** The dtype the fixture's catalog entry loads (manifest.json), e.g. 'q4'. */
export function fixtureDtype(modelId = SMOLVLM): string {
  const manifest = JSON.parse(readFileSync(`${MODELS_DIR}/manifest.json`, 'utf8')) as {
    models: { id: string; dtype?: string }[];
  };
  const dtype = manifest.models.find((m) => m.id === modelId)?.dtype;
  if (!dtype) throw new Error(`manifest.json has no dtype for ${modelId}`);
  return dtype;
}

function readReference(): Reference {
  const reference = JSON.parse(readFileSync(REFERENCE, 'utf8')) as Reference;
  if (reference.model !== SMOLVLM) throw new Error(`${REFERENCE} is not ${SMOLVLM}'s reference`);
  return reference;
}

let tokenizer: ReturnType<typeof AutoTokenizer.from_pretrained> | undefined;

function fixtureTokenizer(): ReturnType<typeof AutoTokenizer.from_pretrained> {
  if (!tokenizer) {
    env.allowRemoteModels = false;
    env.localModelPath = `${resolve(MODELS_DIR)}/`;
    tokenizer = AutoTokenizer.from_pretrained(SMOLVLM);
  }
  return tokenizer;
}

/**
 * The reference answer to `question` about `image` (a file in tests/fixtures/images), for the
 * catalog entry's dtype.
 * @example const { prefix } = await vlmAnswer('scene.png', 'Is it day or night?');
 */
export async function vlmAnswer(image: string, question: string): Promise<VlmAnswer> {
  const reference = readReference();
  const dtype = fixtureDtype();
  const found = reference.cases.find(
    (c) => c.image === `tests/fixtures/images/${image}` && c.question === question,
  );
  const run = found?.[dtype] as Run | undefined;
  if (!found || !run?.generated_ids.length) {
    throw new Error(
      `${REFERENCE} has no ${dtype} case for ${image} + "${question}": run scripts/fixtures/fixture_smolvlm.py`,
    );
  }
  const ids = run.generated_ids;
  const text = (await fixtureTokenizer()).decode(ids, { skip_special_tokens: true }).trimStart();
  const prefix = text.replace(/\uFFFD+$/u, '').trimEnd();
  if (prefix.length < 4) {
    throw new Error(`The reference answer to "${question}" decodes to too little text to compare`);
  }
  return { image: found.image, question, dtype, ids, text, prefix };
}

/** An answer the app produced must begin with the reference's text. */
export function expectReferenceAnswer(
  actual: string | null | undefined,
  expected: VlmAnswer,
): void {
  const answer = (actual ?? '').trim();
  expect(
    answer.startsWith(expected.prefix),
    `the answer to "${expected.question}" should start with ${JSON.stringify(expected.prefix)} ` +
      `(reference ${expected.dtype} ids ${expected.ids.join(',')}), got ${JSON.stringify(answer)}`,
  ).toBe(true);
}
