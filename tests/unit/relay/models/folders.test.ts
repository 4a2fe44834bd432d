// Several models folders (--models-dir repeated): searched in order, the first that has the
// file serves it, a refusal is not overridden by a later folder, and an npm scope
// (@tesseract.js-data/eng, served from node_modules) is a repo like any other.
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli } from '../../../../src/relay/cli-options.ts';
import { RelayStartError } from '../../../../src/relay/errors.ts';
import { resolveModelOptions } from '../../../../src/relay/models/config.ts';
import { parseModelRoute } from '../../../../src/relay/models/route.ts';
import { rawRequest } from '../relay-fixture.ts';
import {
  FIXTURE_MODELS,
  REPO_ROOT,
  sha256,
  startModelRelay,
  type ModelRelay,
} from './models-fixture.ts';

const NODE_MODULES = join(REPO_ROOT, 'node_modules');
const ENG_PATH = '4.0.0_best_int/eng.traineddata.gz';
const ENG_BYTES = readFileSync(join(NODE_MODULES, '@tesseract.js-data/eng', ENG_PATH));
const CONFIG = 'omnia-fixture-embedder/config.json';

let served: ModelRelay;
let first: string;
let second: string;
let outside: string;

beforeAll(async () => {
  // first: shadows one fixture file and links outside itself; second: the real fixtures.
  first = await mkdtemp(join(tmpdir(), 'omnia-folders-a-'));
  outside = await mkdtemp(join(tmpdir(), 'omnia-folders-out-'));
  await mkdir(join(first, 'omnia-fixture-embedder'), { recursive: true });
  await writeFile(join(first, CONFIG), '{"shadowed":true}');
  await writeFile(join(outside, 'tokenizer.json'), 'secret');
  await symlink(
    join(outside, 'tokenizer.json'),
    join(first, 'omnia-fixture-embedder/tokenizer.json'),
  );
  second = FIXTURE_MODELS;
  served = await startModelRelay({ dir: [first, second, NODE_MODULES], upstreams: [] });
});

afterAll(async () => {
  await served.close();
  await rm(first, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

const get = (path: string) => rawRequest(served.relay.port, `/omnia/models/${path}`);

describe('several models folders', () => {
  it('serves a file from the first folder that has it', async () => {
    const res = await get('omnia-fixture-embedder/resolve/main/config.json');
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('{"shadowed":true}');
  });

  it('falls through to a later folder', async () => {
    const res = await get('omnia-fixture-embedder/resolve/main/onnx/model.onnx');
    expect(res.status).toBe(200);
    const bytes = readFileSync(join(FIXTURE_MODELS, 'omnia-fixture-embedder/onnx/model.onnx'));
    expect(res.body.equals(bytes)).toBe(true);
  });

  it('does not look further when a folder refuses the file', async () => {
    const res = await get('omnia-fixture-embedder/resolve/main/tokenizer.json');
    expect(res.status).toBe(403);
    expect(res.body.toString()).not.toContain('secret');
  });

  it('serves an npm scoped package from node_modules, with its SHA-256 as ETag', async () => {
    for (const name of ['@tesseract.js-data', '%40tesseract.js-data']) {
      const res = await get(`${name}/eng/resolve/1.0.0/${ENG_PATH}`);
      expect(res.status, name).toBe(200);
      expect(res.body.equals(ENG_BYTES)).toBe(true);
      expect(res.headers.etag).toBe(`"${sha256(ENG_BYTES)}"`);
    }
  });

  it('says which file is missing without naming any folder of this machine', async () => {
    const res = await get('omnia-fixture-embedder/resolve/main/nothing.bin');
    expect(res.status).toBe(404);
    expect(res.text).toBe(
      'No such model file: omnia-fixture-embedder/nothing.bin. It is not in the models folder, and no upstream is configured.',
    );
    for (const folder of [first, second, NODE_MODULES, tmpdir(), REPO_ROOT]) {
      expect(res.text).not.toContain(folder);
    }
  });
});

describe('models folder options', () => {
  it('takes one folder or a list, dropping repeats', async () => {
    expect((await resolveModelOptions({ dir: FIXTURE_MODELS })).dirs).toEqual([FIXTURE_MODELS]);
    const both = await resolveModelOptions({ dir: [FIXTURE_MODELS, NODE_MODULES, FIXTURE_MODELS] });
    expect(both.dirs).toEqual([FIXTURE_MODELS, NODE_MODULES]);
    expect((await resolveModelOptions({})).dirs).toEqual([]);
  });

  it('refuses a list with a missing folder, naming it', async () => {
    const missing = join(tmpdir(), 'omnia-no-such-models-folder');
    await expect(resolveModelOptions({ dir: [FIXTURE_MODELS, missing] })).rejects.toThrow(
      RelayStartError,
    );
    await expect(resolveModelOptions({ dir: [FIXTURE_MODELS, missing] })).rejects.toThrow(missing);
  });

  it('reads --models-dir given more than once, in order', () => {
    expect(parseCli(['--models-dir', 'a', '--models-dir', 'b'])).toMatchObject({
      options: { models: { dir: ['a', 'b'] } },
    });
    expect(parseCli(['--models-dir', 'a'])).toMatchObject({ options: { models: { dir: 'a' } } });
  });
});

describe('npm scopes in model routes', () => {
  it('accepts @scope as the owner of a two-segment repo only', () => {
    expect(
      parseModelRoute(`models/@tesseract.js-data/eng/resolve/1.0.0/${ENG_PATH}`),
    ).toMatchObject({
      route: { repo: '@tesseract.js-data/eng', revision: '1.0.0', path: ENG_PATH },
    });
    expect(parseModelRoute('models/@scope/resolve/main/x').kind).toBe('malformed');
    expect(parseModelRoute('models/org/@name/resolve/main/x').kind).toBe('malformed');
    expect(parseModelRoute('models/@/name/resolve/main/x').kind).toBe('malformed');
  });
});
