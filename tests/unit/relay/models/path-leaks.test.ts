// The relay answers the network with `Access-Control-Allow-Origin: *`, so no answer may tell
// a visitor where on this machine the models or the cache live (a LAN finding: a 404 named
// the models folder's absolute path).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rawRequest, type RawResponse } from '../relay-fixture.ts';
import {
  FIXTURE_MODELS,
  hubOptions,
  REPO_ROOT,
  startModelRelay,
  useFakeHub,
  type ModelRelay,
} from './models-fixture.ts';

const hub = useFakeHub();
let relay: ModelRelay | undefined;

/** Fails when the status line's headers or body contain any of `paths`. */
function expectNoPath(res: RawResponse, paths: readonly string[]): void {
  const headers = Object.entries(res.headers).map(([name, value]) => `${name}: ${String(value)}`);
  for (const path of paths) {
    expect(res.text, `body leaks ${path}`).not.toContain(path);
    for (const header of headers) expect(header, `header leaks ${path}`).not.toContain(path);
  }
}

describe('error answers name no path on this machine', () => {
  it('a 404 from the models folder says which file, not which folder', async () => {
    relay = await startModelRelay({ dir: FIXTURE_MODELS, upstreams: [] });
    const res = await rawRequest(relay.relay.port, '/omnia/models/org/secret/resolve/main/x.bin');
    expect(res.status).toBe(404);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.text).toBe(
      'No such model file: org/secret/x.bin. It is not in the models folder, and no upstream is configured.',
    );
    expectNoPath(res, [FIXTURE_MODELS, REPO_ROOT, relay.cacheDir]);
  });

  it('a 404 after asking the upstream names the upstream, not the folder or the cache', async () => {
    relay = await startModelRelay(hubOptions(hub, { dir: FIXTURE_MODELS }));
    const res = await rawRequest(relay.relay.port, '/omnia/models/org/none/resolve/main/x.bin');
    expect(res.status).toBe(404);
    expect(res.text).toContain('No such model file: org/none/x.bin.');
    expect(res.text).toContain(`${hub.origin} has no org/none/x.bin at revision main.`);
    expectNoPath(res, [FIXTURE_MODELS, REPO_ROOT, relay.cacheDir]);
  });

  it('a cache that cannot be written gives a 502 without the cache path (the log keeps it)', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'omnia-leak-cache-'));
    try {
      hub.files.set('/org/unwritable/resolve/main/x.bin', { body: Buffer.from('weights') });
      // The upstream's folder in the cache is a file: creating folders below it fails.
      await mkdir(cacheDir, { recursive: true });
      await writeFile(join(cacheDir, `127.0.0.1_${hub.port}`), 'in the way');
      relay = await startModelRelay(hubOptions(hub), { cacheDir });
      const res = await rawRequest(
        relay.relay.port,
        '/omnia/models/org/unwritable/resolve/main/x.bin',
      );
      expect(res.status, relay.logs.join('\n')).toBe(502);
      expect(res.text).toContain('Downloading org/unwritable/x.bin at revision main');
      expect(res.text).toContain('a cache file');
      expectNoPath(res, [cacheDir, tmpdir()]);
      expect(relay.logs.some((line) => line.includes(cacheDir))).toBe(true);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});
