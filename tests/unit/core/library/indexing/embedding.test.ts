// The library worker marks its embedding model for repair only when a verified file is really
// missing; a read that failed (or anything else) is thrown as it is and marks nothing.
import { describe, expect, it, vi } from 'vitest';
import { EngineError } from '../../../../../src/models/engines/errors';
import type { Embedder } from '../../../../../src/models/engines/types';
import {
  createEmbedderCache,
  embedderUnlessMissing,
} from '../../../../../src/core/library/indexing/embedding';

const MODEL = 'omnia-fixture-embedder';
const signal = new AbortController().signal;

describe('embedderUnlessMissing', () => {
  it('reports a missing file, and goes on keyword only', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const missing = new EngineError('missing-file', 'config.json is gone', {
      modelId: MODEL,
      path: 'config.json',
    });
    const cache = createEmbedderCache(() => Promise.reject(missing));
    const report = vi.fn(() => Promise.resolve(true));
    expect(await embedderUnlessMissing(cache, MODEL, signal, report)).toBeNull();
    expect(report).toHaveBeenCalledWith(MODEL, 'config.json');
    vi.restoreAllMocks();
  });

  it('throws a failed read, an abort or anything else without reporting it', async () => {
    const report = vi.fn(() => Promise.resolve(true));
    for (const error of [
      new EngineError('load-failed', 'Could not read "config.json" (NotFoundError)', {
        path: 'config.json',
      }),
      new EngineError('aborted', 'Loading was cancelled.'),
      new Error('Dexie: DatabaseClosedError'),
    ]) {
      const cache = createEmbedderCache(() => Promise.reject(error));
      await expect(embedderUnlessMissing(cache, MODEL, signal, report)).rejects.toBe(error);
    }
    expect(report).not.toHaveBeenCalled();
    const embedder = { modelId: MODEL } as Embedder;
    const ok = createEmbedderCache(() => Promise.resolve(embedder));
    expect(await embedderUnlessMissing(ok, MODEL, signal, report)).toBe(embedder);
  });
});
