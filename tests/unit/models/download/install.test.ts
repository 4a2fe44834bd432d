// A full install from a real HTTP source: exact bytes, verified files, progress a person can
// follow, and 'installed' never written before every file has been verified.
import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../../../src/models/catalog-types';
import { FolderByteStore } from './fs-byte-store';
import {
  CAUSAL_LM,
  EMBEDDER,
  RecordingInstallStore,
  progressLog,
  rig,
  storedBytes,
  tempDir,
} from './helpers';
import { fixtureBytes } from './model-server';

describe('install', () => {
  it.each([
    ['memory', EMBEDDER.id, EMBEDDER],
    ['memory', CAUSAL_LM.id, CAUSAL_LM],
    ['folder', EMBEDDER.id, EMBEDDER],
  ])('installs into a %s store: %s, with exact bytes', async (store, _id, entry: CatalogEntry) => {
    const bytes = store === 'folder' ? new FolderByteStore(await tempDir()) : undefined;
    const { manager, source } = await rig(bytes ? { bytes } : {});
    const record = await manager.install(entry, source);
    expect(record.status).toBe('installed');
    expect(record.source).toBe('relay');
    expect(record.sourceUrl).toBe(source.baseUrl);
    expect(record.bytesDone).toBe(entry.totalBytes);
    expect(record.bytesTotal).toBe(entry.totalBytes);
    expect(record.installedAt).toBeTypeOf('number');
    expect(record.files.map((f) => [f.path, f.state])).toEqual(
      entry.files.map((f) => [f.path, 'verified']),
    );
    const files = manager.verifiedFiles(entry);
    for (const file of entry.files) {
      const blob = await files.open(file.path);
      expect(new Uint8Array(await blob!.arrayBuffer())).toEqual(fixtureBytes(entry, file.path));
    }
    expect(await manager.status(entry.id)).toEqual(record);
    expect(await manager.diskUse()).toEqual(new Map([[entry.id, entry.totalBytes]]));
  });

  it('reports monotonic progress with speed, time left and a verify phase per file', async () => {
    const installs = new RecordingInstallStore();
    const { manager, source, server } = await rig({ installs });
    server.switches.chunkBytes = 4096;
    server.switches.chunkDelayMs = 2;
    const log = progressLog();
    await manager.install(EMBEDDER, source, { onProgress: log.onProgress });
    const { events } = log;
    for (const [previous, next] of events.slice(1).map((e, i) => [events[i]!, e] as const)) {
      expect(next.bytesDone).toBeGreaterThanOrEqual(previous.bytesDone);
    }
    expect(events.every((e) => e.bytesTotal === EMBEDDER.totalBytes)).toBe(true);
    expect(events.some((e) => e.bytesPerSecond > 0 && e.secondsLeft !== null)).toBe(true);
    expect(events[0]).toMatchObject({ status: 'downloading', bytesDone: 0 });
    expect(events.at(-1)).toMatchObject({
      status: 'installed',
      bytesDone: EMBEDDER.totalBytes,
      secondsLeft: 0,
    });
    for (const file of EMBEDDER.files) {
      const phases = events.filter((e) => e.file?.path === file.path).map((e) => e.file!.phase);
      expect(phases[0]).toBe('fetch');
      expect(phases.at(-1)).toBe('verify');
      expect(phases.indexOf('verify')).toBeGreaterThan(phases.lastIndexOf('fetch'));
    }
    // The record is only ever 'installed' with every file verified, and it ends so.
    const installedPuts = installs.history.filter((r) => r.status === 'installed');
    expect(installedPuts).toHaveLength(1);
    expect(installedPuts[0]!.files.every((f) => f.state === 'verified')).toBe(true);
    expect(installs.history.at(-1)?.status).toBe('installed');
  });

  it('throttles progress events to the interval', async () => {
    const { manager, source, server } = await rig({ now: () => 0, progressIntervalMs: 200 });
    server.switches.chunkBytes = 1024;
    const log = progressLog();
    // The clock never moves, so only the forced (state change) events come through.
    await manager.install(EMBEDDER, source, { onProgress: log.onProgress });
    const perFile = 3; // start fetch, start verify, verified
    expect(log.events.length).toBeLessThanOrEqual(2 + perFile * EMBEDDER.files.length);
    expect(log.events.at(-1)?.status).toBe('installed');
  });

  it('makes no request when installing an installed model again', async () => {
    const { manager, source, server } = await rig();
    await manager.install(CAUSAL_LM, source);
    const before = server.requests.length;
    const again = await manager.install(CAUSAL_LM, source);
    expect(again.status).toBe('installed');
    expect(server.requests.length).toBe(before);
  });

  it('refuses files to engines until the model is installed', async () => {
    const { manager, source, bytes } = await rig();
    const files = manager.verifiedFiles(EMBEDDER);
    await expect(files.open('config.json')).rejects.toThrow(
      'omnia-fixture-embedder is not installed — download it first.',
    );
    await manager.install(EMBEDDER, source);
    expect(await files.open('not-in-the-model.bin')).toBeNull();
    expect((await files.open('config.json'))?.size).toBe(414);
    // Bytes gone behind the manager's back are reported, not served short.
    await bytes.remove({ modelId: EMBEDDER.id, path: 'config.json' });
    await expect(files.open('config.json')).rejects.toMatchObject({
      name: 'ModelNotInstalledError',
      message: expect.stringContaining('missing from this device') as unknown,
    });
    expect(await storedBytes(bytes, { modelId: EMBEDDER.id, path: 'tokenizer.json' })).toEqual(
      fixtureBytes(EMBEDDER, 'tokenizer.json'),
    );
  });
});
