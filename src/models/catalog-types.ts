/**
 * The shape of a catalog entry, apart from the data, so the entry files, the verdicts and the
 * tiers can share it without importing the catalog itself. Sizes are in bytes; hub listings
 * use decimal units (1 MB = 1,000,000 bytes), and the helpers here follow them.
 */

/** What a model is for. Text-to-speech and text-to-image come later (PRODUCT.md C15). */
export type ModelTask = 'chat' | 'embedding' | 'speech-to-text' | 'image-to-text' | 'ocr';

/** Which engine adapter loads it. */
export type EngineKind = 'web-llm' | 'transformers' | 'tesseract';

/** Speed against quality, picked per device by tiers.ts. */
export type Tier = 'fast' | 'balanced' | 'quality';

/**
 * How far a size can be trusted. Only 'exact' sizes may be used to reject a download; the
 * others size the quota check and the UI, and the downloader learns the real size as it goes.
 * - exact: byte counts from the file itself (or a manifest generated from it).
 * - listing: the weight files from the hub's file listing, rounded to three significant figures;
 *   small JSON files beside them may be estimated (they are far below the rounding error).
 * - estimate: derived (for example from the parameter count and the quantisation), not seen.
 */
export type SizeSource = 'exact' | 'listing' | 'estimate';

export interface CatalogFile {
  /** Path inside the repo at `revision`; a `*` marks a shard set (see `listedIn`). */
  path: string;
  size: number;
  /** Hex SHA-256 of the file; only where a published value was found, never guessed. */
  sha256?: string;
  /**
   * For a shard set: the manifest in the same repo that names each shard and its size
   * (MLC's ndarray-cache.json). `size` is then the total of those shards.
   */
  listedIn?: string;
}

export interface ModelNeeds {
  /** 'required': no WebGPU, no model. 'preferred': WASM works, slower. 'no': CPU by design. */
  webgpu: 'required' | 'preferred' | 'no';
  shaderF16: boolean;
  /** GPU memory the model takes when loaded (weights, KV cache, activations), in MB. */
  gpuMemoryMB?: number;
  /** System memory it takes on the WASM path, in MB. */
  memoryMB?: number;
}

/** web-llm's own record for a prebuilt MLC model, copied from its prebuiltAppConfig. */
export interface WebLlmBuild {
  /** web-llm's model_id, the key its engine is reloaded with. */
  modelId: string;
  lowResourceRequired: boolean;
  /** Features web-llm itself lists; q4f16 builds need shader-f16 whether listed or not. */
  requiredFeatures: readonly string[];
  /**
   * Where the compiled library is published, as a repo of its own: `libRepo` at `libRevision`,
   * file `libPath` (on GitHub for MLC's prebuilt libraries). The library is one of the entry's
   * files (its path in `files` is `libPath`), downloaded and verified like the weights.
   */
  libRepo: string;
  libRevision: string;
  libPath: string;
}

export interface CatalogEntry {
  /** Our stable id; it is what storage and settings keep, so it never changes. */
  id: string;
  task: ModelTask;
  engine: EngineKind;
  displayName: string;
  family: string;
  /** Parameter count as people write it ('1.5B', '360M'); null where it means nothing. */
  params: string | null;
  /** Hub repo id (owner/name). */
  repo: string;
  /** A commit when `revisionPinned`, else a branch name. */
  revision: string;
  revisionPinned: boolean;
  files: readonly CatalogFile[];
  /** Sum of `files[].size`, kept here so lists and quota checks need no arithmetic. */
  totalBytes: number;
  sizeSource: SizeSource;
  /** BCP-47 tags; 'multilingual' means broad coverage beyond the tags listed. */
  languages: readonly string[];
  needs: ModelNeeds;
  /** transformers.js dtype, or the MLC quantisation. */
  dtype?: string;
  contextWindow?: number;
  embeddingDim?: number;
  webllm?: WebLlmBuild;
  /**
   * An image-to-text model that also reads the text written in images (Florence-2's OCR task):
   * the Library uses it for scanned pages and images when no OCR language is installed. It
   * mirrors the adapter's `tasks` (a unit test checks the two agree).
   */
  readsImageText?: boolean;
  /** Test fixtures: hidden unless the developer flag is on. */
  fixture?: boolean;
  license: string;
  notes?: string;
}

export type CatalogEntryInput = Omit<CatalogEntry, 'totalBytes'>;

/** Fills in `totalBytes` so it can never disagree with the files. */
export function defineEntry(input: CatalogEntryInput): CatalogEntry {
  const totalBytes = input.files.reduce((sum, file) => sum + file.size, 0);
  return { ...input, totalBytes };
}

/** Decimal units, as the hub's listings print them. */
export const kB = (n: number): number => Math.round(n * 1_000);
export const MB = (n: number): number => Math.round(n * 1_000_000);
export const GB = (n: number): number => Math.round(n * 1_000_000_000);

/** Whether an entry can serve text in `language` (a BCP-47 primary tag such as 'pt'). */
export function supportsLanguage(entry: CatalogEntry, language: string): boolean {
  const primary = language.toLowerCase().split('-')[0] ?? '';
  return entry.languages.includes(primary) || entry.languages.includes('multilingual');
}

/** Object.freeze all the way down, so no caller can edit a shared registry by accident. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
