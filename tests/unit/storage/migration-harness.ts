// Opens a database exactly as an older Omnia left it, then with today's code, to prove every
// upgrade keeps the person's data. Adding a schema version means adding one FIXTURES entry
// below: the rows a database had at that version (and, when an upgrade reshapes them, what
// they must look like afterwards). migrations.test.ts runs every version automatically.
import Dexie from 'dexie';
import { openDatabase } from '../../../src/storage/db';
import { primaryKeyOf, SCHEMA_VERSIONS, storesAt } from '../../../src/storage/schema';

export type TableRows = Record<string, object[]>;

export interface VersionFixture {
  /** Rows written with the schema as it stood at this version, for every table it has. */
  seed: () => TableRows;
  /** Rows expected after upgrading to the current version; defaults to `seed` unchanged. */
  expectAfterUpgrade?: () => TableRows;
}

/** Frozen like the versions they belong to: change a seed only to add coverage. */
export const FIXTURES: Readonly<Record<number, VersionFixture>> = {
  1: {
    seed: () => ({
      conversations: [
        {
          id: 'v1-c1',
          title: 'Primeira conversa ✨',
          createdAt: 1_690_000_000_000,
          updatedAt: 1_690_000_000_500,
          pinned: false,
          archived: false,
          collectionIds: ['v1-k1'],
        },
      ],
      messages: [
        {
          id: 'v1-m1',
          conversationId: 'v1-c1',
          parentId: null,
          role: 'user',
          content: 'Olá 👋',
          createdAt: 1_690_000_000_100,
          attachments: [{ name: 'a.txt', mimeType: 'text/plain', data: new Blob(['é']) }],
        },
      ],
      documents: [
        {
          id: 'v1-d1',
          name: 'notas.md',
          mimeType: 'text/markdown',
          size: 10,
          addedAt: 1_690_000_000_000,
          status: 'ready',
          collectionIds: ['v1-k1'],
        },
      ],
      chunks: [{ id: 'v1-d1-0', documentId: 'v1-d1', order: 0, text: 'ção', tokenCount: 1 }],
      collections: [{ id: 'v1-k1', name: 'Coleção', createdAt: 1_690_000_000_000 }],
      settings: [{ key: 'locale', value: 'pt-BR' }],
      jobs: [
        {
          id: 'v1-j1',
          kind: 'download',
          status: 'paused',
          progress: 0.25,
          createdAt: 1_690_000_000_000,
          updatedAt: 1_690_000_000_000,
        },
      ],
      events: [{ id: 7, at: 1_690_000_000_000, kind: 'app-start' }],
    }),
  },
  2: {
    seed: () => ({
      ...FIXTURES[1]!.seed(),
      modelInstalls: [
        {
          modelId: 'omnia-fixture-embedder',
          status: 'paused',
          source: 'relay',
          sourceUrl: 'http://127.0.0.1:4173/models',
          revision: 'main',
          files: [{ path: 'config.json', size: 414, bytesDone: 414, state: 'verified' }],
          bytesDone: 414,
          bytesTotal: 140_000,
          startedAt: 1_700_000_000_000,
          updatedAt: 1_700_000_000_100,
        },
      ],
    }),
  },
  3: {
    seed: () => ({
      ...FIXTURES[2]!.seed(),
      researchSessions: [
        {
          id: 'v3-r1',
          title: 'Sessão de estudo',
          documentIds: ['v1-d1'],
          language: 'pt-BR',
          createdAt: 1_710_000_000_000,
          updatedAt: 1_710_000_000_100,
          notes: { summary: [], bullets: [], outline: [], qa: [] },
        },
      ],
      chunkVectors: [
        {
          chunkId: 'v1-d1-0',
          documentId: 'v1-d1',
          modelId: 'omnia-fixture-embedder',
          vector: new Float32Array([0.6, -0.8]),
        },
      ],
      libraryIndex: [
        { key: 'version', version: 4, updatedAt: 1_710_000_000_000 },
        { key: 'keyword', version: 4, json: '{"documentCount":1}', updatedAt: 1_710_000_000_000 },
      ],
    }),
  },
  4: {
    seed: () => ({
      ...FIXTURES[3]!.seed(),
      documentSources: [
        {
          documentId: 'v1-d1',
          blob: new Blob([new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 2, 3])], {
            type: 'audio/wav',
          }),
          name: 'gravação.wav',
          mimeType: 'audio/wav',
        },
      ],
    }),
  },
  5: {
    seed: () => {
      const v4 = FIXTURES[4]!.seed();
      const [first] = v4['documents'] as object[];
      return {
        ...v4,
        documents: [
          { ...first, sha256: 'a'.repeat(64) },
          {
            id: 'v5-d2',
            name: 'cópia.md',
            mimeType: 'text/markdown',
            size: 10,
            addedAt: 1_720_000_000_000,
            status: 'ready',
            collectionIds: [],
            sha256: 'b'.repeat(64),
          },
        ],
      };
    },
  },
  6: {
    seed: () => ({
      ...FIXTURES[5]!.seed(),
      promptTemplates: [
        {
          id: 'v6-t1',
          name: 'Resumo ✍️',
          inUseVersionId: 'v6-t1-v1',
          createdAt: 1_730_000_000_000,
          updatedAt: 1_730_000_000_100,
        },
      ],
      promptVersions: [
        {
          id: 'v6-t1-v1',
          templateId: 'v6-t1',
          number: 1,
          body: 'Resuma {{texto}} em {{língua}}',
          variables: [{ name: 'texto', kind: 'longText' }],
          note: 'primeira',
          createdAt: 1_730_000_000_000,
        },
      ],
      promptRuns: [
        {
          id: 'v6-r1',
          templateId: 'v6-t1',
          versionIds: ['v6-t1-v1'],
          modelIds: ['omnia-fixture-causal-lm'],
          variableSets: [{ label: 'A', values: { texto: 'olá' } }],
          params: { temperature: 0, topP: 0.9, maxNewTokens: 8 },
          seed: 42,
          device: 'wasm',
          createdAt: 1_730_000_000_200,
        },
      ],
      promptOutputs: [
        {
          id: 'v6-o1',
          runId: 'v6-r1',
          templateId: 'v6-t1',
          versionId: 'v6-t1-v1',
          versionNumber: 1,
          modelId: 'omnia-fixture-causal-lm',
          setIndex: 0,
          attempt: 1,
          status: 'done',
          prompt: 'Resuma olá',
          text: 'x',
          engine: 'transformers',
          device: 'wasm',
          params: { maxNewTokens: 8, temperature: 0, topP: null },
          seed: null,
          tokenIds: [5, 6],
          promptTokens: 4,
          completionTokens: 2,
          tokensPerSecond: 100,
          totalMs: 20,
          finishReason: 'stop',
          createdAt: 1_730_000_000_300,
        },
      ],
    }),
  },
};

/** The rows a database had at `version`; throws when nobody wrote them yet. */
export function seedFor(version: number): TableRows {
  const fixture = FIXTURES[version];
  if (!fixture) {
    throw new Error(
      `No migration seed for schema version ${version}: add FIXTURES[${version}] to ` +
        'tests/unit/storage/migration-harness.ts.',
    );
  }
  return fixture.seed();
}

export function expectedAfterUpgrade(version: number): TableRows {
  const fixture = FIXTURES[version];
  return fixture?.expectAfterUpgrade?.() ?? seedFor(version);
}

/** Creates database `name` as the code of `version` would have: versions ≤ it, no later ones. */
export async function createDatabaseAt(
  name: string,
  version: number,
  rows: TableRows,
): Promise<void> {
  const db = new Dexie(name);
  for (const v of SCHEMA_VERSIONS) {
    if (v.version <= version) db.version(v.version).stores(v.stores);
  }
  try {
    await db.open();
    await db.transaction('rw', db.tables, async () => {
      for (const [table, tableRows] of Object.entries(rows))
        await db.table(table).bulkAdd(tableRows);
    });
  } finally {
    db.close();
  }
}

/** Reads, with today's code, the row stored under each expected row's primary key. */
export async function readWithCurrentCode(name: string, expected: TableRows): Promise<TableRows> {
  const db = openDatabase(name);
  try {
    await db.open();
    const current = storesAt(Number.POSITIVE_INFINITY);
    const found: TableRows = {};
    for (const [table, rows] of Object.entries(expected)) {
      const { keyPath } = primaryKeyOf(current[table] ?? '');
      const keys = rows.map((row) => (row as Record<string, unknown>)[keyPath]);
      const stored: unknown[] = await db.table(table).bulkGet(keys as string[]);
      found[table] = stored.filter((row): row is object => row !== undefined);
    }
    return found;
  } finally {
    db.close();
  }
}
