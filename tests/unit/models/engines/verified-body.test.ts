// A verified file's snapshot can go stale between the store opening it and transformers.js
// reading it (Chromium: NotReadableError once the file was written or replaced, NotFoundError
// once moved or removed; tests/e2e/opfs-snapshots.e2e.ts). The body re-opens it once and goes
// on from the same offset; the real fixture embedder then loads and embeds as usual. A stale
// snapshot here is a Blob whose reads throw what Chromium throws.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getModel } from '../../../../src/models/catalog';
import { loadTransformersEmbedder } from '../../../../src/models/engines/transformers/transformers-embedder';
import { reopeningBody } from '../../../../src/models/engines/transformers/verified-body';
import type { ModelFileSource } from '../../../../src/models/engines/types';
import { diskSource, maxAbsDiff, reference } from './fixture-files';

const entry = getModel('omnia-fixture-embedder');

/** A Blob of `bytes` whose reads fail with `name` once `staleFrom` bytes have been read. */
function staleBlob(bytes: Uint8Array<ArrayBuffer>, name: string, staleFrom = 0): Blob {
  const whole = new Blob([bytes]);
  const sliceAt = (start: number, end: number): Blob => {
    const part = Blob.prototype.slice.call(whole, start, end);
    if (start < staleFrom) return part;
    return Object.assign(part, {
      arrayBuffer: () => Promise.reject(new DOMException('The file changed.', name)),
    });
  };
  const slice = (start = 0, end = bytes.length): Blob => sliceAt(start, end);
  if (staleFrom > 0) return Object.assign(whole, { slice });
  // Read whole (as `new Response(blob)` does), it fails as well.
  const fail = (): never => {
    throw new DOMException('The file changed.', name);
  };
  const failing = (): Promise<never> => Promise.reject(new DOMException('The file changed.', name));
  return Object.assign(whole, {
    slice,
    arrayBuffer: failing,
    text: failing,
    bytes: failing,
    stream: () => new ReadableStream({ pull: fail }),
  });
}

/** Small slices, so a few hundred bytes span several of them. */
const SLICE = 64;

function bytesOf(size: number): Uint8Array<ArrayBuffer> {
  return Uint8Array.from({ length: size }, (_, i) => (i * 31) % 251);
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('reopeningBody', () => {
  it('reads a readable snapshot as it is, without opening again', async () => {
    const bytes = bytesOf(SLICE + 10);
    const reopen = vi.fn(() => Promise.resolve(null));
    expect(await readAll(reopeningBody(new Blob([bytes]), reopen, { sliceBytes: SLICE }))).toEqual(
      bytes,
    );
    expect(reopen).not.toHaveBeenCalled();
  });

  it.each(['NotReadableError', 'NotFoundError'])(
    'opens again once on %s and goes on from the same offset',
    async (name) => {
      const bytes = bytesOf(SLICE * 3 + 10);
      const reopen = vi.fn(() => Promise.resolve(new Blob([bytes]) as Blob | null));
      const told = vi.fn();
      const body = reopeningBody(staleBlob(bytes, name, SLICE * 2), reopen, {
        onReopened: told,
        sliceBytes: SLICE,
      });
      expect(await readAll(body)).toEqual(bytes);
      expect(reopen).toHaveBeenCalledTimes(1);
      expect(told).toHaveBeenCalledWith(expect.objectContaining({ name }));
    },
  );

  it('fails with what the browser said when the file is gone, changed size or stale again', async () => {
    const bytes = bytesOf(100);
    const gone = reopeningBody(staleBlob(bytes, 'NotFoundError'), () => Promise.resolve(null));
    await expect(readAll(gone)).rejects.toThrow(/changed/);
    const resized = reopeningBody(staleBlob(bytes, 'NotReadableError'), () =>
      Promise.resolve(new Blob([bytesOf(99)])),
    );
    await expect(readAll(resized)).rejects.toMatchObject({ name: 'NotReadableError' });
    const again = vi.fn(() => Promise.resolve(staleBlob(bytes, 'NotReadableError') as Blob | null));
    await expect(
      readAll(reopeningBody(staleBlob(bytes, 'NotReadableError'), again)),
    ).rejects.toMatchObject({ name: 'NotReadableError' });
    expect(again).toHaveBeenCalledTimes(1);
  });

  it('does not open again for other errors', async () => {
    const reopen = vi.fn(() => Promise.resolve(null));
    const body = reopeningBody(staleBlob(bytesOf(10), 'AbortError'), reopen);
    await expect(readAll(body)).rejects.toMatchObject({ name: 'AbortError' });
    expect(reopen).not.toHaveBeenCalled();
  });
});

describe('the fixture embedder whose files are stale when first read', () => {
  beforeAll(() => vi.stubGlobal('fetch', () => Promise.reject(new Error('no network in tests'))));
  afterAll(() => vi.unstubAllGlobals());

  it('loads from the re-opened files and embeds like the numpy reference', async () => {
    const disk = diskSource(entry.id);
    const stale = new Set<string>();
    // The first open of every file hands out a snapshot that is already stale.
    const files: ModelFileSource = {
      async open(path) {
        const blob = await disk.open(path);
        if (blob === null || stale.has(path)) return blob;
        stale.add(path);
        return staleBlob(new Uint8Array(await blob.arrayBuffer()), 'NotReadableError');
      },
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const embedder = await loadTransformersEmbedder({ entry, files, device: 'cpu' });
    try {
      const [sentence] = reference.embedder.sentences;
      const [vector] = await embedder.embed([sentence?.text ?? '']);
      expect(maxAbsDiff(vector ?? [], sentence?.q8.embedding ?? [])).toBeLessThanOrEqual(
        reference.tolerances.q8,
      );
      expect(stale).toContain('config.json');
      expect(stale).toContain('onnx/model_quantized.onnx');
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(/config\.json changed after it was opened/),
      );
    } finally {
      warn.mockRestore();
      await embedder.dispose();
    }
  });
});
