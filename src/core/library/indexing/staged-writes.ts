// Why this file exists: a long document's rows used to wait for its last embedded batch and
// then went to IndexedDB in one large transaction, with the library worker idle meanwhile.
// Here its chunk rows are written as soon as it is chunked, and its vectors as batches come
// out of the embedder — one write in flight at a time, each taking every vector embedded
// since the last, so writes never queue up behind the model's work. IndexedDB stores them
// beside the worker's thread; the add then commits only what is left, with the version.
import { putVectors, type Chunk } from '../../../storage';
import { stageDocumentChunks } from '../../../storage/chunks-repo';
import { vectorRows } from './rows';

/**
 * Starts writing `chunks` (all of one document, about to be embedded by `modelId`).
 * @example const staging = stageDocument(chunks, modelId); staging.vectorsEmbedded(0, batch);
 */
export function stageDocument(chunks: readonly Chunk[], modelId: string) {
  const staged: ReadonlySet<string> = new Set(chunks.map((c) => c.id));
  const stagedVectors = new Set<string>();
  let failure: { error: unknown } | null = null;
  const fail = (error: unknown): void => void (failure ??= { error });
  const writes: Promise<void>[] = [stageDocumentChunks(chunks).catch(fail)];
  let waiting: { start: number; vectors: readonly Float32Array[] }[] = [];
  let inFlight = false;

  const writeWaiting = (): void => {
    if (inFlight || waiting.length === 0 || failure) return;
    const rows = waiting.flatMap(({ start, vectors }) =>
      vectorRows(chunks.slice(start, start + vectors.length), modelId, vectors),
    );
    waiting = [];
    inFlight = true;
    const written = putVectors(rows).then(
      () => {
        for (const row of rows) stagedVectors.add(row.chunkId);
        inFlight = false;
        writeWaiting();
      },
      (error: unknown) => {
        inFlight = false;
        fail(error);
      },
    );
    writes.push(written);
  };

  return {
    /** Every chunk of the document: its rows are being written. */
    staged,
    /** Chunks whose vectors are stored (once `settled`). */
    stagedVectors: stagedVectors as ReadonlySet<string>,
    /** Vectors of chunks[start…] came out of the embedder: written when no write is in flight. */
    vectorsEmbedded(start: number, vectors: readonly Float32Array[]): void {
      waiting.push({ start, vectors });
      writeWaiting();
    },
    /** Waits for every write started (vectors still waiting are left to the commit). */
    async settled(): Promise<void> {
      for (let i = 0; i < writes.length; i++) await writes[i];
      if (failure) throw failure.error;
    },
  };
}

export type StagedDocument = ReturnType<typeof stageDocument>;
