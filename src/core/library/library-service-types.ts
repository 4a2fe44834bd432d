// The Library as the app sees it: add files (each a job with progress and cancel), ask,
// open a cited passage, manage the index. Implemented in library-service.ts over the ingest
// and library workers and storage; the UI reads documents and collections through storage's
// live queries and everything else through this interface.
import type { Chunk } from '../../storage';
import type { Transcript } from '../voice/types';
import type { IngestProblem } from '../ingest/types';
import type { ExtractiveAnswer, Passage, RetrievalQuery } from '../rag/types';

export type LibraryJobStage =
  | 'queued'
  | 'parsing' // ingest worker: sniff + parse
  | 'transcribing' // speech worker: progress = windows done
  | 'captioning' // vision worker: an image, or a video's frames
  | 'recognising' // vision worker: OCR of an image or of scanned PDF pages
  | 'chunking'
  | 'embedding' // library worker: progress = chunks embedded / chunks
  | 'done'
  | 'failed'
  | 'cancelled';

/**
 * One file being added, a kept document processed again (a model arrived), or one re-index;
 * also stored as a `jobs` row (kind 'ingest' | 'process' | 'reindex').
 */
export interface LibraryJob {
  id: string;
  kind: 'ingest' | 'process' | 'reindex';
  /** The document being added or processed, absent for a re-index. */
  documentId?: string;
  /** File name, with its folder path when it came from a folder ("notes/2024/a.pdf"). */
  label: string;
  stage: LibraryJobStage;
  /** 0..1 within the whole job. */
  progress: number;
  /** Set when failed or cancelled; warnings of a finished job are on the document. */
  problem?: IngestProblem;
  startedAt: number;
}

/** A file to add, with the folder path it came from when a folder was dropped or picked. */
export interface LibraryFileInput {
  file: File;
  /** "notes/2024/a.pdf" for folder input; absent for single files. */
  relativePath?: string;
}

export interface LibraryIndexStatus {
  documents: number;
  chunks: number;
  /** Chunks that have a vector from the current embedding model. */
  embeddedChunks: number;
  /** null: no embedding model installed or chosen → keyword search only (still cited). */
  embeddingModelId: string | null;
  /** Embeddings computed by this tab's library worker since it started (tests: a reload must not re-embed). */
  embeddedThisSession: number;
}

/** What the side panel shows for a citation: the passage and its neighbours on the same page or sheet. */
export interface PassageContext {
  passage: Passage;
  before: Chunk[];
  after: Chunk[];
}

/** Options of one drop or pick of files. */
export interface AddFilesOptions {
  collectionIds?: readonly string[];
  /** Frames per second sampled from videos, 1–5 (default 1). */
  videoFps?: number;
}

/** A transcript made elsewhere (the Transcribe view), saved as a cited Library document. */
export interface TranscriptInput {
  /** The recording's file name ("interview.mp3"): the document's name. */
  name: string;
  transcript: Transcript;
  /** The recording itself, kept with the document when given. */
  source?: Blob;
  collectionIds?: readonly string[];
}

export interface LibraryService {
  /** Queues one job per file and returns their ids at once; jobs run in the background. */
  addFiles(inputs: readonly LibraryFileInput[], options?: AddFilesOptions): Promise<string[]>;
  /**
   * Saves a transcript as a time-coded document and indexes it; resolves its document id once
   * it is ready (rejects, leaving nothing, when indexing fails).
   */
  addTranscript(input: TranscriptInput): Promise<string>;
  /**
   * Processes a document kept waiting for a model (or with parts left out) from its stored
   * file, as a job; returns the job id, or null when there is nothing to process.
   */
  processWaiting(documentId: string): Promise<string | null>;
  /** processWaiting for every waiting document that has its file kept; returns the job ids. */
  processAllWaiting(): Promise<string[]>;
  cancel(jobId: string): void;
  /** Live job list (running first, then the last finished ones); returns an unsubscribe. */
  watchJobs(listener: (jobs: readonly LibraryJob[]) => void): () => void;
  /** Removes the document, its chunks, and its entries in both indexes. */
  removeDocument(documentId: string): Promise<void>;
  search(query: RetrievalQuery): Promise<Passage[]>;
  /** Extractive answer: works with no chat model and no embedding model. */
  answer(query: RetrievalQuery): Promise<ExtractiveAnswer>;
  passageContext(chunkId: string): Promise<PassageContext | null>;
  indexStatus(): Promise<LibraryIndexStatus>;
  /** Chooses the embedding model (null: keyword only) and re-indexes as a job; returns the job id. */
  setEmbeddingModel(modelId: string | null): Promise<string | null>;
}
