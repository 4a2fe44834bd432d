// Every schema version, the current one included, is upgraded from a database seeded as
// that version's code left it. A new version needs only its FIXTURES entry in the harness.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/storage/db';
import { documentsWithContent } from '../../../src/storage/documents-repo';
import { encodeValue } from '../../../src/storage/export-codec';
import { SCHEMA_VERSIONS, storesAt } from '../../../src/storage/schema';
import {
  createDatabaseAt,
  expectedAfterUpgrade,
  readWithCurrentCode,
  seedFor,
} from './migration-harness';

describe('schema migrations', () => {
  for (const { version } of SCHEMA_VERSIONS) {
    it(`keeps every row of a database left at version ${version}`, async () => {
      const seed = seedFor(version);
      expect(
        Object.keys(seed).sort(),
        `the version ${version} seed must cover every table that exists at that version`,
      ).toEqual(Object.keys(storesAt(version)).sort());

      const name = `omnia-migration-from-v${version}`;
      await createDatabaseAt(name, version, seed);
      try {
        const expected = expectedAfterUpgrade(version);
        const found = await readWithCurrentCode(name, expected);
        // Compared through the export codec, so Blob contents count, not just Blob identity.
        expect(await encodeValue(found)).toEqual(await encodeValue(expected));
        const rowCount = Object.values(expected).reduce((n, rows) => n + rows.length, 0);
        expect(rowCount).toBeGreaterThan(0);
      } finally {
        await Dexie.delete(name);
      }
    });
  }
});

describe('version 5: documents indexed by content hash', () => {
  it('finds a document hashed before the upgrade through the new index', async () => {
    const name = 'omnia-migration-sha256-index';
    const hashed = {
      id: 'v4-hashed',
      name: 'a.txt',
      mimeType: 'text/plain',
      size: 3,
      addedAt: 1,
      status: 'ready',
      collectionIds: [],
      sha256: 'c'.repeat(64),
    };
    await createDatabaseAt(name, 4, {
      documents: [hashed, { ...hashed, id: 'v4-other', size: 4 }],
    });
    const db = openDatabase(name);
    try {
      const found = await documentsWithContent('c'.repeat(64), 3, db);
      expect(found.map((d) => d.id)).toEqual(['v4-hashed']);
      expect(await documentsWithContent('d'.repeat(64), 3, db)).toEqual([]);
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });
});

describe('version 6: Prompt Studio tables', () => {
  it('opens a version 5 database with its data kept and empty, usable prompt tables', async () => {
    const name = 'omnia-migration-prompts';
    await createDatabaseAt(name, 5, seedFor(5));
    const db = openDatabase(name);
    try {
      expect(await db.documents.count()).toBe(2);
      expect(await db.promptTemplates.count()).toBe(0);
      await db.promptVersions.add({
        id: 'v',
        templateId: 't',
        number: 1,
        body: '{{x}}',
        variables: [],
        note: '',
        createdAt: 1,
      });
      const found = await db.promptVersions.where('[templateId+number]').equals(['t', 1]).count();
      expect(found).toBe(1);
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });
});
