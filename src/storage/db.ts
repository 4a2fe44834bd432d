// The Dexie database object. Only files in src/storage may import this: everything else
// goes through repository functions exported by the storage barrel (index.ts), so the
// database can change shape without the app noticing.
import Dexie, { type EntityTable } from 'dexie';
import type { InstallRecord } from '../models/download/types';
import type {
  PromptOutputRow,
  PromptRunRow,
  PromptTemplateRow,
  PromptVersionRow,
} from './prompt-types';
import { SCHEMA_VERSIONS } from './schema';
import { currentSpace, spaceDatabaseName, SPACE_DATABASES } from './space';
import {
  type AppEvent,
  type ChatMessage,
  type Chunk,
  type ChunkVectorRow,
  type Collection,
  type Conversation,
  type DocumentRecord,
  type DocumentSource,
  type Job,
  type LibraryIndexRow,
  type ResearchSession,
  type SettingRow,
} from './types';

/** The person's own database (a demo tab uses another one: space.ts). */
export const DB_NAME = SPACE_DATABASES.personal;

export class OmniaDatabase extends Dexie {
  // `declare` so class fields do not overwrite the tables Dexie attaches in stores().
  declare readonly conversations: EntityTable<Conversation, 'id'>;
  declare readonly messages: EntityTable<ChatMessage, 'id'>;
  declare readonly documents: EntityTable<DocumentRecord, 'id'>;
  declare readonly chunks: EntityTable<Chunk, 'id'>;
  declare readonly collections: EntityTable<Collection, 'id'>;
  declare readonly settings: EntityTable<SettingRow, 'key'>;
  declare readonly jobs: EntityTable<Job, 'id'>;
  declare readonly events: EntityTable<AppEvent, 'id'>;
  declare readonly researchSessions: EntityTable<ResearchSession, 'id'>;
  declare readonly documentSources: EntityTable<DocumentSource, 'documentId'>;
  declare readonly promptTemplates: EntityTable<PromptTemplateRow, 'id'>;
  declare readonly promptVersions: EntityTable<PromptVersionRow, 'id'>;
  declare readonly promptRuns: EntityTable<PromptRunRow, 'id'>;
  declare readonly promptOutputs: EntityTable<PromptOutputRow, 'id'>;
  declare readonly modelInstalls: EntityTable<InstallRecord, 'modelId'>;
  declare readonly chunkVectors: EntityTable<ChunkVectorRow, 'chunkId'>;
  declare readonly libraryIndex: EntityTable<LibraryIndexRow, 'key'>;

  constructor(name: string) {
    super(name);
    // Every version is declared, oldest first, so Dexie can upgrade a database of any age.
    for (const v of SCHEMA_VERSIONS) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
  }
}

/** Opens (lazily, on first use) the database called `name` with the current schema. */
export function openDatabase(name: string = DB_NAME): OmniaDatabase {
  return new OmniaDatabase(name);
}

let shared: OmniaDatabase | undefined;
let device: OmniaDatabase | undefined;

/** The app's one database connection: this tab's space (space.ts), the person's own by default. */
export function getDatabase(): OmniaDatabase {
  shared ??= openDatabase(spaceDatabaseName());
  return shared;
}

/**
 * Where state of this device (model installs) lives: always the person's own database, whatever
 * this tab's space, since the model bytes in OPFS are shared by every space.
 */
export function getDeviceDatabase(): OmniaDatabase {
  if (currentSpace() === 'personal') return getDatabase();
  device ??= openDatabase(DB_NAME);
  return device;
}
