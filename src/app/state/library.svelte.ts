/**
 * The Library's state. One LibraryService for the whole tab (the chat reuses it through
 * `libraryService()`), created on first use so a visit that never opens the Library starts no
 * worker. Documents and collections come from storage's live queries (so other tabs' changes
 * show), jobs from the service, and the index status is asked again whenever a job ends.
 */
import { clampFps } from '../../core/library/library-media-actions';
import { createLibraryService, type LibraryServiceImpl } from '../../core/library/library-service';
import { DEFAULT_VIDEO_FPS } from '../../core/library/media-steps';
import type {
  LibraryFileInput,
  LibraryIndexStatus,
  LibraryJob,
} from '../../core/library/library-service-types';
import type { CatalogEntry } from '../../models/catalog';
import {
  CollectionNameError,
  createCollection,
  MAX_COLLECTION_NAME_LENGTH,
  deleteCollection,
  renameCollection,
  setDocumentCollections,
  watchCollections,
  watchDocuments,
  type Collection,
  type CollectionNameErrorKind,
  type DocumentRecord,
} from '../../storage';
import type { MediaPorts } from '../../core/library/ports';
import { createIngestClient, type IngestClient } from '../../workers/ingest-client';
import { createLibraryClient, type LibraryClient } from '../../workers/library-client';
import type { TaskProgress } from '../../workers/rpc';
import { decodeAudioFile } from '../media/decode-audio';
import { sampleVideoFrames, videoDuration } from '../media/sample-video';
import { installedModels, speechClient, visionClient } from './media-clients';
import { keepUnchanged } from './library-documents';
import { modelsState } from './models.svelte';
import { storageStatus } from './storage-status.svelte';

let service: LibraryServiceImpl | null = null;
let client: LibraryClient | null = null;

/** The tab's one library worker client (the service asks it too). */
function libraryClient(): LibraryClient {
  client ??= createLibraryClient();
  return client;
}

/** The media workers (started on first use) and the main thread's decoders, for the Library. */
function mediaPorts(ingest: IngestClient): MediaPorts {
  return {
    speech: speechClient(),
    vision: visionClient(),
    renderPdfPages: (file, pages, options) => ingest.renderPages(file, pages, options),
    decodeAudio: (blob, options) => decodeAudioFile(blob, options),
    videoDuration: (blob, options) => videoDuration(blob, options),
    sampleVideoFrames: (blob, times, options) => sampleVideoFrames(blob, times, options),
  };
}

/** The tab's one Library service (workers start on first use). */
export function libraryService(): LibraryServiceImpl {
  if (!service) {
    const ingest = createIngestClient();
    service = createLibraryService({
      ingest,
      library: libraryClient(),
      media: mediaPorts(ingest),
      newId: () => crypto.randomUUID(),
      now: Date.now,
    });
  }
  return service;
}

const FINISHED: ReadonlySet<LibraryJob['stage']> = new Set(['done', 'failed', 'cancelled']);

/** The embedding model loading in the library worker: which one, and how far (0..1). */
export interface EmbedderLoad {
  modelId: string;
  progress: number;
}

class LibraryState {
  #jobs = $state.raw<readonly LibraryJob[]>([]);
  #documents = $state.raw<readonly DocumentRecord[]>([]);
  #collections = $state.raw<readonly Collection[]>([]);
  #status = $state.raw<LibraryIndexStatus | null>(null);
  #documentsLoaded = $state(false);
  #videoFps = $state(DEFAULT_VIDEO_FPS);
  #embedderLoad = $state.raw<EmbedderLoad | null>(null);
  #finishedCount = -1;
  #started = false;
  #warming: Promise<void> | null = null;

  /** Starts the watches and the index catch-up; the view calls it on open (idempotent). */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    modelsState.start();
    const library = libraryService();
    watchDocuments((documents) => {
      this.#documents = keepUnchanged(this.#documents, documents);
      this.#documentsLoaded = true;
    });
    watchCollections((collections) => {
      this.#collections = collections;
    });
    library.watchJobs((jobs) => {
      this.#jobs = jobs;
      const finished = jobs.filter((j) => FINISHED.has(j.stage)).length;
      if (finished !== this.#finishedCount) {
        this.#finishedCount = finished;
        void this.refreshStatus();
        // An ingest writes the file, its passages and indexes: the header's figure follows.
        void storageStatus.refresh();
      }
    });
    // Embeds what a reload, an import or a model change left without vectors (a job).
    void library
      .ensureIndexed()
      .then(() => this.refreshStatus())
      .catch((error: unknown) => console.warn('Omnia: could not catch up the index', error));
    void this.refreshStatus();
    void this.warm();
  }

  /**
   * Has the library worker load its indexes, document list and embedding model now, so the
   * first question after a reload does not wait for them (once per tab; the Library view and a
   * chat that asks the Library call it). The model's load shows in `embedderLoad`.
   */
  warm(): Promise<void> {
    this.#warming ??= libraryClient()
      .warm((p: TaskProgress) => {
        this.#embedderLoad =
          p.text && p.progress < 1 ? { modelId: p.text, progress: p.progress } : null;
      })
      .then(() => undefined)
      .catch((error: unknown) => {
        // Not fatal: the first question loads what is missing (and says what failed).
        console.warn('Omnia: could not load the library indexes ahead', error);
        this.#warming = null;
      })
      .finally(() => {
        this.#embedderLoad = null;
      });
    return this.#warming;
  }

  /** The embedding model loading for the first answer by meaning (null: none loading). */
  get embedderLoad(): EmbedderLoad | null {
    return this.#embedderLoad;
  }

  get jobs(): readonly LibraryJob[] {
    return this.#jobs;
  }
  get documents(): readonly DocumentRecord[] {
    return this.#documents;
  }
  get documentsLoaded(): boolean {
    return this.#documentsLoaded;
  }
  get collections(): readonly Collection[] {
    return this.#collections;
  }
  get status(): LibraryIndexStatus | null {
    return this.#status;
  }

  /** Installed embedding models, in catalog order (fixtures only for developers). */
  get embeddingModels(): readonly CatalogEntry[] {
    return installedModels('embedding');
  }

  async refreshStatus(): Promise<void> {
    try {
      this.#status = await libraryService().indexStatus();
    } catch (error) {
      console.warn('Omnia: could not read the index status', error);
    }
  }

  async addFiles(
    inputs: readonly LibraryFileInput[],
    collectionId: string | null,
  ): Promise<string[]> {
    return libraryService().addFiles(inputs, {
      ...(collectionId ? { collectionIds: [collectionId] } : {}),
      videoFps: this.videoFps,
    });
  }

  /** Frames per second sampled from videos added next (1–5). */
  get videoFps(): number {
    return this.#videoFps;
  }
  set videoFps(fps: number) {
    this.#videoFps = clampFps(fps);
  }

  /** Runs a waiting (or partly processed) document from its kept file; false: nothing to do. */
  async processWaiting(documentId: string): Promise<boolean> {
    return (await libraryService().processWaiting(documentId)) !== null;
  }

  /** Processes every waiting document whose file is kept; returns how many jobs started. */
  async processAllWaiting(): Promise<number> {
    return (await libraryService().processAllWaiting()).length;
  }

  /** Adds a failed document again; false when its file is not kept in this tab any more. */
  async retry(documentId: string): Promise<boolean> {
    return (await libraryService().retry(documentId)) !== null;
  }

  cancel(jobId: string): void {
    libraryService().cancel(jobId);
  }

  async removeDocument(documentId: string): Promise<void> {
    await libraryService().removeDocument(documentId);
    await Promise.all([this.refreshStatus(), storageStatus.refresh()]);
  }

  async setEmbeddingModel(modelId: string | null): Promise<void> {
    await libraryService().setEmbeddingModel(modelId);
    await this.refreshStatus();
  }

  async setDocumentCollections(documentId: string, collectionIds: string[]): Promise<void> {
    await setDocumentCollections(documentId, collectionIds);
  }

  /** Creates a collection; returns the name problem instead when there is one. */
  async createCollection(name: string): Promise<CollectionNameErrorKind | null> {
    return nameProblem(() => createCollection(cleanName(name)));
  }

  async renameCollection(id: string, name: string): Promise<CollectionNameErrorKind | null> {
    return nameProblem(() => renameCollection(id, cleanName(name)));
  }

  async deleteCollection(id: string): Promise<void> {
    await deleteCollection(id);
  }
}

/** Spaces collapsed and cut to the longest name storage takes (a pasted paragraph still works). */
function cleanName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').slice(0, MAX_COLLECTION_NAME_LENGTH);
}

async function nameProblem(write: () => Promise<unknown>): Promise<CollectionNameErrorKind | null> {
  try {
    await write();
    return null;
  } catch (error) {
    if (error instanceof CollectionNameError) return error.kind;
    throw error;
  }
}

export const libraryState = new LibraryState();
