// The web-llm-layout fixture stands for the MLC catalog rows: the same file names (config,
// tokenizer, tensor-cache.json naming the shards, a library from a library repo), real formats
// (web-llm's tensor-cache records, a conv_template), and exact sizes and SHA-256 for what is on
// disk. Its library is a STAND-IN: a valid WebAssembly module that holds no model.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG, getModel } from '../../../src/models/catalog';
import { WEBLLM_FIXTURE_MANIFEST } from '../../../src/models/catalog-fixtures';

const DIR = join(import.meta.dirname, '../../fixtures/models');
const FIXTURE = getModel('omnia-fixture-webllm');
const model = WEBLLM_FIXTURE_MANIFEST.models[0]!;
const onDisk = (path: string): Buffer =>
  readFileSync(
    path === model.webllm.libPath
      ? join(DIR, model.webllm.libRepo, path)
      : join(DIR, model.repo, path),
  );

describe('the web-llm-layout fixture', () => {
  it('lists every file with the exact size and SHA-256 of what is on disk', () => {
    for (const file of model.files) {
      const bytes = onDisk(file.path);
      expect(bytes.length, file.path).toBe(file.size);
      expect(createHash('sha256').update(bytes).digest('hex'), file.path).toBe(file.sha256);
    }
  });

  it('has the file names of the real MLC rows, the shards as one pattern in tensor-cache.json', () => {
    const real = CATALOG.find((e) => e.engine === 'web-llm' && !e.fixture)!;
    const shape = (paths: readonly string[], lib: string) =>
      paths.map((p) => (p === lib ? '<library>' : p)).sort();
    expect(
      shape(
        FIXTURE.files.map((f) => f.path),
        FIXTURE.webllm!.libPath,
      ),
    ).toEqual(
      shape(
        real.files.map((f) => f.path),
        real.webllm!.libPath,
      ),
    );
    const manifest = JSON.parse(onDisk('tensor-cache.json').toString()) as {
      records: {
        dataPath: string;
        nbytes: number;
        records: { byteOffset: number; nbytes: number }[];
      }[];
    };
    for (const shard of manifest.records) {
      expect(onDisk(shard.dataPath).length).toBe(shard.nbytes);
      const inner = shard.records.reduce((sum, r) => sum + r.nbytes, 0);
      expect(inner).toBe(shard.nbytes);
    }
    expect(FIXTURE.fixture).toBe(true);
  });

  it('ships a stand-in library that is valid WebAssembly and says what it is', async () => {
    const bytes = onDisk(model.webllm.libPath);
    const module = await WebAssembly.compile(new Uint8Array(bytes));
    expect(WebAssembly.Module.exports(module)).toEqual([]);
    const [section] = WebAssembly.Module.customSections(module, 'omnia.stand-in');
    expect(new TextDecoder().decode(section)).toMatch(/Stand-in .* cannot run one/);
  });
});
