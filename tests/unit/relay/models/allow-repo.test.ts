// --allow-repo: with a list, a repository that is not on it is refused before any upstream
// is asked (a LAN finding: any repository a visitor named was fetched into the cache).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RelayStartError } from '../../../../src/relay/errors.ts';
import { RepoAllowList } from '../../../../src/relay/models/repo-allow-list.ts';
import { startRelay } from '../../../../src/relay/start.ts';
import { makeApp, rawRequest } from '../relay-fixture.ts';
import { FakeHub, hubOptions, startModelRelay, type ModelRelay } from './models-fixture.ts';

const BODY = Buffer.from('{"model_type":"bert"}');

let hub: FakeHub;
let relay: ModelRelay;
let folder: string;

beforeAll(async () => {
  hub = await new FakeHub().start();
  for (const repo of ['org/allowed', 'trusted/anything', 'org/other', 'trustedx/model', 'gpt2']) {
    hub.files.set(`/${repo}/resolve/main/config.json`, { body: BODY });
  }
  folder = await mkdtemp(join(tmpdir(), 'omnia-allow-'));
  await mkdir(join(folder, 'local/model'), { recursive: true });
  await writeFile(join(folder, 'local/model/config.json'), BODY);
  relay = await startModelRelay(
    hubOptions(hub, { dir: folder, allowRepos: ['org/allowed', 'trusted/*'] }),
  );
});

afterAll(async () => {
  await relay.close();
  await hub.close();
  await rm(folder, { recursive: true, force: true });
});

const get = (repo: string) =>
  rawRequest(relay.relay.port, `/omnia/models/${repo}/resolve/main/config.json`);

describe('the repository allow-list', () => {
  it.each(['org/allowed', 'trusted/anything'])('fetches %s, which is listed', async (repo) => {
    const res = await get(repo);
    expect(res.status).toBe(200);
    expect(res.body.equals(BODY)).toBe(true);
    expect(hub.hitsOf(`/${repo}/resolve/main/config.json`)).toBe(1);
  });

  it.each(['org/other', 'trustedx/model', 'gpt2', 'org/allowed-not'])(
    'refuses %s with 403 and no upstream request',
    async (repo) => {
      const before = hub.totalHits;
      const res = await get(repo);
      expect(res.status).toBe(403);
      expect(res.text).toBe(
        `Forbidden: ${repo} is not one of the repositories this relay fetches (org/allowed, trusted/*); its operator can add it with --allow-repo.`,
      );
      expect(hub.totalHits).toBe(before);
    },
  );

  it('still serves files from the models folder, which the operator put there', async () => {
    const before = hub.totalHits;
    const res = await get('local/model');
    expect(res.status).toBe(200);
    expect(hub.totalHits).toBe(before);
  });
});

describe('allow-list patterns', () => {
  it('matches owner/name exactly and owner/* by owner', () => {
    const list = new RepoAllowList([
      'mlc-ai/*',
      'onnx-community/Qwen2.5-0.5B-Instruct',
      '@tesseract.js-data/*',
    ]);
    expect(list.allows('mlc-ai/binary-mlc-llm-libs')).toBe(true);
    expect(list.allows('onnx-community/Qwen2.5-0.5B-Instruct')).toBe(true);
    expect(list.allows('@tesseract.js-data/eng')).toBe(true);
    expect(list.allows('onnx-community/Qwen2.5-1.5B-Instruct')).toBe(false);
    expect(list.allows('mlc-ai')).toBe(false);
    expect(list.allows('MLC-AI/binary-mlc-llm-libs')).toBe(false);
  });

  it.each([[''], ['org'], ['org/na/me'], ['*/*'], ['*'], ['org/na*'], ['org/../x'], ['a--b/c']])(
    'refuses the pattern %j at start-up',
    async (pattern) => {
      const app = await makeApp({ symlinks: false });
      try {
        const start = startRelay({
          dist: app.root,
          port: 0,
          models: { upstreams: [], allowRepos: [pattern] },
        });
        await expect(start).rejects.toBeInstanceOf(RelayStartError);
        await expect(start).rejects.toThrow(/Invalid --allow-repo .*owner\/name .*owner\/\*/);
      } finally {
        await app.cleanup();
      }
    },
  );
});
