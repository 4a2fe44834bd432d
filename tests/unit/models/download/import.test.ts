// The air-gapped source: a picked folder goes into the same verified cache, and a wrong or
// incomplete folder leaves nothing that looks installed.
import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../../../src/models/catalog-types';
import { createDownloadManager } from '../../../../src/models/download/download-manager';
import type { ImportedFile } from '../../../../src/models/download/import-files';
import { MemoryByteStore, MemoryInstallStore } from '../../../../src/models/download/memory-stores';
import { CAUSAL_LM, EMBEDDER, progressLog, storedBytes } from './helpers';
import { fixtureBytes } from './model-server';

function offline() {
  const bytes = new MemoryByteStore();
  const installs = new MemoryInstallStore();
  const noNetwork = (): Promise<Response> => Promise.reject(new Error('no network here'));
  const manager = createDownloadManager({
    bytes,
    installs,
    fetch: noNetwork,
    progressIntervalMs: 0,
  });
  return { bytes, installs, manager };
}

/** The files of `entry` as a folder picker gives them: paths under the picked folder. */
const pickedFolder = (entry: CatalogEntry): ImportedFile[] =>
  entry.files.map((file) => ({
    path: `${entry.id}/${file.path}`,
    blob: new Blob([fixtureBytes(entry, file.path) as BlobPart]),
  }));

describe('importFiles', () => {
  it('installs a picked folder, verified, with source "imported"', async () => {
    const { manager, bytes } = offline();
    const log = progressLog();
    const record = await manager.importFiles(EMBEDDER, pickedFolder(EMBEDDER), {
      onProgress: log.onProgress,
    });
    expect(record).toMatchObject({ status: 'installed', source: 'imported' });
    expect(record.sourceUrl).toBeUndefined();
    expect(record.files.every((f) => f.state === 'verified')).toBe(true);
    expect(log.events.some((e) => e.file?.phase === 'verify')).toBe(true);
    expect(log.events.at(-1)).toMatchObject({
      status: 'installed',
      bytesDone: EMBEDDER.totalBytes,
    });
    const model = await manager.verifiedFiles(EMBEDDER).open('onnx/model.onnx');
    expect(new Uint8Array(await model!.arrayBuffer())).toEqual(
      fixtureBytes(EMBEDDER, 'onnx/model.onnx'),
    );
    expect(await storedBytes(bytes, { modelId: EMBEDDER.id, path: 'config.json' })).toEqual(
      fixtureBytes(EMBEDDER, 'config.json'),
    );
  });

  it('matches files picked one by one by their base name when it is unique', async () => {
    const { manager } = offline();
    const loose = pickedFolder(CAUSAL_LM).map((file) => ({
      ...file,
      path: file.path.split('/').pop() ?? '',
    }));
    expect((await manager.importFiles(CAUSAL_LM, loose)).status).toBe('installed');
  });

  it('lists missing files and stores nothing', async () => {
    const { manager, bytes } = offline();
    const partial = pickedFolder(EMBEDDER).filter(
      (file) => !file.path.endsWith('tokenizer.json') && !file.path.endsWith('/model.onnx'),
    );
    await expect(manager.importFiles(EMBEDDER, partial)).rejects.toMatchObject({
      kind: 'failed',
      message: expect.stringContaining('missing tokenizer.json, onnx/model.onnx') as unknown,
    });
    expect(await manager.status(EMBEDDER.id)).toBeUndefined();
    expect(await bytes.list()).toEqual([]);
  });

  it('rejects a file of the wrong size before storing anything', async () => {
    const { manager, bytes } = offline();
    const files = pickedFolder(EMBEDDER).map((file) =>
      file.path.endsWith('config.json') ? { ...file, blob: new Blob(['{}']) } : file,
    );
    await expect(manager.importFiles(EMBEDDER, files)).rejects.toMatchObject({
      kind: 'verification',
      message: expect.stringContaining('of the wrong size: config.json') as unknown,
    });
    expect(await bytes.list()).toEqual([]);
  });

  it('does not keep a file with the wrong bytes, nor call the model installed', async () => {
    const { manager, bytes } = offline();
    const files = pickedFolder(EMBEDDER).map((file) => {
      if (!file.path.endsWith('onnx/model_quantized.onnx')) return file;
      const damaged = fixtureBytes(EMBEDDER, 'onnx/model_quantized.onnx');
      damaged[0] = (damaged[0] ?? 0) ^ 0xff;
      return { ...file, blob: new Blob([damaged as BlobPart]) };
    });
    await expect(manager.importFiles(EMBEDDER, files)).rejects.toMatchObject({
      kind: 'verification',
      message: expect.stringContaining(
        'onnx/model_quantized.onnx (its SHA-256 does not match)',
      ) as unknown,
    });
    expect(
      await bytes.size({ modelId: EMBEDDER.id, path: 'onnx/model_quantized.onnx' }),
    ).toBeNull();
    expect(await manager.status(EMBEDDER.id)).toMatchObject({
      status: 'failed',
      error: { kind: 'verification' },
    });
    await expect(manager.verifiedFiles(EMBEDDER).open('config.json')).rejects.toThrow(
      /not installed/,
    );
  });
});
