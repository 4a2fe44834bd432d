/**
 * The model catalog: the one frozen registry of every model Omnia can install, like
 * transformers.js's frozen task registry. Model ids live here and in the catalog-* files
 * beside it, nowhere else (STYLE.md); the rest of the app asks for entries by id or task.
 */
import { WEB_LLM_CHAT_ENTRIES } from './catalog-chat';
import { TRANSFORMERS_CHAT_ENTRIES } from './catalog-chat-onnx';
import { FIXTURE_ENTRIES } from './catalog-fixtures';
import { MEDIA_ENTRIES } from './catalog-media';
import { deepFreeze, type CatalogEntry, type ModelTask } from './catalog-types';

export type {
  CatalogEntry,
  CatalogFile,
  EngineKind,
  ModelNeeds,
  ModelTask,
  SizeSource,
  Tier,
  WebLlmBuild,
} from './catalog-types';
export { supportsLanguage } from './catalog-types';

export class UnknownModelError extends Error {
  constructor(readonly modelId: string) {
    super(`No model with id "${modelId}" in the catalog`);
    this.name = 'UnknownModelError';
  }
}

export class DuplicateModelIdError extends Error {
  constructor(readonly modelId: string) {
    super(`Model id "${modelId}" appears twice in the catalog`);
    this.name = 'DuplicateModelIdError';
  }
}

function buildCatalog(entries: readonly CatalogEntry[]): readonly CatalogEntry[] {
  const seen = new Set<string>();
  for (const entry of entries) {
    // Stored settings and installs refer to ids, so a clash must fail at load, not later.
    if (seen.has(entry.id)) throw new DuplicateModelIdError(entry.id);
    seen.add(entry.id);
  }
  return deepFreeze([...entries]);
}

export const CATALOG: readonly CatalogEntry[] = buildCatalog([
  ...WEB_LLM_CHAT_ENTRIES,
  ...TRANSFORMERS_CHAT_ENTRIES,
  ...MEDIA_ENTRIES,
  ...FIXTURE_ENTRIES,
]);

const BY_ID: ReadonlyMap<string, CatalogEntry> = new Map(CATALOG.map((e) => [e.id, e]));

/** The entry for `id`; throws UnknownModelError for an id the catalog does not know. */
export function getModel(id: string): CatalogEntry {
  const entry = BY_ID.get(id);
  if (!entry) throw new UnknownModelError(id);
  return entry;
}

/** Whether `id` names a catalog entry (for ids read back from storage). */
export function hasModel(id: string): boolean {
  return BY_ID.has(id);
}

export interface ListModelsOptions {
  task?: ModelTask;
  /** Test fixtures are hidden unless the developer flag asks for them. */
  includeFixtures?: boolean;
}

/**
 * Catalog entries in catalog order, optionally for one task.
 * @example listModels({ task: 'embedding' }) // real embedders, no fixtures
 */
export function listModels(options: ListModelsOptions = {}): readonly CatalogEntry[] {
  const { task, includeFixtures = false } = options;
  return CATALOG.filter(
    (entry) =>
      (task === undefined || entry.task === task) && (includeFixtures || entry.fixture !== true),
  );
}
