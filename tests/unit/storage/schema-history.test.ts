// Published schema versions are what real browsers hold: changing one would leave those
// databases unreadable or silently mis-indexed. schema-history.json freezes each version
// as shipped; this test fails when one is edited instead of a new version being added.
import { describe, expect, it } from 'vitest';
import {
  CURRENT_SCHEMA_VERSION,
  primaryKeyOf,
  SCHEMA_VERSIONS,
  storesAt,
  TABLE_NAMES,
  DEVICE_TABLES,
  TABLES,
  type SchemaVersion,
} from '../../../src/storage/schema';
import history from './schema-history.json';

const APPEND_ONLY = 'published schema versions are append-only: add a new version instead';

interface Snapshot {
  version: number;
  stores: Record<string, string | null>;
  upgrade: string | null;
}

function snapshotOf(v: SchemaVersion): Snapshot {
  return { version: v.version, stores: v.stores, upgrade: v.upgrade?.name ?? null };
}

describe('schema history', () => {
  const published = history as unknown as Snapshot[];

  it('still declares every published version unchanged', () => {
    for (const snap of published) {
      const declared = SCHEMA_VERSIONS.find((v) => v.version === snap.version);
      expect(declared, `version ${snap.version} was removed: ${APPEND_ONLY}`).toBeDefined();
      expect(snapshotOf(declared!), `version ${snap.version} changed: ${APPEND_ONLY}`).toEqual(
        snap,
      );
    }
  });

  it('declares versions as strictly increasing whole numbers', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version);
    versions.forEach((version, i) => {
      expect(
        Number.isInteger(version) && version >= 1,
        `version ${version} must be a whole number ≥ 1`,
      ).toBe(true);
      if (i > 0)
        expect(version, `versions must strictly increase: ${APPEND_ONLY}`).toBeGreaterThan(
          versions[i - 1]!,
        );
    });
    expect(CURRENT_SCHEMA_VERSION).toBe(versions.at(-1));
  });

  it('has every declared version recorded in schema-history.json', () => {
    const recorded = published.map((s) => s.version);
    for (const v of SCHEMA_VERSIONS) {
      expect(
        recorded,
        `record version ${v.version} in tests/unit/storage/schema-history.json`,
      ).toContain(v.version);
    }
  });

  it('gives every upgrade a name, so the history can tell upgrades apart', () => {
    for (const v of SCHEMA_VERSIONS) {
      if (v.upgrade)
        expect(v.upgrade.name, `version ${v.version} upgrade must be a named function`).not.toBe(
          '',
        );
    }
  });

  it('ends with exactly the tables in TABLES and DEVICE_TABLES, each with a plain inline key', () => {
    const current = storesAt(CURRENT_SCHEMA_VERSION);
    expect(Object.keys(current).sort()).toEqual(
      [...TABLE_NAMES, ...Object.values(DEVICE_TABLES)].sort(),
    );
    expect(TABLE_NAMES).toEqual(Object.values(TABLES));
    for (const spec of Object.values(current)) expect(() => primaryKeyOf(spec)).not.toThrow();
  });

  it('never indexes a boolean field (IndexedDB cannot)', () => {
    const booleans = ['pinned', 'archived', 'developerMode'];
    for (const v of SCHEMA_VERSIONS) {
      for (const spec of Object.values(v.stores)) {
        const indexes = (spec ?? '').split(',').map((s) => s.trim().replace(/^[+&*]+/, ''));
        for (const b of booleans) expect(indexes).not.toContain(b);
      }
    }
  });
});

describe('schema helpers', () => {
  const versions: SchemaVersion[] = [
    { version: 1, stores: { a: 'id', b: '++id, at' } },
    { version: 2, stores: { b: null, c: 'key, name' } },
  ];

  it('storesAt applies additions and deletions up to a version', () => {
    expect(storesAt(1, versions)).toEqual({ a: 'id', b: '++id, at' });
    expect(storesAt(2, versions)).toEqual({ a: 'id', c: 'key, name' });
  });

  it('primaryKeyOf reads plain and auto-increment keys and refuses the rest', () => {
    expect(primaryKeyOf('++id, at, kind')).toEqual({ keyPath: 'id', autoIncrement: true });
    expect(primaryKeyOf('key')).toEqual({ keyPath: 'key', autoIncrement: false });
    expect(() => primaryKeyOf('++, at')).toThrow(/plain inline key/);
    expect(() => primaryKeyOf('[a+b], c')).toThrow(/plain inline key/);
    expect(() => primaryKeyOf('meta.id')).toThrow(/plain inline key/);
  });
});
