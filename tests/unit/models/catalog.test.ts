// The catalog is the single source of model ids, sizes and needs; these invariants keep it
// honest as entries are added by hand.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CATALOG,
  getModel,
  hasModel,
  listModels,
  supportsLanguage,
  UnknownModelError,
  type ModelTask,
} from '../../../src/models/catalog';
import { TIER_PREFERENCES } from '../../../src/models/catalog-defaults';
import { fixtureEntriesFrom, FIXTURE_MANIFEST } from '../../../src/models/catalog-fixtures';

const TASKS: readonly ModelTask[] = ['chat', 'embedding', 'speech-to-text', 'image-to-text', 'ocr'];
const SRC = join(import.meta.dirname, '../../../src');
const FIXTURE_MODELS = join(import.meta.dirname, '../../fixtures/models');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|svelte)$/.test(name) ? [path] : [];
  });
}

function allFrozen(value: unknown, path = 'CATALOG'): string[] {
  if (value === null || typeof value !== 'object') return [];
  const here = Object.isFrozen(value) ? [] : [path];
  return [
    ...here,
    ...Object.entries(value).flatMap(([key, child]) => allFrozen(child, `${path}.${key}`)),
  ];
}

describe('catalog', () => {
  it('has unique ids', () => {
    const ids = CATALOG.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps totalBytes equal to the sum of its files', () => {
    for (const entry of CATALOG) {
      const sum = entry.files.reduce((s, f) => s + f.size, 0);
      expect(entry.totalBytes, entry.id).toBe(sum);
    }
  });

  it('is frozen all the way down, and so are the tier preferences', () => {
    expect(allFrozen(CATALOG)).toEqual([]);
    expect(allFrozen(TIER_PREFERENCES, 'TIER_PREFERENCES')).toEqual([]);
    expect(() => (CATALOG as unknown as unknown[]).push({})).toThrow(TypeError);
  });

  it('hides fixtures unless asked', () => {
    expect(listModels().some((e) => e.fixture)).toBe(false);
    const withFixtures = listModels({ includeFixtures: true }).filter((e) => e.fixture);
    expect(withFixtures.map((e) => e.id).sort()).toEqual([
      'omnia-fixture-captioner',
      'omnia-fixture-causal-lm',
      'omnia-fixture-e5',
      'omnia-fixture-embedder',
      'omnia-fixture-florence2',
      'omnia-fixture-llama',
      'omnia-fixture-ocr-eng',
      'omnia-fixture-qwen2',
      'omnia-fixture-qwen3',
      'omnia-fixture-smollm2',
      'omnia-fixture-smolvlm',
      'omnia-fixture-webllm',
      'omnia-fixture-whisper',
    ]);
    expect(listModels({ task: 'embedding', includeFixtures: true }).map((e) => e.id)).toContain(
      'omnia-fixture-embedder',
    );
  });

  it('offers at least one real model for every task, and filters by task', () => {
    for (const task of TASKS) {
      const models = listModels({ task });
      expect(models.length, task).toBeGreaterThan(0);
      expect(models.every((e) => e.task === task)).toBe(true);
    }
  });

  it('returns entries by id and throws a named error for unknown ids', () => {
    expect(getModel('whisper-tiny-q8').repo).toBe('onnx-community/whisper-tiny');
    expect(hasModel('no-such-model')).toBe(false);
    expect(() => getModel('no-such-model')).toThrow(UnknownModelError);
    try {
      getModel('no-such-model');
    } catch (error) {
      expect((error as Error).name).toBe('UnknownModelError');
      expect((error as UnknownModelError).modelId).toBe('no-such-model');
    }
  });

  it('makes every web-llm entry require WebGPU, and shader-f16 exactly for q4f16 builds', () => {
    const webllm = CATALOG.filter((e) => e.engine === 'web-llm' && !e.fixture);
    expect(webllm.length).toBeGreaterThanOrEqual(7);
    for (const entry of webllm) {
      expect(entry.needs.webgpu, entry.id).toBe('required');
      expect(entry.webllm, entry.id).toBeDefined();
      expect(entry.needs.shaderF16, entry.id).toBe(entry.webllm?.modelId.includes('q4f16'));
      expect(entry.repo).toBe(`mlc-ai/${entry.webllm?.modelId}`);
      // The compiled library is one of the entry's files, from MLC's library repo.
      expect(entry.webllm?.libRepo).toBe('mlc-ai/binary-mlc-llm-libs');
      expect(entry.webllm?.libPath).toMatch(/^web-llm-models\/v0_2_86\/base\/[^/]+-webgpu\.wasm$/);
      expect(entry.files.map((f) => f.path)).toContain(entry.webllm?.libPath);
      expect(entry.files.find((f) => f.path.includes('*'))?.listedIn).toBe('tensor-cache.json');
      expect(entry.needs.gpuMemoryMB).toBeGreaterThan(0);
    }
  });

  it('copies web-llm figures for the required models', () => {
    const llama = getModel('llama-3.2-1b-instruct-q4f16-mlc');
    expect(llama.webllm?.modelId).toBe('Llama-3.2-1B-Instruct-q4f16_1-MLC');
    expect(llama.needs.gpuMemoryMB).toBe(880);
    expect(llama.contextWindow).toBe(4096);
    const families = new Set(CATALOG.filter((e) => e.engine === 'web-llm').map((e) => e.family));
    for (const family of ['llama-3.2', 'qwen2.5', 'phi-3.5', 'gemma-2', 'smollm2']) {
      expect(families.has(family), family).toBe(true);
    }
  });

  it('keeps transformers and tesseract models runnable without WebGPU', () => {
    for (const entry of CATALOG.filter((e) => e.engine !== 'web-llm')) {
      expect(entry.needs.webgpu, entry.id).not.toBe('required');
    }
    for (const entry of CATALOG.filter((e) => e.engine === 'tesseract')) {
      expect(entry.needs.webgpu).toBe('no');
    }
  });

  it('pins revisions as commits and never carries a malformed sha256', () => {
    for (const entry of CATALOG) {
      // Hub repos pin a commit; tesseract's language data pins its npm package version.
      const pinned = entry.engine === 'tesseract' ? /^\d+\.\d+\.\d+$/ : /^[0-9a-f]{40}$/;
      if (entry.revisionPinned) expect(entry.revision, entry.id).toMatch(pinned);
      else expect(entry.revision, entry.id).toBe('main');
      for (const file of entry.files) {
        if (file.sha256 !== undefined) expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(file.size).toBeGreaterThanOrEqual(0);
        expect(Number.isInteger(file.size)).toBe(true);
      }
    }
  });

  it('describes languages, dims and sizes for real models', () => {
    for (const entry of listModels()) {
      expect(entry.languages.length, entry.id).toBeGreaterThan(0);
      expect(entry.totalBytes, entry.id).toBeGreaterThan(0);
      expect(entry.license, entry.id).not.toBe('');
    }
    for (const entry of listModels({ task: 'embedding' })) {
      expect(entry.embeddingDim, entry.id).toBe(384);
    }
    expect(listModels({ task: 'embedding' }).some((e) => supportsLanguage(e, 'pt-BR'))).toBe(true);
    expect(supportsLanguage(getModel('tesseract-eng-fast'), 'pt')).toBe(false);
  });

  it('lists only catalog ids in the tier preferences, each for its own task', () => {
    for (const task of TASKS) {
      for (const ids of Object.values(TIER_PREFERENCES[task])) {
        for (const id of ids) expect(getModel(id).task).toBe(task);
      }
    }
  });

  it('keeps model ids out of every source file but the catalog', () => {
    const offenders: string[] = [];
    const files = sourceFiles(SRC);
    expect(files.some((f) => f.endsWith('tiers.ts'))).toBe(true);
    for (const file of files) {
      const rel = relative(SRC, file).replaceAll('\\', '/');
      if (/^models\/catalog[^/]*\.ts$/.test(rel)) continue;
      const text = readFileSync(file, 'utf8');
      for (const entry of CATALOG) {
        for (const quote of ["'", '"', '`']) {
          if (text.includes(`${quote}${entry.id}${quote}`)) offenders.push(`${rel}: ${entry.id}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('derives fixture entries from the builder manifest, sizes included', () => {
    const [embedder] = fixtureEntriesFrom({
      sizeSource: 'exact',
      models: [
        {
          id: 'omnia-fixture-embedder',
          task: 'embedding',
          embeddingDim: 32,
          files: [
            { path: 'config.json', size: 500 },
            { path: 'onnx/model_quantized.onnx', size: 12_345, sha256: 'a'.repeat(64) },
          ],
        },
      ],
    });
    expect(embedder).toMatchObject({
      id: 'omnia-fixture-embedder',
      fixture: true,
      totalBytes: 12_845,
      sizeSource: 'exact',
      embeddingDim: 32,
      languages: ['en', 'pt'],
    });
    const lm = FIXTURE_MANIFEST.models.find((m) => m.id === 'omnia-fixture-causal-lm');
    expect(lm?.files.map((f) => f.path)).toContain('generation_config.json');
  });

  it('lists exactly the files the fixture builder wrote, with their real sizes and sha256', () => {
    expect(FIXTURE_MANIFEST.sizeSource).toBe('exact');
    for (const model of FIXTURE_MANIFEST.models) {
      for (const file of model.files) {
        const bytes = readFileSync(join(FIXTURE_MODELS, model.id, file.path));
        expect(bytes.length, file.path).toBe(file.size);
        expect(createHash('sha256').update(bytes).digest('hex'), file.path).toBe(file.sha256);
      }
    }
    const { embedder } = JSON.parse(
      readFileSync(join(FIXTURE_MODELS, 'reference.json'), 'utf8'),
    ) as {
      embedder: { hidden_size: number };
    };
    expect(getModel('omnia-fixture-embedder').embeddingDim).toBe(embedder.hidden_size);
  });
});
