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
  collectionIds: string[];
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
  timings?: { firstTokenMs: number; tokensPerSecond: number; totalMs: number };
  citations?: { index: number; documentId: string; chunkId: string; page?: number }[];
  rating?: { stars: 1 | 2 | 3 | 4 | 5; comment?: string };
  attachments?: { name: string; mimeType: string; data: Blob }[];
  /**
   * How an answer ended, set once generation is over: an assistant message without it was
   * interrupted (tab closed mid-answer) and keeps what had been saved.
   */
  generation?: {
    finishReason: 'stop' | 'length' | 'aborted' | 'error';
    /** Older turns left out so the prompt fit the model's context window. */
    droppedTurns: number;
    device: string;
    /** The sampling the engine really used (absent when generation failed). */
    applied?: { maxNewTokens: number | null; temperature: number; topP: number | null };
    error?: string;
  };
}

export type DocumentStatus = 'queued' | 'processing' | 'ready' | 'failed';

/** A file the user added for retrieval; its text lives in `chunks`. */
export interface DocumentRecord {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  addedAt: number;
  documentDate?: number;
  status: DocumentStatus;
  error?: { kind: string; message: string };
  pageCount?: number;
  rowCount?: number;
  collectionIds: string[];
  sha256?: string;
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
}

export interface Collection {
  id: string;
  name: string;
  createdAt: number;
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
