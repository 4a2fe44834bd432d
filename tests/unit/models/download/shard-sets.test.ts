// MLC models list their weight shards only in ndarray-cache.json: the catalog's pattern must
// become the real shard files, with the manifest's exact sizes, by download and by import.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defineEntry, kB } from '../../../../src/models/catalog-types';
import {
  matchesShardPattern,
  shardFilesFromManifest,
} from '../../../../src/models/download/shard-sets';
import { EMBEDDER, rig } from './helpers';

const shard = (index: number, length: number): Uint8Array =>
  Uint8Array.from({ length }, (_, i) => (i * 7 + index) % 251);

const SHARDS = [shard(0, 30_000), shard(1, 25_000), shard(2, 1_234)];
const MANIFEST = JSON.stringify({
  metadata: { ParamSize: 3 },
  records: SHARDS.map((bytes, i) => ({
    dataPath: `params_shard_${i}.bin`,
    format: 'raw-shard',
    nbytes: bytes.length,
    md5sum: createHash('md5').update(bytes).digest('hex'),
  })),
});
const CONFIG = new TextEncoder().encode('{"model_type":"test"}');

const SHARDED = defineEntry({
  ...EMBEDDER,
  id: 'test-sharded',
  repo: 'test/sharded-MLC',
  sizeSource: 'estimate',
  files: [
    { path: 'mlc-chat-config.json', size: kB(0.1) },
    { path: 'params_shard_*.bin', size: kB(60), listedIn: 'ndarray-cache.json' },
    { path: 'ndarray-cache.json', size: kB(0.5) },
  ],
});

describe('shard sets', () => {
  it('matches shard names only', () => {
    expect(matchesShardPattern('params_shard_*.bin', 'params_shard_12.bin')).toBe(true);
    expect(matchesShardPattern('params_shard_*.bin', 'x/params_shard_1.bin')).toBe(false);
    expect(matchesShardPattern('params_shard_*.bin', 'params_shard_1.bin.txt')).toBe(false);
  });

  it('reads shards from a manifest, relative to its folder', () => {
    const manifest = JSON.stringify({ records: [{ dataPath: 'params_shard_0.bin', nbytes: 5 }] });
    expect(
      shardFilesFromManifest('w/params_shard_*.bin', 'w/ndarray-cache.json', manifest),
    ).toEqual([{ path: 'w/params_shard_0.bin', size: 5, bytesDone: 0, state: 'pending' }]);
    expect(() => shardFilesFromManifest('p_*.bin', 'ndarray-cache.json', '{')).toThrow(
      /not valid JSON/,
    );
    expect(() => shardFilesFromManifest('p_*.bin', 'ndarray-cache.json', '{"records":[]}')).toThrow(
      /names no file that matches/,
    );
  });

  it('downloads the manifest first, then every shard it lists', async () => {
    const { manager, source, server } = await rig();
    server.addRepo(SHARDED.repo, {
      'mlc-chat-config.json': CONFIG,
      'ndarray-cache.json': new TextEncoder().encode(MANIFEST),
      ...Object.fromEntries(SHARDS.map((bytes, i) => [`params_shard_${i}.bin`, bytes])),
    });
    const record = await manager.install(SHARDED, source);
    expect(record.status).toBe('installed');
    expect(record.files.map((f) => [f.path, f.size, f.state])).toEqual([
      ['mlc-chat-config.json', CONFIG.length, 'verified'],
      ['ndarray-cache.json', MANIFEST.length, 'verified'],
      ['params_shard_0.bin', 30_000, 'verified'],
      ['params_shard_1.bin', 25_000, 'verified'],
      ['params_shard_2.bin', 1_234, 'verified'],
    ]);
    expect(record.bytesTotal).toBe(CONFIG.length + MANIFEST.length + 56_234);
    // The hub-like ETag is a SHA-256, so even the estimated files were hash-checked.
    expect(record.files.every((f) => f.sha256?.length === 64)).toBe(true);
    expect(server.requests.map((r) => r.path)).toEqual(record.files.map((f) => f.path));
    const second = await manager.verifiedFiles(SHARDED).open('params_shard_1.bin');
    expect(new Uint8Array(await second!.arrayBuffer())).toEqual(SHARDS[1]);
    expect(await manager.repair()).toEqual({
      orphansRemoved: [],
      corruptRemoved: [],
      recordsFixed: [],
    });
  });

  it('imports shards named by the picked manifest', async () => {
    const { manager } = await rig();
    const picked = [
      { path: 'm/mlc-chat-config.json', blob: new Blob([CONFIG]) },
      { path: 'm/ndarray-cache.json', blob: new Blob([MANIFEST]) },
      ...SHARDS.map((bytes, i) => ({
        path: `m/params_shard_${i}.bin`,
        blob: new Blob([bytes as BlobPart]),
      })),
    ];
    const record = await manager.importFiles(SHARDED, picked);
    expect(record.status).toBe('installed');
    expect(record.files).toHaveLength(5);
    await expect(manager.importFiles(SHARDED, picked.slice(0, 4))).rejects.toThrow(
      /missing params_shard_2\.bin/,
    );
  });
});
