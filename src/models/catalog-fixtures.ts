/**
 * The tiny models the repo builds for tests and the offline demo (DESIGN.md: they load through
 * exactly the same code path as real ones). They are catalog entries like any other, marked
 * `fixture` so the UI hides them unless the developer flag is on. Their sizes belong to the
 * files the fixture builder writes, so entries are derived from a manifest of those files.
 */
import {
  defineEntry,
  type CatalogEntry,
  type CatalogFile,
  type EngineKind,
  type ModelTask,
  type SizeSource,
} from './catalog-types';
import fixtureManifestJson from '../../tests/fixtures/models/manifest.json';

export interface FixtureManifestModel {
  id: string;
  task: ModelTask;
  /** Default 'transformers'. */
  engine?: EngineKind;
  /** Served under this repo name; default the id. */
  repo?: string;
  /** Default 'q8'. */
  dtype?: string;
  /** BCP-47 tags; default ['en', 'pt']. */
  languages?: readonly string[];
  files: readonly CatalogFile[];
  embeddingDim?: number;
  contextWindow?: number;
  /** Default: random weights (plumbing, not quality). */
  notes?: string;
}

export interface FixtureManifest {
  /** 'exact': the builder measured the files it wrote. */
  sizeSource: SizeSource;
  models: readonly FixtureManifestModel[];
}

/** Turns the fixture builder's manifest into catalog entries. */
export function fixtureEntriesFrom(manifest: FixtureManifest): CatalogEntry[] {
  return manifest.models.map((model) =>
    defineEntry({
      id: model.id,
      task: model.task,
      engine: model.engine ?? 'transformers',
      displayName: model.id,
      family: 'omnia-fixture',
      params: null,
      // Served from the app's own origin (or the relay) under this name, like a hub repo.
      repo: model.repo ?? model.id,
      revision: 'main',
      revisionPinned: false,
      files: model.files,
      sizeSource: manifest.sizeSource,
      languages: model.languages ?? ['en', 'pt'],
      needs: {
        webgpu: model.engine === 'tesseract' ? 'no' : 'preferred',
        shaderF16: false,
        memoryMB: 64,
      },
      dtype: model.dtype ?? 'q8',
      ...(model.embeddingDim !== undefined ? { embeddingDim: model.embeddingDim } : {}),
      ...(model.contextWindow !== undefined ? { contextWindow: model.contextWindow } : {}),
      fixture: true,
      license: 'apache-2.0',
      notes: model.notes ?? 'Random weights: checks plumbing, not quality.',
    }),
  );
}

/**
 * Written by scripts/fixtures/build_models.py next to the files it measures, so sizes and
 * sha256 are exact and the download manager can verify fixtures like any model.
 */
export const FIXTURE_MANIFEST = fixtureManifestJson as FixtureManifest;

/**
 * Fixtures the repo does not build but npm ships: the English tesseract data of the pinned
 * @tesseract.js-data/eng package (real weights, so OCR tests assert real text). A relay serves
 * it from node_modules (`--models-dir node_modules`) under the package's name. Size and sha256
 * are those of the file in node_modules; a unit test checks them.
 */
export const NPM_FIXTURE_MANIFEST: FixtureManifest = {
  sizeSource: 'exact',
  models: [
    {
      id: 'omnia-fixture-ocr-eng',
      task: 'ocr',
      engine: 'tesseract',
      repo: '@tesseract.js-data/eng',
      dtype: 'int8-lstm',
      languages: ['en'],
      files: [
        {
          path: '4.0.0_best_int/eng.traineddata.gz',
          size: 2_952_873,
          sha256: '45b4cb346724ac1774f1c36f42f182b887bcdb28ebe63e6fff90ac41f3fcff91',
        },
      ],
      notes: 'Real English tesseract data from npm: OCR tests assert real text.',
    },
  ],
};

export const FIXTURE_ENTRIES: readonly CatalogEntry[] = [
  ...fixtureEntriesFrom(FIXTURE_MANIFEST),
  ...fixtureEntriesFrom(NPM_FIXTURE_MANIFEST),
];
