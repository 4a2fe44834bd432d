// Test helpers for the engine adapters: a ModelFileSource that reads the committed fixture
// models from disk (what the verified cache would hand an engine), and the numpy reference.
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EngineError } from '../../../../src/models/engines/errors';
import type { CatalogEntry } from '../../../../src/models/catalog-types';
import type { ModelFileSource } from '../../../../src/models/engines/types';

export const MODELS_DIR = fileURLToPath(new URL('../../../fixtures/models/', import.meta.url));

export interface DiskSource extends ModelFileSource {
  /** Every path asked for, in order. */
  readonly opened: string[];
}

/** Serves tests/fixtures/models/<modelId>/<path>; `omit` plays a file missing from the cache. */
export function diskSource(
  modelId: string,
  options: { omit?: readonly string[] } = {},
): DiskSource {
  const opened: string[] = [];
  return {
    opened,
    async open(path) {
      opened.push(path);
      if (options.omit?.includes(path)) return null;
      try {
        return new Blob([new Uint8Array(await readFile(`${MODELS_DIR}${modelId}/${path}`))]);
      } catch {
        return null;
      }
    },
  };
}

/**
 * The web-llm-layout fixture's files as the verified store hands them: its repo folder, and the
 * library from its own library repo folder; `omit` plays a file lost from the store.
 */
export function webLlmFixtureSource(entry: CatalogEntry, omit: readonly string[] = []): DiskSource {
  const opened: string[] = [];
  const lib = entry.webllm?.libPath;
  return {
    opened,
    async open(path) {
      opened.push(path);
      if (omit.includes(path)) return null;
      const file =
        path === lib
          ? `${MODELS_DIR}${entry.webllm?.libRepo}/${path}`
          : `${MODELS_DIR}${entry.repo}/${path}`;
      try {
        return new Blob([new Uint8Array(await readFile(file))]);
      } catch {
        return null;
      }
    },
  };
}

interface EmbedderResult {
  embedding: number[];
}
interface Generation {
  generated_ids: number[];
  ends_with_eos: boolean;
}
export interface Reference {
  tolerances: { fp32: number; q8: number };
  embedder: {
    hidden_size: number;
    sentences: { text: string; fp32: EmbedderResult; q8: EmbedderResult }[];
    batch: { texts: string[]; q8: { embeddings: number[][] }; fp32: { embeddings: number[][] } };
  };
  causal_lm: {
    max_new_tokens: number;
    eos_token_ids: number[];
    prompts: {
      kind: 'plain' | 'chat';
      messages?: { role: 'system' | 'user' | 'assistant'; content: string }[];
      input_ids: number[];
      q8: Generation;
      fp32: Generation;
    }[];
  };
}

export const reference = JSON.parse(
  readFileSync(`${MODELS_DIR}reference.json`, 'utf8'),
) as Reference;

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return max;
}

/** The chat prompt of the reference (system + user), as our ChatTurns. */
export function referenceChat(): Reference['causal_lm']['prompts'][number] & {
  messages: NonNullable<Reference['causal_lm']['prompts'][number]['messages']>;
} {
  const prompt = reference.causal_lm.prompts.find((p) => p.kind === 'chat');
  if (!prompt?.messages) throw new Error('reference.json has no chat prompt');
  return { ...prompt, messages: prompt.messages };
}

/** What `promise` rejected with, which must be an EngineError (fails the test otherwise). */
export async function engineErrorOf(promise: Promise<unknown>): Promise<EngineError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof EngineError))
    throw new Error(`expected an EngineError, got ${String(error)}`);
  return error;
}
