// Why this file exists: how the library worker picks, loads and runs its embedding model.
// The model is the person's choice, or the first installed embedding model when they never
// chose, or none (keyword search only); a loaded model is kept for the next call; texts go
// through in batches so progress is reported and a cancel stops between two batches.
import { getSetting } from '../../../storage';
import { EngineError } from '../../../models/engines/errors';
import type { Embedder } from '../../../models/engines/types';
import { WORKER_NAME } from './rows';
import { createProgressReporter } from '../../../workers/progress';
import { throwIfAborted, type TaskProgress } from '../../../workers/rpc';

/** Setting → auto (first installed embedding model, catalog order) → null (keyword only). */
export async function resolveEmbeddingModel(
  installedEmbeddingModels: () => Promise<string[]>,
): Promise<string | null> {
  const chosen = await getSetting('libraryEmbeddingModelId');
  if (chosen === null) return null;
  const installed = await installedEmbeddingModels();
  if (chosen === undefined) return installed[0] ?? null;
  return installed.includes(chosen) ? chosen : null;
}

export interface EmbedderCache {
  /** The loaded embedder of `modelId`, loading it on first use (a failed load is retried next time). */
  get(modelId: string, signal: AbortSignal): Promise<Embedder>;
  /** Disposes every loaded embedder but `modelId`'s. */
  disposeExcept(modelId: string | null): Promise<void>;
}

export function createEmbedderCache(
  load: (modelId: string, signal: AbortSignal) => Promise<Embedder>,
): EmbedderCache {
  const loaded = new Map<string, Promise<Embedder>>();
  return {
    get(modelId, signal) {
      const existing = loaded.get(modelId);
      if (existing) return existing;
      const started = load(modelId, signal);
      loaded.set(modelId, started);
      started.catch(() => {
        if (loaded.get(modelId) === started) loaded.delete(modelId);
      });
      return started;
    },
    async disposeExcept(modelId) {
      for (const [id, loading] of [...loaded]) {
        if (id === modelId) continue;
        loaded.delete(id);
        await loading.then((e) => e.dispose()).catch(() => undefined);
      }
    },
  };
}

/** Marks a model's file as missing, so the Models view says it needs repair. */
export type ReportMissingFile = (modelId: string, path: string) => Promise<unknown>;

/**
 * The loaded embedder of `modelId`, or null when one of its verified files is really missing
 * (EngineError 'missing-file'; a read that merely failed is 'load-failed' and is thrown):
 * the model is then marked as needing repair (the Models view names the file; installing again
 * fetches only it) and the caller goes on keyword only, so nothing the person adds is lost and
 * the vectors are filled in once the model is repaired.
 */
export async function embedderUnlessMissing(
  cache: EmbedderCache,
  modelId: string,
  signal: AbortSignal,
  reportMissing: ReportMissingFile,
): Promise<Embedder | null> {
  try {
    return await cache.get(modelId, signal);
  } catch (error) {
    if (!(error instanceof EngineError) || error.reason !== 'missing-file') throw error;
    console.warn(`Omnia: ${error.message} The Library searches by keyword until it is repaired.`);
    await reportMissing(modelId, error.path ?? '').catch((reportError: unknown) =>
      console.warn('Omnia: could not mark the model for repair', reportError),
    );
    return null;
  }
}

export interface EmbedInBatchesRequest {
  embedder: Embedder;
  texts: readonly string[];
  batchSize: number;
  signal: AbortSignal;
  onProgress: ((p: TaskProgress) => unknown) | undefined;
  /** Called with each batch's vectors (texts[start…]) before the next batch starts. */
  onBatch: (start: number, vectors: Float32Array[]) => void | Promise<void>;
}

/**
 * Embeds `texts` batch by batch, reporting progress in texts, stopping between batches when
 * `signal` aborts (TaskAbortedError); the final progress report arrives before it returns.
 */
export async function embedInBatches(request: EmbedInBatchesRequest): Promise<void> {
  const { embedder, texts, batchSize, signal } = request;
  const progress = createProgressReporter(request.onProgress, texts.length);
  for (let start = 0; start < texts.length; start += batchSize) {
    throwIfAborted(signal, WORKER_NAME);
    const vectors = await embedder.embed(texts.slice(start, start + batchSize), { signal });
    await request.onBatch(start, vectors);
    progress.update(start + vectors.length);
  }
  throwIfAborted(signal, WORKER_NAME);
  await progress.finish();
}
