// Attempts to read files outside the served folder. Each must be refused, and none may ever
// return the secret that sits next to the root, whatever status the server chooses.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticServer } from '../../../src/relay/static-server.ts';
import {
  listen,
  makeApp,
  rawRequest,
  SECRET,
  type AppFixture,
  type Listening,
} from './relay-fixture.ts';

let app: AppFixture;
let atRoot: Listening;
let mounted: Listening;

beforeAll(async () => {
  app = await makeApp();
  atRoot = await listen(createStaticServer({ root: app.root }));
  mounted = await listen(createStaticServer({ root: app.root, base: '/omnia/' }));
});

afterAll(async () => {
  await atRoot.close();
  await mounted.close();
  await app.cleanup();
});

async function expectRefused(port: number, path: string, statuses: number[] = [403, 404]) {
  const res = await rawRequest(port, path);
  expect(res.text, path).not.toContain(SECRET);
  expect(statuses, `${path} answered ${res.status}`).toContain(res.status);
}

describe('path traversal at /', () => {
  it.each([
    '/../secret.txt',
    '/../../secret.txt',
    '/assets/../../secret.txt',
    '/./../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/.%2e/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/%5c..%5csecret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/%252e%252e/secret.txt',
  ])('refuses %s', async (path) => {
    await expectRefused(atRoot.port, path);
  });

  it.each(['/notes.txt%00', '/..%00/secret.txt', '/secret.txt%00.html'])(
    'refuses a NUL byte in %s',
    async (path) => {
      await expectRefused(atRoot.port, path);
    },
  );

  it('treats an absolute path as a name inside the root', async () => {
    const secretPath = join(app.dir, 'secret.txt');
    await expectRefused(atRoot.port, `/${secretPath}`);
    await expectRefused(atRoot.port, `/${encodeURIComponent(secretPath)}`);
    await expectRefused(atRoot.port, `/%2f${encodeURIComponent(secretPath.slice(1))}`);
  });

  it('does not follow symlinks that lead outside the root', async () => {
    await expectRefused(atRoot.port, '/escape.txt');
    await expectRefused(atRoot.port, '/escape-dir/secret.txt');
    await expectRefused(atRoot.port, '/escape-dir/');
    await expectRefused(atRoot.port, '/escape-dir', [301, 403, 404]);
  });

  it('still follows a symlink that stays inside the root', async () => {
    expect((await rawRequest(atRoot.port, '/inside-link.txt')).text).toBe('hello');
  });
});

describe('path traversal at /omnia/', () => {
  it.each([
    '/omnia/../secret.txt',
    '/omnia/../../secret.txt',
    '/omnia/%2e%2e/secret.txt',
    '/omnia/..%2f..%2fsecret.txt',
    '/omnia/%5c..%5c..%5csecret.txt',
    '/omnia/escape.txt',
    '/omnia/escape-dir/secret.txt',
    '/../omnia/../secret.txt',
  ])('refuses %s', async (path) => {
    await expectRefused(mounted.port, path);
  });
});
