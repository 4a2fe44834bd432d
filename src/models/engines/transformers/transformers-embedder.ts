/**
 * The Embedder on transformers.js: a feature-extraction pipeline with mean pooling and L2
 * normalisation, the pooling the catalog's sentence-embedding models were trained with.
 * Texts go through in small batches so a long ingest can be cancelled between them.
 */
import { pipeline, type FeatureExtractionPipeline, type Tensor } from '@huggingface/transformers';
import { createEncodingMemo, embedEncodings, encodeText } from './embed-encodings';
import { abortedError, disposedError, EngineError, runError } from '../errors';
import { createSerial } from '../serial';
import type { EngineLoadRequest, Embedder } from '../types';
import { loadTransformersPipeline, type TransformersLoadOptions } from './transformers-load';

/**
 * Texts per forward pass: the Library's batch (LIBRARY_EMBED_BATCH), so a batch it asks for
 * runs as one pass. Small enough to cancel promptly and to keep activations modest on the
 * CPU; a dynamically quantised (q8) model quantises over the whole batch, so results of such
 * models depend slightly on how texts are grouped.
 */
export const EMBED_BATCH_SIZE = 32;

/** Rows of a [n, dim] float tensor, each a copy that outlives the tensor. */
function rows(tensor: Tensor): Float32Array[] {
  const [n = 0, dim = 0] = tensor.dims;
  // Typed loosely by the library (its DataArray); pooled embeddings are float32.
  const data: unknown = tensor.data;
  const flat = data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>);
  return Array.from({ length: n }, (_, i) => flat.slice(i * dim, (i + 1) * dim));
}

/** Past this, a tokenizer's model_max_length is the library's "no limit" placeholder. */
const NO_LIMIT = 1_000_000;

function positiveLimit(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value < NO_LIMIT
    ? value
    : null;
}

/**
 * The tokens a text may have: the tokenizer's model_max_length or the config's
 * max_position_embeddings, whichever is known and smaller.
 */
function maxTokensOf(extractor: FeatureExtractionPipeline): number | null {
  const config = extractor.model.config as unknown as Record<string, unknown>;
  const limits = [
    positiveLimit(extractor.tokenizer.model_max_length),
    positiveLimit(config['max_position_embeddings']),
  ].filter((n): n is number => n !== null);
  return limits.length > 0 ? Math.min(...limits) : null;
}

/**
 * Loads `request.entry` (task 'embedding', engine 'transformers') from `request.files`.
 * @example
 * const embedder = await loadTransformersEmbedder({ entry, files, device: 'auto' });
 * const [vector] = await embedder.embed(['Olá, mundo']);
 */
export async function loadTransformersEmbedder(
  request: EngineLoadRequest,
  options: TransformersLoadOptions = {},
): Promise<Embedder> {
  const { entry } = request;
  if (entry.task !== 'embedding') {
    throw new EngineError('unsupported', `Model "${entry.id}" is not an embedding model.`, {
      modelId: entry.id,
    });
  }
  const loaded = await loadTransformersPipeline<FeatureExtractionPipeline>(
    request,
    (attempt) =>
      pipeline('feature-extraction', entry.repo, {
        device: attempt.device,
        ...(attempt.dtype ? { dtype: attempt.dtype } : {}),
        revision: attempt.revision,
        progress_callback: attempt.progress_callback,
      }),
    options,
  );
  const extractor = loaded.value;
  const serial = createSerial();
  let disposed = false;
  // Chunking counts each passage's tokens just before it is embedded: encode it once.
  const encodings = createEncodingMemo((text) => encodeText(extractor, text));

  const run = async (texts: string[]): Promise<Float32Array[]> => {
    try {
      const encoded = texts.map((t) => encodings.get(t));
      return rows(await embedEncodings(extractor, encoded, { pooling: 'mean', normalize: true }));
    } catch (error) {
      throw runError(error, entry.id, 'Embedding');
    }
  };

  let dimension = entry.embeddingDim;
  if (dimension === undefined) {
    // The catalog always says; a model without it tells us through one tiny pass.
    dimension = (await run(['dimension']))[0]?.length ?? 0;
  }

  return {
    modelId: entry.id,
    device: loaded.device,
    fallback: loaded.fallback,
    dimension,
    maxTokens: maxTokensOf(extractor),
    countTokens: (texts) =>
      serial(() => {
        if (disposed) return Promise.reject(disposedError(entry.id));
        // Untruncated, so a caller can tell a text the model would cut short.
        return Promise.resolve(texts.map((t) => encodings.get(t).input_ids.length));
      }),
    embed: (texts, callOptions = {}) =>
      serial(async () => {
        if (disposed) throw disposedError(entry.id);
        const signal = callOptions.signal;
        const vectors: Float32Array[] = [];
        for (let start = 0; start < texts.length; start += EMBED_BATCH_SIZE) {
          if (signal?.aborted) throw abortedError(entry.id, 'Embedding');
          vectors.push(...(await run(texts.slice(start, start + EMBED_BATCH_SIZE))));
        }
        return vectors;
      }),
    dispose: () =>
      serial(async () => {
        if (disposed) return;
        disposed = true;
        encodings.clear();
        await extractor.dispose();
      }),
  };
}
