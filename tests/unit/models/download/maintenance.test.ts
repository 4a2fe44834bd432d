// Managing what is installed: one download per model across tabs, pause and remove,
// recovery after a killed tab, and "repair cache" for bytes that went missing or bad.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createLocalLocks, type LockManagerLike } from '../../../../src/models/download/locks';
import { CAUSAL_LM, EMBEDDER, rig, storedBytes } from './helpers';
import { fixtureBytes } from './model-server';

const slow = (server: { switches: { chunkBytes: number; chunkDelayMs: number } }): void => {
  server.switches.chunkBytes = 2048;
  server.switches.chunkDelayMs = 2;
};

describe('locks', () => {
  it('accepts navigator.locks as its lock manager', () => {
    expectTypeOf<LockManager>().toExtend<LockManagerLike>();
  });

  it('refuses a second install of the same model in the same manager', async () => {
    const { manager, source, server } = await rig();
    slow(server);
    const first = manager.install(EMBEDDER, source);
    await expect(manager.install(EMBEDDER, source)).rejects.toMatchObject({
      kind: 'locked',
      message: 'This model is already downloading.',
    });
    expect((await first).status).toBe('installed');
  });

  it('refuses an install that another tab is running, and leaves its record alone', async () => {
    const locks = createLocalLocks(); // shared, as navigator.locks is between tabs
    const { newManager, source, server } = await rig({ locks });
    slow(server);
    const tabA = newManager();
    const tabB = newManager();
    const running = tabA.install(EMBEDDER, source);
    await expect(tabB.install(EMBEDDER, source)).rejects.toMatchObject({
      kind: 'locked',
      message: 'This model is already downloading in another tab.',
    });
    // The other tab is alive (it holds the lock), so its download is not "interrupted".
    expect(await tabB.recoverInterrupted()).toEqual([]);
    await expect(tabB.remove(EMBEDDER.id)).rejects.toMatchObject({ kind: 'locked' });
    expect((await running).status).toBe('installed');
    expect((await tabB.install(CAUSAL_LM, source)).status).toBe('installed');
  });
});

describe('pause and remove', () => {
  it('pauses a running install, keeping its bytes', async () => {
    const { manager, source, server } = await rig();
    slow(server);
    let paused = false;
    const install = manager.install(EMBEDDER, source, {
      onProgress: (p) => {
        if (!paused && p.bytesDone > 0.3 * p.bytesTotal) paused = manager.pause(EMBEDDER.id);
      },
    });
    await expect(install).rejects.toMatchObject({ kind: 'aborted' });
    expect(paused).toBe(true);
    expect(manager.pause(EMBEDDER.id)).toBe(false);
    const record = await manager.status(EMBEDDER.id);
    expect(record?.status).toBe('paused');
    expect((await manager.diskUse()).get(EMBEDDER.id)).toBe(record?.bytesDone);
  });

  it('removes an installed model, and a running one after stopping it', async () => {
    const { manager, source, server, bytes } = await rig();
    await manager.install(CAUSAL_LM, source);
    await manager.remove(CAUSAL_LM.id);
    expect(await manager.status(CAUSAL_LM.id)).toBeUndefined();
    expect(await bytes.list()).toEqual([]);

    slow(server);
    let install: Promise<unknown> = Promise.resolve();
    await new Promise<void>((started) => {
      install = manager.install(EMBEDDER, source, {
        onProgress: (p) => {
          if (p.bytesDone > 0) started();
        },
      });
    });
    await manager.remove(EMBEDDER.id);
    await expect(install).rejects.toMatchObject({ kind: 'aborted' });
    expect(await manager.list()).toEqual([]);
    expect(await manager.diskUse()).toEqual(new Map());
  });
});

describe('repair', () => {
  it('removes orphans and short files, and (deep) files whose bytes changed', async () => {
    const { manager, source, bytes, server } = await rig();
    await manager.install(EMBEDDER, source);
    await manager.install(CAUSAL_LM, source);
    const write = async (modelId: string, path: string, data: Uint8Array, truncateTo?: number) => {
      const writer = await bytes.openWriter({ modelId, path }, { truncateTo });
      await writer.write(data);
      await writer.close();
    };
    await write('model-nobody-installed', 'weights.bin', new Uint8Array(7));
    await write(EMBEDDER.id, 'stray.bin', new Uint8Array(3));
    await write(CAUSAL_LM.id, 'tokenizer.json', new Uint8Array(0), 100); // cut short
    const flipped = fixtureBytes(EMBEDDER, 'onnx/model.onnx');
    flipped[1000] = (flipped[1000] ?? 0) ^ 1;
    await write(EMBEDDER.id, 'onnx/model.onnx', flipped, 0); // same size, other bytes

    const quick = await manager.repair();
    expect(quick.orphansRemoved).toEqual(
      expect.arrayContaining([
        { modelId: 'model-nobody-installed', path: 'weights.bin' },
        { modelId: EMBEDDER.id, path: 'stray.bin' },
      ]),
    );
    expect(quick.orphansRemoved).toHaveLength(2);
    expect(quick.corruptRemoved).toEqual([{ modelId: CAUSAL_LM.id, path: 'tokenizer.json' }]);
    expect(quick.recordsFixed).toEqual([CAUSAL_LM.id]);
    expect(await manager.status(CAUSAL_LM.id)).toMatchObject({
      status: 'failed',
      error: {
        kind: 'verification',
        path: 'tokenizer.json',
        message: expect.stringContaining('tokenizer.json is missing or damaged') as unknown,
      },
    });
    await expect(manager.verifiedFiles(CAUSAL_LM).open('config.json')).rejects.toThrow(
      /not installed/,
    );
    expect((await manager.status(EMBEDDER.id))?.status).toBe('installed');

    const deep = await manager.repair({ deep: true });
    expect(deep).toEqual({
      orphansRemoved: [],
      corruptRemoved: [{ modelId: EMBEDDER.id, path: 'onnx/model.onnx' }],
      recordsFixed: [EMBEDDER.id],
    });

    // Installing again fetches only what repair removed.
    const sentBefore = server.requests.length;
    await manager.install(EMBEDDER, source);
    await manager.install(CAUSAL_LM, source);
    expect(server.requests.slice(sentBefore).map((r) => r.path)).toEqual([
      'onnx/model.onnx',
      'tokenizer.json',
    ]);
    expect(await storedBytes(bytes, { modelId: EMBEDDER.id, path: 'onnx/model.onnx' })).toEqual(
      fixtureBytes(EMBEDDER, 'onnx/model.onnx'),
    );
    expect(await manager.repair({ deep: true })).toEqual({
      orphansRemoved: [],
      corruptRemoved: [],
      recordsFixed: [],
    });
  });

  it('marks an installed model whose file vanished as failed', async () => {
    const { manager, source, bytes } = await rig();
    await manager.install(EMBEDDER, source);
    await bytes.remove({ modelId: EMBEDDER.id, path: 'config.json' });
    expect(await manager.repair()).toEqual({
      orphansRemoved: [],
      corruptRemoved: [],
      recordsFixed: [EMBEDDER.id],
    });
    expect((await manager.status(EMBEDDER.id))?.error?.path).toBe('config.json');
  });
});
