// Every way a source or the device lets a download down ends in a named error kind with a
// message a person can act on, and never in a model marked installed with bad bytes.
import { describe, expect, it } from 'vitest';
import { DownloadError } from '../../../../src/models/download/errors';
import { MemoryByteStore } from '../../../../src/models/download/memory-stores';
import type { ByteStore } from '../../../../src/models/download/types';
import {
  CAUSAL_LM,
  EMBEDDER,
  RecordingInstallStore,
  progressLog,
  rig,
  storedBytes,
} from './helpers';
import { fixtureBytes, fixtureRepo, keyOf } from './model-server';

const MODEL = 'onnx/model.onnx';
const modelKey = { modelId: EMBEDDER.id, path: MODEL };

describe('verification', () => {
  it('evicts a file whose bytes were damaged once and fetches it again', async () => {
    const { manager, source, server, bytes } = await rig();
    server.switches.flip.set(keyOf(EMBEDDER, MODEL), 1);
    const log = progressLog();
    const record = await manager.install(EMBEDDER, source, { onProgress: log.onProgress });
    expect(record.status).toBe('installed');
    expect(server.requests.filter((r) => r.path === MODEL)).toHaveLength(2);
    expect(await storedBytes(bytes, modelKey)).toEqual(fixtureBytes(EMBEDDER, MODEL));
    const verifyStarts = log.events.filter(
      (e) => e.file?.path === MODEL && e.file.phase === 'verify' && e.file.bytesDone === 0,
    );
    expect(verifyStarts).toHaveLength(2);
  });

  it('fails with "verification" when the bytes are damaged every time, keeping nothing bad', async () => {
    const installs = new RecordingInstallStore();
    const { manager, source, server, bytes } = await rig({ installs });
    server.switches.flip.set(keyOf(EMBEDDER, MODEL), Infinity);
    const failure = manager.install(EMBEDDER, source);
    await expect(failure).rejects.toBeInstanceOf(DownloadError);
    await expect(failure).rejects.toMatchObject({
      kind: 'verification',
      path: MODEL,
      message: expect.stringMatching(
        /onnx\/model\.onnx failed verification twice .*SHA-256/,
      ) as unknown,
    });
    expect(server.requests.filter((r) => r.path === MODEL)).toHaveLength(2);
    expect(await bytes.size(modelKey)).toBeNull();
    const record = await manager.status(EMBEDDER.id);
    expect(record).toMatchObject({
      status: 'failed',
      error: { kind: 'verification', path: MODEL },
    });
    expect(record?.files.find((f) => f.path === MODEL)).toMatchObject({
      state: 'pending',
      bytesDone: 0,
    });
    expect(record?.files.filter((f) => f.state === 'verified')).toHaveLength(3);
    expect(installs.history.some((r) => r.status === 'installed')).toBe(false);
  });

  it('uses a SHA-256 the source advertises when the catalog has none', async () => {
    const entry = { ...EMBEDDER, files: EMBEDDER.files.map(({ sha256: _sha, ...file }) => file) };
    const { manager, source, server } = await rig();
    server.switches.flip.set(keyOf(EMBEDDER, MODEL), Infinity);
    await expect(manager.install(entry, source)).rejects.toMatchObject({ kind: 'verification' });
    server.switches.flip.clear();
    const record = await manager.install(entry, source);
    expect(record.files.find((f) => f.path === MODEL)?.sha256).toBe(
      EMBEDDER.files.find((f) => f.path === MODEL)?.sha256,
    );
  });
});

describe('bad responses', () => {
  it('rejects a web page served instead of the weights, writing nothing', async () => {
    const { manager, source, server, bytes } = await rig();
    server.switches.html.add(keyOf(EMBEDDER, MODEL));
    await expect(manager.install(EMBEDDER, source)).rejects.toMatchObject({
      kind: 'bad-response',
      path: MODEL,
      message:
        'The source sent a web page instead of onnx/model.onnx; check the relay URL or source.',
    });
    expect(await bytes.size(modelKey)).toBeNull();
    expect(await manager.status(EMBEDDER.id)).toMatchObject({
      status: 'failed',
      error: { kind: 'bad-response' },
    });
    await expect(manager.verifiedFiles(EMBEDDER).open('config.json')).rejects.toThrow(
      /not installed/,
    );
  });

  it.each([
    [404, /has no such file \(404\)/],
    [403, /refused it \(403\)/],
    [503, /answered 503/],
  ])('rejects a %i answer', async (status, message) => {
    const { manager, source, server } = await rig();
    server.switches.status.set(keyOf(EMBEDDER, 'config.json'), status);
    await expect(manager.install(EMBEDDER, source)).rejects.toMatchObject({
      kind: 'bad-response',
      message: expect.stringMatching(message) as unknown,
    });
  });

  it('rejects a file whose size differs from the exact catalog size before storing it', async () => {
    const { manager, source, server, bytes } = await rig();
    server.addRepo(EMBEDDER.repo, { ...fixtureRepo(EMBEDDER), 'config.json': new Uint8Array(10) });
    await expect(manager.install(EMBEDDER, source)).rejects.toMatchObject({
      kind: 'bad-response',
      message: expect.stringContaining('is 10 bytes but the catalog expects 414') as unknown,
    });
    expect(await bytes.size({ modelId: EMBEDDER.id, path: 'config.json' })).toBeNull();
  });

  it('reports an unreachable source as a network error', async () => {
    const { manager } = await rig();
    const nowhere = { kind: 'relay', baseUrl: 'http://127.0.0.1:9/models' } as const;
    await expect(manager.install(EMBEDDER, nowhere)).rejects.toMatchObject({
      kind: 'network',
      message: expect.stringContaining('Could not reach the source for config.json') as unknown,
    });
  });
});

describe('storage', () => {
  it('refuses to start without room, naming needed and free space, touching no other model', async () => {
    let free = Infinity;
    const quota = () => Promise.resolve({ usage: 0, quota: free });
    const { manager, source, server, bytes, installs } = await rig({ quota });
    await manager.install(CAUSAL_LM, source);
    const otherRecord = await installs.get(CAUSAL_LM.id);
    const usageBefore = await manager.diskUse();
    free = 50_000;
    const sentBefore = server.requests.length;
    await expect(manager.install(EMBEDDER, source)).rejects.toMatchObject({
      kind: 'quota',
      message: expect.stringMatching(/needs 0\.15 MB more but only 0\.05 MB is free/) as unknown,
    });
    expect(server.requests.length).toBe(sentBefore);
    expect(await installs.get(CAUSAL_LM.id)).toEqual(otherRecord);
    expect(await manager.diskUse()).toEqual(usageBefore);
    expect((await bytes.list()).every((key) => key.modelId === CAUSAL_LM.id)).toBe(true);
    expect(await manager.status(EMBEDDER.id)).toMatchObject({
      status: 'failed',
      error: { kind: 'quota' },
    });
  });

  it('turns a QuotaExceededError from the writer into "quota", removing only the partial file', async () => {
    const bytes = new MemoryByteStore({ capacityBytes: CAUSAL_LM.totalBytes + 60_000 });
    const { manager, source, installs } = await rig({ bytes });
    await manager.install(CAUSAL_LM, source);
    const otherRecord = await installs.get(CAUSAL_LM.id);
    await expect(manager.install(EMBEDDER, source)).rejects.toMatchObject({
      kind: 'quota',
      path: MODEL,
      message: expect.stringContaining('Storage ran out while saving onnx/model.onnx') as unknown,
    });
    expect(await bytes.size(modelKey)).toBeNull();
    expect(await installs.get(CAUSAL_LM.id)).toEqual(otherRecord);
    expect((await manager.diskUse()).get(CAUSAL_LM.id)).toBe(CAUSAL_LM.totalBytes);
    expect(await manager.status(EMBEDDER.id)).toMatchObject({
      status: 'failed',
      error: { kind: 'quota', path: MODEL },
    });
  });

  it('treats ENOSPC from a Node writer as "quota" too', async () => {
    const inner = new MemoryByteStore();
    const bytes: ByteStore = {
      ...inner,
      size: (key) => inner.size(key),
      read: (key) => inner.read(key),
      remove: (key) => inner.remove(key),
      removeModel: (id) => inner.removeModel(id),
      list: () => inner.list(),
      openWriter: async (key, options) => {
        const writer = await inner.openWriter(key, options);
        return {
          position: writer.position,
          flush: () => writer.flush(),
          close: () => writer.close(),
          write: () =>
            Promise.reject(Object.assign(new Error('no space left'), { code: 'ENOSPC' })),
        };
      },
    };
    const { manager, source } = await rig({ bytes });
    await expect(manager.install(EMBEDDER, source)).rejects.toMatchObject({
      kind: 'quota',
      path: 'config.json',
    });
  });
});
