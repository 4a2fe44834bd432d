// Why this file exists: adding one parsed document to the Library, as the library worker does
// it. The document is chunked in the embedder's own tokens (estimated when there is none); its
// chunks are embedded in batches while their rows are written to storage (a long document's
// rows no longer wait for its last batch), then the vectors are committed with the library
// version and everything is indexed in memory. An add that fails or is
// cancelled takes back what it wrote. Nothing here reads or rewrites the rest of the library,
// so an add costs the same in a library of 10 documents or of 10,000.
import { chunkDocument, chunkOptionsFor, estimateTokenCounts } from '../../ingest/chunk';
import type { ParsedDocument } from '../../ingest/types';
import type { Serial } from '../../../models/engines/serial';
import type { Embedder } from '../../../models/engines/types';
import { deleteDocumentChunks, getDocument, type Chunk } from '../../../storage';
import { throwIfAborted, type TaskProgress } from '../../../workers/rpc';
import { embedInBatches } from './embedding';
import { advance, replaceDocument, type LibraryIndexes, type VectorIndexSource } from './indexes';
import { vectorRows, WORKER_NAME } from './rows';
import { stageDocument, type StagedDocument } from './staged-writes';

/** What an add needs of the engine that runs it. */
export interface AddContext {
  /** The engine's lock: index changes are serialised with searches and other adds. */
  lock: Serial;
  /** The indexes for the stored library now. Call holding the lock. */
  fresh(): Promise<LibraryIndexes>;
  newIndex: VectorIndexSource;
  /** Texts per embed call (progress, cancel and storing happen between batches). */
  batchSize: number;
  onEmbedded(count: number): void;
  /** The library changed: schedule the keyword snapshot. */
  onChanged(): void;
  now(): number;
}

export interface AddRequest {
  documentId: string;
  parsed: ParsedDocument;
  /** The loaded embedder and its model (null: keyword only). */
  embedder: { model: Embedder; modelId: string } | null;
  signal: AbortSignal;
  onProgress?: ((p: TaskProgress) => unknown) | undefined;
}

async function chunksOf(request: AddRequest): Promise<Chunk[]> {
  const { documentId, embedder } = request;
  const options = embedder
    ? chunkOptionsFor(embedder.model.maxTokens, (texts) => embedder.model.countTokens(texts))
    : chunkOptionsFor(null, estimateTokenCounts);
  const drafts = await chunkDocument(request.parsed, options);
  return drafts.map((d) => ({ ...d, id: `${documentId}:${d.order}`, documentId }));
}

/** Embeds every chunk, in batches; batches but the last are handed to `staging` to store. */
async function embedChunks(
  ctx: AddContext,
  request: AddRequest,
  chunks: readonly Chunk[],
  staging: StagedDocument | null,
): Promise<Float32Array[]> {
  if (!request.embedder) return [];
  const vectors: Float32Array[] = [];
  await embedInBatches({
    embedder: request.embedder.model,
    texts: chunks.map((c) => c.text),
    batchSize: ctx.batchSize,
    signal: request.signal,
    onProgress: request.onProgress,
    onBatch: (start, batch) => {
      vectors.push(...batch);
      ctx.onEmbedded(batch.length);
      if (staging && start + batch.length < chunks.length) staging.vectorsEmbedded(start, batch);
    },
  });
  return vectors;
}

/** Deletes whatever the failed add wrote, and takes the document out of the indexes. */
async function takeBack(ctx: AddContext, documentId: string, staging: StagedDocument) {
  await staging.settled().catch(() => undefined);
  try {
    await ctx.lock(async () => {
      const state = await ctx.fresh();
      const { chunkIds, version } = await deleteDocumentChunks(documentId);
      state.keyword.removeDocument(documentId);
      state.vector?.remove(chunkIds);
      advance(state, version);
    });
    ctx.onChanged();
  } catch (error) {
    console.warn('Omnia: could not take back the passages of a failed add', error);
  }
}

/**
 * Chunks, embeds (cancellable between batches) and stores `request.parsed`, then indexes it.
 * @example await addParsedDocument(ctx, { documentId, parsed, embedder: null, signal });
 */
export async function addParsedDocument(
  ctx: AddContext,
  request: AddRequest,
): Promise<{ chunkCount: number; embedded: boolean }> {
  const { documentId, embedder } = request;
  const chunks = await chunksOf(request);
  throwIfAborted(request.signal, WORKER_NAME);
  // Worth a second transaction only when embedding takes more than one batch.
  const staging =
    embedder && chunks.length > ctx.batchSize ? stageDocument(chunks, embedder.modelId) : null;
  const named = getDocument(documentId).then((d) => d?.name ?? documentId);
  named.catch(() => undefined); // awaited below, after embedding
  try {
    const vectors = await embedChunks(ctx, request, chunks, staging);
    const name = await named;
    const rows = embedder ? vectorRows(chunks, embedder.modelId, vectors) : [];
    await staging?.settled();
    await ctx.lock(async () => {
      const state = await ctx.fresh();
      // The last moment a cancel can still leave nothing behind.
      throwIfAborted(request.signal, WORKER_NAME);
      const content = {
        documentId,
        documentName: name,
        chunks,
        rows,
        staged: staging?.staged,
        stagedVectors: staging?.stagedVectors,
      };
      await replaceDocument(state, content, ctx.newIndex, ctx.now());
    });
  } catch (error) {
    if (staging) await takeBack(ctx, documentId, staging);
    throw error;
  }
  ctx.onChanged();
  return { chunkCount: chunks.length, embedded: embedder !== null };
}
