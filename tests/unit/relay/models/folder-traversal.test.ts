// A models folder whose files change and that has traps next to it: a file is hashed again
// when it changes, and no request can read outside the folder, however it is encoded.
import { appendFile, mkdir, mkdtemp, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../relay-fixture.ts';
import { sha256, startModelRelay, type ModelRelay } from './models-fixture.ts';

describe('a folder whose files change and that has traps outside it', () => {
  const SECRET = 'SECRET-NEXT-TO-THE-MODELS';
  let dir: string;
  let relay: ModelRelay;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'omnia-models-'));
    await mkdir(join(dir, 'models', 'org', 'repo'), { recursive: true });
    await writeFile(join(dir, 'models', 'org', 'repo', 'weights.bin'), 'version one');
    await writeFile(join(dir, 'secret.txt'), SECRET);
    await symlink(join(dir, 'secret.txt'), join(dir, 'models', 'org', 'repo', 'escape.txt'));
    await symlink(join(dir), join(dir, 'models', 'org', 'repo', 'up'));
    // Any read of the secret would move its access time forward from 2000.
    await utimes(join(dir, 'secret.txt'), new Date('2000-01-01'), new Date('2001-01-01'));
    relay = await startModelRelay({ dir: join(dir, 'models'), upstreams: [] });
  });

  afterAll(async () => {
    await relay.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('hashes a file again when it changes', async () => {
    const path = '/omnia/models/org/repo/resolve/main/weights.bin';
    const first = await rawRequest(relay.relay.port, path);
    expect(first.headers.etag).toBe(`"${sha256(Buffer.from('version one'))}"`);
    await appendFile(join(dir, 'models', 'org', 'repo', 'weights.bin'), ', then two');
    const second = await rawRequest(relay.relay.port, path);
    expect(second.text).toBe('version one, then two');
    expect(second.headers.etag).toBe(`"${sha256(Buffer.from('version one, then two'))}"`);
  });

  it.each([
    '/omnia/models/org/repo/resolve/main/../../../../secret.txt',
    '/omnia/models/org/repo/resolve/main/%2e%2e/%2e%2e/%2e%2e/%2e%2e/secret.txt',
    '/omnia/models/org/repo/resolve/main/%2E%2E%2f%2E%2E%2f%2E%2E%2f%2E%2E%2fsecret.txt',
    '/omnia/models/org/repo/resolve/main/..%5c..%5c..%5c..%5csecret.txt',
    '/omnia/models/org/repo/resolve/main/..\\..\\..\\..\\secret.txt',
    '/omnia/models/%2e%2e/%2e%2e/resolve/main/secret.txt',
    '/omnia/models/org/..%2f..%2f/resolve/main/secret.txt',
    '/omnia/models/org/repo/resolve/main/secret.txt%00.bin',
    '/omnia/models/org/repo/resolve/main/escape.txt',
    '/omnia/models/org/repo/resolve/main/up/secret.txt',
    '/omnia/models/org/repo/resolve/%2e%2e/secret.txt',
    '/omnia/models/org/repo/resolve/main/%252e%252e/%252e%252e/secret.txt',
  ])('refuses %s without reading the secret', async (path) => {
    const res = await rawRequest(relay.relay.port, path);
    expect([400, 403, 404], `${path} answered ${res.status}`).toContain(res.status);
    expect(res.text).not.toContain(SECRET);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect((await stat(join(dir, 'secret.txt'))).atime.getUTCFullYear()).toBe(2000);
  });

  it('answers 403 to encoded parent segments and to symlinks out of the folder', async () => {
    const port = relay.relay.port;
    expect((await rawRequest(port, '/omnia/models/org/repo/resolve/main/%2e%2e/x')).status).toBe(
      403,
    );
    expect((await rawRequest(port, '/omnia/models/org/repo/resolve/main/escape.txt')).status).toBe(
      403,
    );
  });
});
