// The transformers.js Embedder on the tiny fixture embedder, read through a ModelFileSource
// (never a path or the network): numpy-reference embeddings, the files it opens, progress,
// missing files, cancellation, and the CPU fallback when WebGPU is asked for in Node.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getModel } from '../../../../src/models/catalog';
import { loadTransformersEmbedder } from '../../../../src/models/engines/transformers/transformers-embedder';
import type { EngineLoadProgress, Embedder } from '../../../../src/models/engines/types';
import { diskSource, engineErrorOf, maxAbsDiff, reference } from './fixture-files';

const entry = getModel('omnia-fixture-embedder');
const { tolerances, embedder: ref } = reference;
// The catalog entry says dtype q8: onnx/model_quantized.onnx, compared with the q8 reference.
const tol = tolerances.q8;
const fetchSpy = vi.fn(() => Promise.reject(new Error('tests make no network requests')));

describe('loadTransformersEmbedder on the fixture embedder', () => {
  let embedder: Embedder;
  const files = diskSource(entry.id);
  const progress: EngineLoadProgress[] = [];

  beforeAll(async () => {
    vi.stubGlobal('fetch', fetchSpy);
    embedder = await loadTransformersEmbedder({
      entry,
      files,
      device: 'cpu',
      onProgress: (p) => progress.push(p),
    });
  });
  afterAll(async () => {
    await embedder.dispose();
    vi.unstubAllGlobals();
  });

  it('runs on the CPU with the dimension of the catalog', () => {
    expect(embedder.modelId).toBe(entry.id);
    expect(embedder.device).toBe('cpu');
    expect(embedder.fallback).toBeNull();
    expect(embedder.dimension).toBe(ref.hidden_size);
  });

  it('opens only the files of its dtype, from the source', () => {
    expect([...new Set(files.opened)].sort()).toEqual([
      'config.json',
      'onnx/model_quantized.onnx',
      'tokenizer.json',
      'tokenizer_config.json',
    ]);
  });

  it('reports byte progress that ends at the size of those files', () => {
    const expected = entry.files
      .filter((f) => f.path !== 'onnx/model.onnx')
      .reduce((sum, f) => sum + f.size, 0);
    const last = progress.at(-1);
    expect(last).toMatchObject({ loaded: expected, total: expected });
    for (const [i, p] of progress.entries()) {
      expect(p.loaded).toBeLessThanOrEqual(p.total);
      if (i > 0) expect(p.loaded).toBeGreaterThanOrEqual(progress[i - 1]?.loaded ?? 0);
    }
    expect(progress.map((p) => p.file)).toContain('onnx/model_quantized.onnx');
  });

  it('gives mean-pooled, normalized embeddings equal to the numpy reference', async () => {
    for (const s of ref.sentences) {
      const [vector] = await embedder.embed([s.text]);
      expect(vector).toBeInstanceOf(Float32Array);
      expect(maxAbsDiff(vector ?? [], s.q8.embedding)).toBeLessThanOrEqual(tol);
      const norm = Math.hypot(...(vector ?? []));
      expect(norm).toBeCloseTo(1, 5);
    }
  });

  it('embeds a batch like the numpy batch reference, one vector per text in order', async () => {
    const vectors = await embedder.embed(ref.batch.texts);
    expect(vectors).toHaveLength(ref.batch.texts.length);
    ref.batch.q8.embeddings.forEach((expected, i) => {
      expect(maxAbsDiff(vectors[i] ?? [], expected)).toBeLessThanOrEqual(tol);
    });
    expect(await embedder.embed([])).toEqual([]);
  });

  it('stops between batches when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await engineErrorOf(embedder.embed(['a'], { signal: controller.signal }));
    expect(error.reason).toBe('aborted');
  });

  it('made no network request', () => {
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe('loadTransformersEmbedder failures and fallback', () => {
  beforeAll(() => vi.stubGlobal('fetch', fetchSpy));
  afterAll(() => vi.unstubAllGlobals());

  it('names the file a source lacks, and never fetches it', async () => {
    fetchSpy.mockClear();
    const files = diskSource(entry.id, { omit: ['onnx/model_quantized.onnx'] });
    const error = await engineErrorOf(loadTransformersEmbedder({ entry, files, device: 'cpu' }));
    expect(error.reason).toBe('missing-file');
    expect(error.path).toBe('onnx/model_quantized.onnx');
    expect(error.modelId).toBe(entry.id);
    expect(error.message).toBe(
      'Model "omnia-fixture-embedder" is missing "onnx/model_quantized.onnx" in the verified model cache. Download or repair the model, then try again.',
    );
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('does not retry a missing file on another device', async () => {
    const files = diskSource(entry.id, { omit: ['tokenizer.json'] });
    const probe = vi.fn(() => Promise.resolve({ shaderF16: false }));
    const error = await engineErrorOf(
      loadTransformersEmbedder({ entry, files, device: 'webgpu' }, { probe }),
    );
    expect(error.reason).toBe('missing-file');
    expect(error.path).toBe('tokenizer.json');
  });

  it('falls back to the CPU when WebGPU is asked for and there is no adapter', async () => {
    const embedder = await loadTransformersEmbedder({
      entry,
      files: diskSource(entry.id),
      device: 'webgpu',
    });
    try {
      expect(embedder.device).toBe('cpu');
      expect(embedder.fallback).toMatchObject({ from: 'webgpu', to: 'cpu', reason: 'no-webgpu' });
      const [vector] = await embedder.embed([ref.sentences[0]?.text ?? '']);
      expect(maxAbsDiff(vector ?? [], ref.sentences[0]?.q8.embedding ?? [])).toBeLessThanOrEqual(
        tol,
      );
    } finally {
      await embedder.dispose();
    }
  });

  it("falls back to the CPU when onnxruntime's own WebGPU fails to start", async () => {
    // The probe claims an adapter, so transformers.js really tries onnxruntime-node's WebGPU
    // provider, which finds no GPU on these machines and throws.
    const probe = (): Promise<{ shaderF16: boolean }> => Promise.resolve({ shaderF16: false });
    const embedder = await loadTransformersEmbedder(
      { entry, files: diskSource(entry.id), device: 'webgpu' },
      { probe },
    );
    try {
      if (embedder.device === 'webgpu') {
        expect(embedder.fallback).toBeNull(); // a machine with a GPU: nothing to fall back from
      } else {
        expect(embedder.device).toBe('cpu');
        expect(embedder.fallback?.reason).toBe('no-webgpu');
        expect(embedder.fallback?.detail).toMatch(/adapter/i);
      }
      const [vector] = await embedder.embed([ref.sentences[1]?.text ?? '']);
      expect(maxAbsDiff(vector ?? [], ref.sentences[1]?.q8.embedding ?? [])).toBeLessThanOrEqual(
        tol,
      );
    } finally {
      await embedder.dispose();
    }
  });

  it('stops loading when the signal is aborted, before or during the load', async () => {
    const before = new AbortController();
    before.abort();
    const files = diskSource(entry.id);
    const early = await engineErrorOf(
      loadTransformersEmbedder({ entry, files, device: 'cpu', signal: before.signal }),
    );
    expect(early.reason).toBe('aborted');
    expect(files.opened).toEqual([]);

    const during = new AbortController();
    const late = await engineErrorOf(
      loadTransformersEmbedder({
        entry,
        files: diskSource(entry.id),
        device: 'cpu',
        signal: during.signal,
        onProgress: () => during.abort(),
      }),
    );
    expect(late.reason).toBe('aborted');
  });

  it('refuses a model of another task, and calls after dispose', async () => {
    const chatEntry = getModel('omnia-fixture-causal-lm');
    const wrong = await engineErrorOf(
      loadTransformersEmbedder({
        entry: chatEntry,
        files: diskSource(chatEntry.id),
        device: 'cpu',
      }),
    );
    expect(wrong.reason).toBe('unsupported');

    const embedder = await loadTransformersEmbedder({
      entry,
      files: diskSource(entry.id),
      device: 'cpu',
    });
    await embedder.dispose();
    await embedder.dispose();
    expect((await engineErrorOf(embedder.embed(['x']))).reason).toBe('disposed');
  });

  it('made no network request', () => {
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
