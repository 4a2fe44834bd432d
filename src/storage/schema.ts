// The ONE place where Omnia's IndexedDB tables and their version history are declared.
// Published versions are append-only (tests/unit/storage/schema-history.json guards them):
// to change a table, add a version with a named upgrade function, a migration seed in
// tests/unit/storage/migration-harness.ts, and an export row upgrade in export-upgrades.ts.
// A migration never drops user data.
import { type Transaction } from 'dexie';

/** Table names as stored in IndexedDB: do not change without a migration. */
export const TABLES = {
  conversations: 'conversations',
  messages: 'messages',
  documents: 'documents',
  chunks: 'chunks',
  collections: 'collections',
  settings: 'settings',
  jobs: 'jobs',
  events: 'events',
  researchSessions: 'researchSessions',
  documentSources: 'documentSources',
  promptTemplates: 'promptTemplates',
  promptVersions: 'promptVersions',
  promptRuns: 'promptRuns',
  promptOutputs: 'promptOutputs',
} as const;

export type TableName = (typeof TABLES)[keyof typeof TABLES];

/** Every table name, in TABLES order (the order exports are written in). */
export const TABLE_NAMES: readonly TableName[] = Object.values(TABLES);

/**
 * State of this device rather than the person's data: which model files are downloaded and
 * verified (the bytes themselves live in the Origin Private File System), and the Library's
 * vectors and index snapshot (computed here from the person's documents). Exports never carry
 * them: install rows mean nothing without the bytes on this device, and vectors are recomputed
 * after an import. Same naming rule as TABLES.
 */
export const DEVICE_TABLES = {
  modelInstalls: 'modelInstalls',
  chunkVectors: 'chunkVectors',
  libraryIndex: 'libraryIndex',
} as const;

export type DeviceTableName = (typeof DEVICE_TABLES)[keyof typeof DEVICE_TABLES];

/**
 * Device tables derived from the person's data. Import and "delete my data" clear them with
 * the data they came from (a vector must never outlive its chunk); model installs stay, as
 * models are deleted from the Models view.
 */
export const DERIVED_TABLES: readonly DeviceTableName[] = [
  DEVICE_TABLES.chunkVectors,
  DEVICE_TABLES.libraryIndex,
];

export interface SchemaVersion {
  version: number;
  /** Dexie store specs; `null` deletes a table (only after its rows were moved elsewhere). */
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/** Append-only. Never index booleans: IndexedDB cannot. */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      [TABLES.conversations]: 'id, updatedAt, createdAt',
      [TABLES.messages]: 'id, conversationId, [conversationId+createdAt], createdAt',
      [TABLES.documents]: 'id, addedAt, status, *collectionIds',
      [TABLES.chunks]: 'id, documentId, [documentId+order]',
      [TABLES.collections]: 'id, name',
      [TABLES.settings]: 'key',
      [TABLES.jobs]: 'id, kind, status, updatedAt',
      [TABLES.events]: '++id, at, kind',
    },
  },
  {
    // v2: model downloads survive reloads and killed tabs (resume, verify, repair).
    version: 2,
    stores: {
      [DEVICE_TABLES.modelInstalls]: 'modelId, status, updatedAt',
    },
  },
  {
    // v3: the Library — research sessions (the person's data), and per-device embeddings and
    // keyword-index snapshots so a reload does not re-embed. Only new tables: nothing moves.
    version: 3,
    stores: {
      [TABLES.researchSessions]: 'id, updatedAt',
      [DEVICE_TABLES.chunkVectors]: 'chunkId, documentId, modelId',
      [DEVICE_TABLES.libraryIndex]: 'key',
    },
  },
  {
    // v4: voice and vision — the original bytes of media documents and of PDFs with pages that
    // need OCR, kept so they can be processed when a model is installed later. A new table only.
    version: 4,
    stores: {
      [TABLES.documentSources]: 'documentId',
    },
  },
  {
    // v5: documents indexed by content hash, so the duplicate check of an added file is one
    // lookup rather than a read of every document. Dexie builds the index over the rows
    // already there; nothing moves.
    version: 5,
    stores: {
      [TABLES.documents]: 'id, addedAt, status, *collectionIds, sha256',
    },
  },
  {
    // v6: Prompt Studio — templates, their immutable versions, test runs and their outputs.
    // New tables only: nothing moves.
    version: 6,
    stores: {
      [TABLES.promptTemplates]: 'id, updatedAt',
      [TABLES.promptVersions]: 'id, templateId, [templateId+number]',
      [TABLES.promptRuns]: 'id, templateId, createdAt',
      [TABLES.promptOutputs]: 'id, runId, templateId',
    },
  },
];

function lastVersion(): number {
  const last = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1];
  if (!last) throw new Error('SCHEMA_VERSIONS is empty');
  return last.version;
}

export const CURRENT_SCHEMA_VERSION: number = lastVersion();

/** The tables (name → store spec) that exist once `version` has been applied. */
export function storesAt(
  version: number,
  versions: readonly SchemaVersion[] = SCHEMA_VERSIONS,
): Record<string, string> {
  const stores: Record<string, string> = {};
  for (const v of versions) {
    if (v.version > version) break;
    for (const [name, spec] of Object.entries(v.stores)) {
      if (spec === null) delete stores[name];
      else stores[name] = spec;
    }
  }
  return stores;
}

export interface PrimaryKey {
  keyPath: string;
  autoIncrement: boolean;
}

/**
 * Reads the primary key out of a Dexie store spec such as `'++id, at'` or `'key'`.
 * Export and import rely on every row carrying its own key, so outbound, compound and
 * nested keys are refused here rather than silently exported without their keys.
 */
export function primaryKeyOf(storeSpec: string): PrimaryKey {
  const first = (storeSpec.split(',')[0] ?? '').trim();
  const autoIncrement = first.startsWith('++');
  const keyPath = autoIncrement ? first.slice(2) : first;
  if (!/^[A-Za-z_$][\w$]*$/.test(keyPath)) {
    throw new Error(`Unsupported primary key '${first}': export needs a plain inline key`);
  }
  return { keyPath, autoIncrement };
}
