// Old export files must keep importing after the schema moves on: the upgrade chain is
// tested with made-up steps today, and every real version must bring its own step.
import { describe, expect, it } from 'vitest';
import {
  EXPORT_UPGRADES,
  upgradeExportTables,
  type ExportTables,
  type ExportUpgrade,
} from '../../../src/storage/export-upgrades';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../../src/storage/schema';

describe('export row upgrades', () => {
  it('has a named upgrade for every schema version', () => {
    for (const { version } of SCHEMA_VERSIONS) {
      const upgrade = EXPORT_UPGRADES[version];
      expect(
        upgrade,
        `add EXPORT_UPGRADES[${version}] in src/storage/export-upgrades.ts`,
      ).toBeTypeOf('function');
      expect(
        upgrade!.name,
        `the version ${version} export upgrade must be a named function`,
      ).not.toBe('');
    }
  });

  it('leaves current-version tables as they are', () => {
    const tables: ExportTables = { collections: [{ id: 'k', name: 'x', createdAt: 1 }] };
    expect(upgradeExportTables(tables, CURRENT_SCHEMA_VERSION)).toEqual(tables);
  });

  it('applies each step above the file version, in order, up to the target', () => {
    const seen: number[] = [];
    const step =
      (version: number): ExportUpgrade =>
      (tables) => {
        seen.push(version);
        return { ...tables, log: [...(tables.log ?? []), { version }] };
      };
    const upgrades = { 1: step(1), 2: step(2), 3: step(3), 4: step(4) };
    const out = upgradeExportTables({}, 1, 3, upgrades, [1, 2, 3, 4]);
    expect(seen).toEqual([2, 3]);
    expect(out.log).toEqual([{ version: 2 }, { version: 3 }]);
  });

  it('fails loudly when a step is missing', () => {
    expect(() => upgradeExportTables({}, 1, 2, { 1: (t) => t }, [1, 2])).toThrow(
      /No export upgrade to schema version 2/,
    );
  });
});
