// web-llm's model libraries (mlc-ai/binary-mlc-llm-libs): served from a models folder, or
// fetched from their own origin (GitHub's raw layout, faked here on 127.0.0.1), which is an
// upstream for those files and for nothing else.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveModelOptions } from '../../../../src/relay/models/config.ts';
import { parseModelRoute, type ModelRoute } from '../../../../src/relay/models/route.ts';
import { checkHop } from '../../../../src/relay/models/upstream-policy.ts';
import { sourceUrl, upstreamSources } from '../../../../src/relay/models/upstream-sources.ts';
import { rawRequest } from '../relay-fixture.ts';
import {
  hubOptions,
  patterned,
  sha256,
  startModelRelay,
  useFakeHub,
  type ModelRelay,
} from './models-fixture.ts';

const LIB_REPO = 'mlc-ai/binary-mlc-llm-libs';
const LIB = 'Qwen2.5-0.5B-Instruct-q4f16_1-ctx4k_cs1k-webgpu.wasm';
const LIB_PATH = `web-llm-models/v0_2_86/base/${LIB}`;
const RELAY_PATH = `/omnia/models/${LIB_REPO}/resolve/main/${LIB_PATH}`;
/** Where GitHub keeps it: `<origin>/<repo>/<revision>/<path>`, no `resolve/`. */
const RAW_PATH = `/${LIB_REPO}/main/${LIB_PATH}`;
// The WebAssembly magic and version, then filler.
const WASM = Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), patterned(60_000, 9)]);
const MODEL = 'mlc-ai/Qwen2.5-0.5B-Instruct-q4f16_1-MLC';

const hub = useFakeHub();
const github = useFakeHub();
// GitHub's ETag is not documented to be a SHA-256: one that is 64 hex but not the file's
// SHA-256 must not fail the download.
github.files.set(RAW_PATH, { body: WASM, advertisedSha256: 'ab'.repeat(32) });
let relay: ModelRelay | undefined;

function route(path: string): ModelRoute {
  const parsed = parseModelRoute(path);
  if (parsed.kind !== 'route') throw new Error(parsed.reason);
  return parsed.route;
}

describe('a web-llm model in a models folder', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'omnia-webllm-'));
    const files: Record<string, Buffer> = {
      [`${LIB_REPO}/${LIB_PATH}`]: WASM,
      [`${MODEL}/mlc-chat-config.json`]: Buffer.from('{"model_type":"qwen2"}'),
      [`${MODEL}/tensor-cache.json`]: Buffer.from('{"records":[]}'),
      [`${MODEL}/params_shard_0.bin`]: patterned(4096, 2),
    };
    for (const [path, body] of Object.entries(files)) {
      await mkdir(dirname(join(folder, path)), { recursive: true });
      await writeFile(join(folder, path), body);
    }
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('serves the model library as application/wasm, and the model files beside it', async () => {
    relay = await startModelRelay({ dir: folder, upstreams: [] });
    const port = relay.relay.port;
    const library = await rawRequest(port, RELAY_PATH);
    expect(library.status).toBe(200);
    expect(library.headers['content-type']).toBe('application/wasm');
    expect(library.headers.etag).toBe(`"${sha256(WASM)}"`);
    expect(library.body.equals(WASM)).toBe(true);

    const types: Record<string, string> = {
      'tensor-cache.json': 'application/json',
      'mlc-chat-config.json': 'application/json',
      'params_shard_0.bin': 'application/octet-stream',
    };
    for (const [file, type] of Object.entries(types)) {
      const res = await rawRequest(port, `/omnia/models/${MODEL}/resolve/main/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers['content-type'], file).toBe(type);
    }
  });
});

describe('fetching a model library upstream', () => {
  it('fetches it from the library origin in the raw layout, verifies and caches it', async () => {
    relay = await startModelRelay(hubOptions(hub, { modelLibraryUpstream: github.origin }));
    const hubBefore = hub.totalHits;
    const first = await rawRequest(relay.relay.port, RELAY_PATH);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('application/wasm');
    expect(first.headers.etag).toBe(`"${sha256(WASM)}"`);
    expect(first.body.equals(WASM)).toBe(true);
    expect(github.hitsOf(RAW_PATH)).toBe(1);
    expect(hub.totalHits).toBe(hubBefore);

    const cached = join(relay.cacheDir, `127.0.0.1_${github.port}`, LIB_REPO, 'main', LIB_PATH);
    expect((await readFile(cached)).equals(WASM)).toBe(true);
    const sidecar = JSON.parse(await readFile(`${cached}.omnia.json`, 'utf8')) as {
      fetchedFrom: string;
      sha256: string;
    };
    expect(sidecar.fetchedFrom).toBe(`${github.origin}${RAW_PATH}`);
    expect(sidecar.sha256).toBe(sha256(WASM));

    const again = await rawRequest(relay.relay.port, RELAY_PATH, {
      headers: { Range: 'bytes=0-7' },
    });
    expect(again.status).toBe(206);
    expect(again.body.equals(WASM.subarray(0, 8))).toBe(true);
    expect(github.hitsOf(RAW_PATH)).toBe(1);
  });

  it('never asks the library origin for a hub repository', async () => {
    github.files.set('/org/only-on-github/main/model.bin', { body: WASM });
    relay = await startModelRelay(hubOptions(hub, { modelLibraryUpstream: github.origin }));
    const before = github.totalHits;
    const res = await rawRequest(
      relay.relay.port,
      '/omnia/models/org/only-on-github/resolve/main/model.bin',
    );
    expect(res.status).toBe(404);
    expect(github.totalHits).toBe(before);
  });

  it('refuses a hub redirect to the library origin', async () => {
    const hubPath = '/org/to-github/resolve/main/model.bin';
    hub.files.set(hubPath, { body: WASM, redirect: true, location: `${github.origin}${RAW_PATH}` });
    relay = await startModelRelay(hubOptions(hub, { modelLibraryUpstream: github.origin }));
    const before = github.totalHits;
    const res = await rawRequest(relay.relay.port, `/omnia/models${hubPath}`);
    expect(res.status).toBe(502);
    expect(res.text).toContain('is neither an upstream nor an allowed redirect host');
    expect(github.totalHits).toBe(before);
    expect(existsSync(join(relay.cacheDir, `127.0.0.1_${github.port}`))).toBe(false);
  });

  it('fetches nothing at all with no upstreams (--no-upstream)', async () => {
    relay = await startModelRelay({
      ...hubOptions(hub, { modelLibraryUpstream: github.origin }),
      upstreams: [],
    });
    const before = github.totalHits;
    const res = await rawRequest(relay.relay.port, RELAY_PATH);
    expect(res.status).toBe(404);
    expect(res.text).toContain('no upstream is configured');
    expect(github.totalHits).toBe(before);
  });
});

describe('the model-library table', () => {
  it('fetches mlc-ai/binary-mlc-llm-libs from exactly the URL web-llm uses', async () => {
    const models = await resolveModelOptions({});
    const sourcesFor = upstreamSources(models);
    const library = route(`models/${LIB_REPO}/resolve/main/${LIB_PATH}`);
    const [source, ...others] = sourcesFor(LIB_REPO);
    expect(others).toEqual([]);
    expect(sourceUrl(source!, library).href).toBe(
      `https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/${LIB}`,
    );
    const model = route(`models/${MODEL}/resolve/main/tensor-cache.json`);
    expect(sourceUrl(sourcesFor(MODEL)[0]!, model).href).toBe(
      `https://huggingface.co/${MODEL}/resolve/main/tensor-cache.json`,
    );
  });

  it('allows raw.githubusercontent.com for library files only', async () => {
    const sourcesFor = upstreamSources(await resolveModelOptions({}));
    const lookup = () => Promise.resolve([{ address: '185.199.108.133', family: 4 }]);
    const raw = new URL(`https://raw.githubusercontent.com${RAW_PATH}`);
    const libraryPolicy = { ...sourcesFor(LIB_REPO)[0]!.policy, lookup };
    await expect(checkHop(raw, libraryPolicy)).resolves.toHaveLength(1);
    const hubPolicy = { ...sourcesFor(MODEL)[0]!.policy, lookup };
    await expect(checkHop(raw, hubPolicy)).rejects.toThrow(
      /raw\.githubusercontent\.com is neither an upstream nor an allowed redirect host/,
    );
  });
});
