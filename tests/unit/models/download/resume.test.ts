// Downloads are long and tabs get closed: a paused, dropped or killed download resumes from
// the bytes already stored, asking the source only for the rest.
import { describe, expect, it } from 'vitest';
import { createDownloadManager } from '../../../../src/models/download/download-manager';
import { MemoryInstallStore } from '../../../../src/models/download/memory-stores';
import type { InstallRecord } from '../../../../src/models/download/types';
import { FolderByteStore } from './fs-byte-store';
import {
  CAUSAL_LM,
  EMBEDDER,
  RecordingInstallStore,
  killableStores,
  progressLog,
  relay,
  rig,
  storedBytes,
  tempDir,
} from './helpers';
import { fixtureBytes, keyOf } from './model-server';

const partialFile = (record: InstallRecord | undefined) =>
  record?.files.find((file) => file.state === 'partial');

describe('resume', () => {
  it('continues after an abort at ~40% with a Range request from the stored size', async () => {
    const installs = new RecordingInstallStore();
    const { manager, source, server, bytes } = await rig({ installs });
    server.switches.chunkBytes = 4096;
    server.switches.chunkDelayMs = 1;
    const controller = new AbortController();
    const first = manager.install(CAUSAL_LM, source, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.bytesDone >= 0.4 * p.bytesTotal) controller.abort();
      },
    });
    await expect(first).rejects.toMatchObject({ name: 'DownloadError', kind: 'aborted' });
    const paused = await manager.status(CAUSAL_LM.id);
    expect(paused?.status).toBe('paused');
    expect(paused?.error).toBeUndefined();
    const partial = partialFile(paused);
    expect(partial?.path).toBe('onnx/model.onnx');
    const key = { modelId: CAUSAL_LM.id, path: 'onnx/model.onnx' };
    const stored = (await bytes.size(key)) ?? 0;
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(211_599);
    expect(partial?.bytesDone).toBe(stored);
    expect(installs.history.some((r) => r.status === 'installed')).toBe(false);

    const sentBefore = server.requests.length;
    const log = progressLog();
    const record = await manager.install(CAUSAL_LM, source, { onProgress: log.onProgress });
    expect(record.status).toBe('installed');
    const resumed = server.requests.slice(sentBefore);
    expect(resumed.map((r) => r.path)).toEqual(['onnx/model.onnx', 'onnx/model_quantized.onnx']);
    expect(resumed[0]).toMatchObject({
      range: `bytes=${stored}-`,
      ifRange: expect.stringMatching(/^"[0-9a-f]{64}"$/) as unknown,
      status: 206,
      bytesSent: 211_599 - stored,
    });
    expect(log.events[0]?.bytesDone).toBeGreaterThanOrEqual(paused?.bytesDone ?? Infinity);
    expect(await storedBytes(bytes, key)).toEqual(fixtureBytes(CAUSAL_LM, 'onnx/model.onnx'));
    const installed = installs.history.filter((r) => r.status === 'installed');
    expect(installed.every((r) => r.files.every((f) => f.state === 'verified'))).toBe(true);
  });

  it('resumes a killed tab: recovered as paused, then only the remaining bytes are sent', async () => {
    const server = (await rig()).server;
    const bytes = new FolderByteStore(await tempDir());
    const installs = new MemoryInstallStore();
    const tab = killableStores(bytes, installs);
    const path = 'onnx/model.onnx';
    // Paced, so the body arrives in many chunks rather than a few large ones.
    server.switches.chunkBytes = 4096;
    server.switches.chunkDelayMs = 2;
    const doomed = createDownloadManager({
      ...tab,
      fetch,
      checkpointBytes: 8192,
      progressIntervalMs: 0,
    });
    await new Promise<void>((resolve) => {
      void doomed
        .install(EMBEDDER, relay(server), {
          onProgress: (p) => {
            // The tab dies mid-file: from here on it records nothing, not even its failure.
            if (p.file?.path === path && p.file.bytesDone >= 30_000) {
              tab.kill();
              resolve();
            }
          },
        })
        .catch(() => {});
    });

    const left = await installs.get(EMBEDDER.id);
    expect(left?.status).toBe('downloading');
    const stored = (await bytes.size({ modelId: EMBEDDER.id, path })) ?? 0;
    expect(stored).toBeGreaterThanOrEqual(30_000);
    expect(stored).toBeLessThan(95_410);
    // The record lags behind the bytes (it is saved at checkpoints); the bytes are the truth.
    expect(partialFile(left)?.bytesDone).toBeLessThanOrEqual(stored);

    const reloaded = createDownloadManager({ bytes, installs, fetch, checkpointBytes: 8192 });
    expect(await reloaded.recoverInterrupted()).toEqual([EMBEDDER.id]);
    const recovered = await reloaded.status(EMBEDDER.id);
    expect(recovered?.status).toBe('paused');
    expect(partialFile(recovered)).toMatchObject({ path, bytesDone: stored });
    expect(await reloaded.recoverInterrupted()).toEqual([]);

    const sentBefore = server.requests.length;
    const record = await reloaded.install(EMBEDDER, relay(server));
    expect(record.status).toBe('installed');
    const resumed = server.requests.slice(sentBefore);
    expect(resumed[0]).toMatchObject({
      path,
      range: `bytes=${stored}-`,
      status: 206,
      bytesSent: 95_410 - stored,
    });
    expect(resumed.map((r) => r.path)).toEqual([path, 'onnx/model_quantized.onnx']);
    expect(await storedBytes(bytes, { modelId: EMBEDDER.id, path })).toEqual(
      fixtureBytes(EMBEDDER, path),
    );
  });

  it('keeps partial bytes after a dropped connection and resumes from them', async () => {
    const { manager, source, server, bytes } = await rig();
    const path = 'onnx/model_quantized.onnx';
    server.switches.drop = { key: keyOf(EMBEDDER, path), afterBytes: 20_000 };
    await expect(manager.install(EMBEDDER, source)).rejects.toMatchObject({
      kind: 'network',
      path,
      message: expect.stringContaining('Install again to resume') as unknown,
    });
    const failed = await manager.status(EMBEDDER.id);
    expect(failed).toMatchObject({ status: 'failed', error: { kind: 'network', path } });
    const stored = (await bytes.size({ modelId: EMBEDDER.id, path })) ?? 0;
    expect(stored).toBeGreaterThan(0);

    const sentBefore = server.requests.length;
    expect((await manager.install(EMBEDDER, source)).status).toBe('installed');
    expect(server.requests.slice(sentBefore)).toEqual([
      expect.objectContaining({ path, range: `bytes=${stored}-`, status: 206 }),
    ]);
    expect((await manager.status(EMBEDDER.id))?.error).toBeUndefined();
  });

  it('sends no If-Range to the hub, whose file CDN fails the preflight it needs', async () => {
    const { manager, server } = await rig();
    const hubLike = { kind: 'hub', baseUrl: server.baseUrl } as const;
    const path = 'onnx/model.onnx';
    server.switches.drop = { key: keyOf(EMBEDDER, path), afterBytes: 30_000 };
    await expect(manager.install(EMBEDDER, hubLike)).rejects.toMatchObject({ kind: 'network' });
    const sentBefore = server.requests.length;
    expect((await manager.install(EMBEDDER, hubLike)).status).toBe('installed');
    expect(server.requests[sentBefore]).toMatchObject({ path, ifRange: null, status: 206 });
  });

  it('starts over when a range request is answered with the whole file (200)', async () => {
    const { manager, source, server, bytes } = await rig();
    const path = 'onnx/model.onnx';
    server.switches.drop = { key: keyOf(EMBEDDER, path), afterBytes: 30_000 };
    await expect(manager.install(EMBEDDER, source)).rejects.toMatchObject({ kind: 'network' });
    server.switches.ignoreRange = true;
    const sentBefore = server.requests.length;
    expect((await manager.install(EMBEDDER, source)).status).toBe('installed');
    expect(server.requests[sentBefore]).toMatchObject({
      path,
      range: expect.stringMatching(/^bytes=\d+-$/) as unknown,
      status: 200,
      bytesSent: 95_410,
    });
    expect(await storedBytes(bytes, { modelId: EMBEDDER.id, path })).toEqual(
      fixtureBytes(EMBEDDER, path),
    );
  });

  it('verifies a file whose bytes were all stored before the pause without fetching it', async () => {
    const { manager, source, server, installs } = await rig();
    await manager.install(EMBEDDER, source);
    const record = await installs.get(EMBEDDER.id);
    // As if the tab died between the last byte and the verification.
    for (const file of record!.files) file.state = 'partial';
    await installs.put({ ...record!, status: 'paused' });
    const sentBefore = server.requests.length;
    expect((await manager.install(EMBEDDER, source)).status).toBe('installed');
    expect(server.requests.length).toBe(sentBefore);
  });
});
