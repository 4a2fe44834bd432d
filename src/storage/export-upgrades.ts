// Exports outlive the app version that wrote them. A file written at an older schema
// version is brought up to date here, one named step per version, before it is imported,
// the same way Dexie's upgrade functions in schema.ts bring an old database up to date.
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from './schema';

/** Decoded rows by table name, as they stood at one schema version. */
export type ExportTables = Record<string, object[]>;

/** Turns the tables of version `n - 1` into the tables of version `n`. */
export type ExportUpgrade = (tables: ExportTables) => ExportTables;

/** Version 1 is the first schema: its rows are already in their final shape. */
function rowsAtV1(tables: ExportTables): ExportTables {
  return tables;
}

/** Version 2 added a device table (model installs) that exports never carry. */
function rowsAtV2(tables: ExportTables): ExportTables {
  return tables;
}

/** Version 3 added research sessions (none in an older file) and two device tables. */
function rowsAtV3(tables: ExportTables): ExportTables {
  return { ...tables, researchSessions: tables['researchSessions'] ?? [] };
}

/** Version 4 kept the files of media documents (none in an older file). */
function rowsAtV4(tables: ExportTables): ExportTables {
  return { ...tables, documentSources: tables['documentSources'] ?? [] };
}

/** Version 5 indexed documents by their content hash: the rows keep their shape. */
function rowsAtV5(tables: ExportTables): ExportTables {
  return tables;
}

/** Version 6 added Prompt Studio's templates, versions, runs and outputs (none in an older file). */
function rowsAtV6(tables: ExportTables): ExportTables {
  return {
    ...tables,
    promptTemplates: tables['promptTemplates'] ?? [],
    promptVersions: tables['promptVersions'] ?? [],
    promptRuns: tables['promptRuns'] ?? [],
    promptOutputs: tables['promptOutputs'] ?? [],
  };
}

/**
 * One step per schema version, keyed by the version it produces. Add an entry with every
 * new SchemaVersion (a test fails until you do), mirroring what its Dexie upgrade does.
 */
export const EXPORT_UPGRADES: Readonly<Record<number, ExportUpgrade>> = {
  1: rowsAtV1,
  2: rowsAtV2,
  3: rowsAtV3,
  4: rowsAtV4,
  5: rowsAtV5,
  6: rowsAtV6,
};

/** The declared schema versions, oldest first: the steps an old file walks through. */
const DECLARED_VERSIONS = SCHEMA_VERSIONS.map((v) => v.version);

/**
 * Applies, in order, each upgrade above `fromVersion` up to and including `toVersion`.
 * @example upgradeExportTables(tablesFromAV1File, 1) // rows in the current shape
 */
export function upgradeExportTables(
  tables: ExportTables,
  fromVersion: number,
  toVersion: number = CURRENT_SCHEMA_VERSION,
  upgrades: Readonly<Record<number, ExportUpgrade>> = EXPORT_UPGRADES,
  versions: readonly number[] = DECLARED_VERSIONS,
): ExportTables {
  let current = tables;
  for (const version of versions) {
    if (version <= fromVersion || version > toVersion) continue;
    const upgrade = upgrades[version];
    if (!upgrade) throw new Error(`No export upgrade to schema version ${version}`);
    current = upgrade(current);
  }
  return current;
}
