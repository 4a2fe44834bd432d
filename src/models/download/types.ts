/**
 * Contracts of the model download manager: where bytes live (`ByteStore`: OPFS in the
 * browser, a folder in Node), where install statuses are remembered (`InstallStore`: Dexie in
 * the browser, memory in tests), and the records both keep. The manager itself
 * (download-manager.ts) only talks to these interfaces and to `fetch`, so the same code is
 * tested in Node against the real relay and runs in the browser's download worker.
 */

/** Where a model's files come from. All of them end in the same verified cache. */
export type SourceKind = 'hub' | 'relay' | 'imported';

/** Persisted status of a model on this device. 'paused' includes "interrupted" (tab closed). */
export type InstallStatus = 'available' | 'downloading' | 'paused' | 'installed' | 'failed';

/** Why a download failed, so the UI can say what to do. */
export type DownloadErrorKind =
  /** Not enough free storage: the message says how much is needed and how much is free. */
  | 'quota'
  /** The source answered, but with something else than the file (an HTML page, 404, 5xx). */
  | 'bad-response'
  /** Size or SHA-256 did not match after download (the file was evicted). */
  | 'verification'
  /** The network went away or the source could not be reached. */
  | 'network'
  /** Another tab is downloading this model (Web Locks). */
  | 'locked'
  | 'aborted'
  | 'failed';

export interface DownloadErrorInfo {
  kind: DownloadErrorKind;
  /** One or two sentences a person can act on, in English (the UI maps `kind` to its locale). */
  message: string;
  /** The file it happened on, when it is about one file. */
  path?: string;
}

export type FileState = 'pending' | 'partial' | 'verified';

export interface InstallFileRecord {
  /** Path inside the repo, e.g. 'onnx/model_quantized.onnx'. */
  path: string;
  /** Expected size: from the catalog when exact, else learned from the source; null unknown. */
  size: number | null;
  /** Expected SHA-256 (hex): from the catalog, or advertised by the source (a 64-hex ETag). */
  sha256?: string;
  /** The source's validator for If-Range, so a resumed file is the same file. */
  etag?: string;
  bytesDone: number;
  state: FileState;
}

/** One row per model that was ever installed or started; 'available' models have no row. */
export interface InstallRecord {
  modelId: string;
  status: Exclude<InstallStatus, 'available'>;
  source: SourceKind;
  /** Base URL the files were fetched from (hub or relay), absent for imports. */
  sourceUrl?: string;
  revision: string;
  files: InstallFileRecord[];
  bytesDone: number;
  /** Sum of known sizes; grows as sizes are learned. */
  bytesTotal: number;
  error?: DownloadErrorInfo;
  startedAt: number;
  updatedAt: number;
  installedAt?: number;
}

export interface InstallStore {
  get(modelId: string): Promise<InstallRecord | undefined>;
  put(record: InstallRecord): Promise<void>;
  delete(modelId: string): Promise<void>;
  list(): Promise<InstallRecord[]>;
}

export interface StoredFileKey {
  modelId: string;
  path: string;
}

/** Appends bytes to one stored file; `position` is the file's size so far. */
export interface ByteWriter {
  readonly position: number;
  write(chunk: Uint8Array): Promise<void>;
  /** Makes what was written durable (OPFS flush), so a killed tab resumes from here. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** Model bytes on this device. Paths are the repo paths; a model's files sit under its id. */
export interface ByteStore {
  /** Bytes stored for the file (partial or whole), or null when there is none. */
  size(key: StoredFileKey): Promise<number | null>;
  /** Opens for appending at the current end; `truncateTo` first cuts the file (0 restarts). */
  openWriter(key: StoredFileKey, options?: { truncateTo?: number }): Promise<ByteWriter>;
  /** The stored bytes as a Blob (for hashing and for engines); null when absent. */
  read(key: StoredFileKey): Promise<Blob | null>;
  /**
   * The file was verified: move it to where its engine reads it, if that is elsewhere (web-llm
   * reads its own Cache API store). Stores that serve engines directly leave it out.
   */
  seal?(key: StoredFileKey): Promise<void>;
  remove(key: StoredFileKey): Promise<void>;
  removeModel(modelId: string): Promise<void>;
  /** Every stored file, for "repair cache" to find orphans. */
  list(): Promise<StoredFileKey[]>;
}

/** Progress of one model's download, emitted often (throttled) while it runs. */
export interface DownloadProgress {
  modelId: string;
  status: InstallStatus;
  bytesDone: number;
  bytesTotal: number;
  /** Bytes per second over the last few seconds; 0 when unknown. */
  bytesPerSecond: number;
  /** Seconds left at the current speed; null when unknown. */
  secondsLeft: number | null;
  /** The file being fetched or verified, and its own figures. */
  file?: { path: string; bytesDone: number; bytesTotal: number | null; phase: 'fetch' | 'verify' };
  files: readonly InstallFileRecord[];
  error?: DownloadErrorInfo;
}
