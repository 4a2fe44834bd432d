// transformers.js turns any error of its cache lookup into "file not found"; the loader says
// what really happened: a file the store no longer has is 'missing-file' (the caller marks the
// model for repair), a read that failed while the file is still verified is 'load-failed'
// naming the real error (nothing to repair), and neither is retried on another device.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getModel } from '../../../../src/models/catalog';
import { ModelNotInstalledError } from '../../../../src/models/download/errors';
import { loadTransformersEmbedder } from '../../../../src/models/engines/transformers/transformers-embedder';
import type { ModelFileSource } from '../../../../src/models/engines/types';
import { diskSource, engineErrorOf } from './fixture-files';

const entry = getModel('omnia-fixture-embedder');

/** The fixture's files, except that opening `path` throws `error`. */
function throwingOn(path: string, error: Error): ModelFileSource {
  const disk = diskSource(entry.id);
  return { open: (p) => (p === path ? Promise.reject(error) : disk.open(p)) };
}

describe('what a failed read of a verified file becomes', () => {
  beforeAll(() => vi.stubGlobal('fetch', () => Promise.reject(new Error('no network in tests'))));
  afterAll(() => vi.unstubAllGlobals());

  it('a read that fails (OPFS NotFoundError) is load-failed, naming the file and the real error', async () => {
    const files = throwingOn(
      'config.json',
      new DOMException('A requested file or directory could not be found.', 'NotFoundError'),
    );
    const probe = vi.fn(() => Promise.resolve({ shaderF16: false }));
    const error = await engineErrorOf(
      loadTransformersEmbedder({ entry, files, device: 'webgpu' }, { probe }),
    );
    expect(error.reason).toBe('load-failed');
    expect(error.path).toBe('config.json');
    expect(error.message).toMatch(
      /^Could not read "config\.json" of model "omnia-fixture-embedder" from this device's storage \(NotFoundError: A requested file/,
    );
    expect(error.message).toMatch(/still recorded as verified/);
    expect(error.message).not.toMatch(/is missing/);
  });

  it('a file the store lost is missing-file, with the download manager’s words', async () => {
    const lost = new ModelNotInstalledError(
      entry.id,
      'tokenizer.json of Fixture embedder is missing from this device’s storage — repair the cache or install the model again.',
    );
    const error = await engineErrorOf(
      loadTransformersEmbedder({ entry, files: throwingOn('tokenizer.json', lost), device: 'cpu' }),
    );
    expect(error.reason).toBe('missing-file');
    expect(error.path).toBe('tokenizer.json');
    expect(error.message).toBe(
      `Model "omnia-fixture-embedder" cannot read "tokenizer.json": ${lost.message}`,
    );
  });

  it('a read that failed once does not haunt the next load', async () => {
    const flaky = throwingOn('config.json', new DOMException('busy', 'NotReadableError'));
    await engineErrorOf(loadTransformersEmbedder({ entry, files: flaky, device: 'cpu' }));
    const embedder = await loadTransformersEmbedder({
      entry,
      files: diskSource(entry.id),
      device: 'cpu',
    });
    expect(embedder.dimension).toBeGreaterThan(0);
    await embedder.dispose();
    const omitted = diskSource(entry.id, { omit: ['config.json'] });
    const error = await engineErrorOf(
      loadTransformersEmbedder({ entry, files: omitted, device: 'cpu' }),
    );
    expect(error.reason).toBe('missing-file'); // not the earlier NotReadableError
  });
});
