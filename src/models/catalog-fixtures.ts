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
import webLlmFixtureManifestJson from '../../tests/fixtures/models/webllm-manifest.json';

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
  /** An image-to-text fixture that reads text in images (Florence-2's OCR task). */
  readsImageText?: boolean;
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
      ...(model.readsImageText ? { readsImageText: true } : {}),
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

/** What scripts/fixtures/make-webllm-fixture.ts writes beside the files it measures. */
export interface WebLlmFixtureManifest {
  sizeSource: SizeSource;
  models: readonly {
    id: string;
    repo: string;
    contextWindow: number;
    webllm: { modelId: string; libRepo: string; libRevision: string; libPath: string };
    files: readonly CatalogFile[];
  }[];
}

export const WEBLLM_FIXTURE_MANIFEST = webLlmFixtureManifestJson as WebLlmFixtureManifest;

const SHARD_PATTERN = 'params_shard_*.bin';

/**
 * The web-llm-layout fixture as a catalog entry shaped like the MLC rows of catalog-chat.ts:
 * the shards as one pattern listed in tensor-cache.json (their sizes and SHA-256 then come from
 * the manifest and the source's ETag, as for real MLC repos), and a model library that is a
 * STAND-IN (an empty WebAssembly module): web-llm loads up to it and stops there.
 */
export function webLlmFixtureEntriesFrom(manifest: WebLlmFixtureManifest): CatalogEntry[] {
  return manifest.models.map((model) => {
    const shards = model.files.filter((f) => matchesShards(f.path));
    return defineEntry({
      id: model.id,
      task: 'chat',
      engine: 'web-llm',
      displayName: model.id,
      family: 'omnia-fixture',
      params: null,
      repo: model.repo,
      revision: 'main',
      revisionPinned: false,
      files: [
        ...model.files.filter((f) => !matchesShards(f.path)),
        {
          path: SHARD_PATTERN,
          size: shards.reduce((sum, f) => sum + f.size, 0),
          listedIn: 'tensor-cache.json',
        },
      ],
      sizeSource: manifest.sizeSource,
      languages: ['en', 'pt'],
      needs: { webgpu: 'required', shaderF16: false, gpuMemoryMB: 64 },
      dtype: 'q4f32_1',
      contextWindow: model.contextWindow,
      webllm: { ...model.webllm, lowResourceRequired: true, requiredFeatures: [] },
      fixture: true,
      license: 'apache-2.0',
      notes: 'web-llm layout with a stand-in model library: web-llm loads it up to the library.',
    });
  });
}

const matchesShards = (path: string): boolean => /^params_shard_\d+\.bin$/.test(path);

export const FIXTURE_ENTRIES: readonly CatalogEntry[] = [
  ...fixtureEntriesFrom(FIXTURE_MANIFEST),
  ...fixtureEntriesFrom(NPM_FIXTURE_MANIFEST),
  ...webLlmFixtureEntriesFrom(WEBLLM_FIXTURE_MANIFEST),
];
