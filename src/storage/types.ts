// Row shapes for every table Omnia keeps in IndexedDB. They live apart from schema.ts so the
// schema file stays a short, reviewable version history; the shapes are what the rest of
// the app imports (through the storage barrel), never the tables themselves.

/** A chat thread. Booleans are not indexed: IndexedDB cannot index them. */
export interface Conversation {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  pinned: boolean;
  archived: boolean;
  personaId?: string;
  modelId?: string;
  /** With libraryScope 'collections': the collections this conversation asks. */
  collectionIds: string[];
  /** Which Library documents answers may use; absent: none (conversations before the Library). */
  libraryScope?: 'none' | 'all' | 'collections';
  /** Sampling for this conversation; absent: the person's defaults. */
  params?: GenerationParamsRow;
  /** The message the view shows the branch of (edits and regenerations make a tree). */
  leafId?: string;
  /** Who wrote the title: derived from the text, written by the model, or typed by the person. */
  titleSource?: 'text' | 'model' | 'user';
}

export interface GenerationParamsRow {
  temperature: number;
  topP: number;
  maxNewTokens: number;
}

export type ChatRole = 'system' | 'user' | 'assistant';

/** One turn; `parentId` makes branches (edits, regenerations) a tree, not a list. */
export interface ChatMessage {
  id: string;
  conversationId: string;
  parentId: string | null;
  role: ChatRole;
  content: string;
  createdAt: number;
  modelId?: string;
  personaId?: string;
  params?: GenerationParamsRow;
  tokens?: { prompt: number; completion: number };
  /** tokensPerSecond is the decode rate; prefill was added later, so older rows lack it. */
  timings?: {
    firstTokenMs: number;
    tokensPerSecond: number;
    totalMs: number;
    prefillTokensPerSecond?: number;
  };
  /** Library passages the answer was given, numbered as the answer cites them ([1], [2]…). */
  citations?: MessageCitation[];
  rating?: { stars: 1 | 2 | 3 | 4 | 5; comment?: string };
  attachments?: {
    name: string;
    mimeType: string;
    data: Blob;
    /**
     * What the image-to-text model said about it (an image in chat); absent: not described.
     * `question` is set when the model read the person's question and `text` is its answer
     * (a VLM); without it, `text` is a description.
     */
    caption?: { text: string; modelId: string; question?: string };
  }[];
  /**
   * How an answer ended, set once generation is over: an assistant message without it was
   * interrupted (tab closed mid-answer) and keeps what had been saved.
   */
  generation?: {
    /**
     * 'device-lost': the GPU went away mid-answer (device lost, or out of GPU memory); the
     * content is what was written before it. Added later: older rows never have it.
     */
    finishReason: 'stop' | 'length' | 'aborted' | 'error' | 'device-lost';
    /** Older turns left out so the prompt fit the model's context window. */
    droppedTurns: number;
    device: string;
    /** The sampling the engine really used (absent when generation failed). */
    applied?: { maxNewTokens: number | null; temperature: number; topP: number | null };
    error?: string;
  };
}

/** A passage an answer was given; enough to show it even after its document is deleted. */
export interface MessageCitation {
  index: number;
  documentId: string;
  chunkId: string;
  documentName?: string;
  page?: number;
  sheet?: string;
  rows?: [number, number];
  section?: string;
  /** Seconds from the start of the audio or video, start and end (transcripts, video). */
  time?: [number, number];
  /** The passage text as the model saw it. */
  text?: string;
}

/**
 * 'waiting': accepted, but its text needs a capability that is not there yet (OCR,
 * transcription, captions: the voice-and-vision features); it is kept and listed.
 */
export type DocumentStatus = 'queued' | 'processing' | 'ready' | 'waiting' | 'failed';

/** A problem or warning about a document, as core's IngestProblem (storage never imports core). */
export interface DocumentProblemRow {
  code: string;
  message: string;
  detail?: Record<string, string | number>;
}

/** A file the user added for retrieval; its text lives in `chunks`. */
export interface DocumentRecord {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  addedAt: number;
  documentDate?: number;
  status: DocumentStatus;
  error?: { kind: string; message: string; detail?: Record<string, string | number> };
  pageCount?: number;
  rowCount?: number;
  collectionIds: string[];
  sha256?: string;
  /** What the bytes are (core's DocumentKind: 'pdf', 'docx', …), found by sniffing. */
  kind?: string;
  /** Folder path when the file came from a dropped or picked folder ("notes/2024/a.pdf"). */
  relativePath?: string;
  title?: string;
  warnings?: DocumentProblemRow[];
  /** 1-based PDF pages with no text layer, waiting for OCR. */
  pagesNeedingOcr?: number[];
  /** Status 'waiting': which capability the document waits for. */
  waitingFor?: 'ocr' | 'transcription' | 'captioning' | 'video';
  chunkCount?: number;
}

/**
 * The original file of a media document (image, audio, video) or of a PDF with pages needing
 * OCR: what the Library processes again when a model arrives. One row per document.
 */
export interface DocumentSource {
  documentId: string;
  blob: Blob;
  name: string;
  mimeType: string;
  /** Video frames per second chosen when the file was added (1–5). */
  videoFps?: number;
}

/** A retrievable passage, with the reference a citation points back to. */
export interface Chunk {
  id: string;
  documentId: string;
  order: number;
  text: string;
  tokenCount: number;
  page?: number;
  sheet?: string;
  rows?: [number, number];
  section?: string;
  /** Seconds from the start of the audio or video, start and end (transcripts, video). */
  time?: [number, number];
}

export interface Collection {
  id: string;
  name: string;
  createdAt: number;
}

/**
 * A chunk's embedding from one model. Derived data of this device (DEVICE_TABLES): export
 * leaves it out and the library re-embeds after an import.
 */
export interface ChunkVectorRow {
  chunkId: string;
  documentId: string;
  modelId: string;
  vector: Float32Array;
}

/** Library index state of this device: the keyword index snapshot and a change counter. */
export interface LibraryIndexRow {
  key: 'keyword' | 'version';
  /** Bumped on every library change so other tabs' workers know to reload. */
  version: number;
  /** MiniSearch snapshot (key 'keyword'), taken at `version`. */
  json?: string;
  updatedAt: number;
}

/** Where a research point comes from (core's ResearchSource). */
export interface ResearchSourceRow {
  chunkId: string;
  documentId: string;
  documentName: string;
  page?: number;
  sheet?: string;
  rows?: [number, number];
  section?: string;
  /** Seconds from the start of the audio or video, start and end (transcripts, video). */
  time?: [number, number];
}

export interface ResearchPointRow {
  text: string;
  sources: ResearchSourceRow[];
}

/** What a research session produced: every point cited (core/research builds it). */
export interface ResearchNotesRow {
  summary: ResearchPointRow[];
  bullets: ResearchPointRow[];
  outline: { title: string; level: number; source: ResearchSourceRow }[];
  qa: { question: string; answer: ResearchPointRow }[];
}

/** C10: documents gathered for study, and the notes made from them; saved and reopened. */
export interface ResearchSession {
  id: string;
  title: string;
  documentIds: string[];
  language: 'en' | 'pt-BR';
  createdAt: number;
  updatedAt: number;
  notes: ResearchNotesRow;
}

/** Values are typed and validated by settings-repo, not here. */
export interface SettingRow {
  key: string;
  value: unknown;
}

export type JobStatus = 'queued' | 'running' | 'paused' | 'done' | 'failed' | 'cancelled';

/** Long work that must survive a reload: downloads, ingest, transcription, workflows. */
export interface Job {
  id: string;
  kind: string;
  status: JobStatus;
  progress: number;
  createdAt: number;
  updatedAt: number;
  error?: { kind: string; message: string };
  input?: unknown;
}

/** A local diagnostic event; `id` is assigned by the database. */
export interface AppEvent {
  id?: number;
  at: number;
  kind: string;
  data?: unknown;
}
