// startRelay: the checks before listening, the app's headers, and errors a person can act on.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RelayStartError } from '../../../src/relay/errors.ts';
import { startRelay } from '../../../src/relay/start.ts';
import { makeApp, type AppFixture } from './relay-fixture.ts';

let app: AppFixture;

beforeAll(async () => {
  app = await makeApp({ symlinks: false });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await app.cleanup();
});

describe('startRelay', () => {
  it('serves the app on 127.0.0.1 with its security headers', async () => {
    vi.stubEnv('OMNIA_MODEL_SOURCES', 'http://192.168.1.20:4173');
    const relay = await startRelay({ dist: app.root, port: 0 });
    try {
      expect(relay.url).toBe(`http://127.0.0.1:${relay.port}/`);
      const res = await fetch(relay.url);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>Omnia</title>');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain('http://192.168.1.20:4173');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('cross-origin-embedder-policy')).toBe('credentialless');
    } finally {
      await relay.close();
    }
  });

  it('mounts the app at a base and reports it in the URL', async () => {
    const relay = await startRelay({ dist: app.root, port: 0, base: 'omnia' });
    try {
      expect(relay.url).toBe(`http://127.0.0.1:${relay.port}/omnia/`);
      expect((await fetch(relay.url)).status).toBe(200);
    } finally {
      await relay.close();
    }
  });

  it('closes promptly even with a kept-alive connection, and only once', async () => {
    const relay = await startRelay({ dist: app.root, port: 0 });
    await (await fetch(relay.url)).text();
    const started = performance.now();
    await Promise.all([relay.close(), relay.close()]);
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(fetch(relay.url)).rejects.toThrow();
  });

  it('refuses a folder without index.html, saying how to build one', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'omnia-relay-empty-'));
    try {
      const start = startRelay({ dist: empty, port: 0 });
      await expect(start).rejects.toBeInstanceOf(RelayStartError);
      await expect(start).rejects.toThrow(`No built app in ${empty}: run \`npm run build\` first.`);
      await expect(startRelay({ dist: join(empty, 'missing'), port: 0 })).rejects.toThrow(
        /No built app in/,
      );
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('explains a port that is already in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const start = startRelay({ dist: app.root, port });
      await expect(start).rejects.toBeInstanceOf(RelayStartError);
      await expect(start).rejects.toThrow(
        `Port ${port} is already in use. Stop the other server or choose another port with --port.`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('answers at /models/ with the default (hub) configuration without touching disk or network', async () => {
    const cacheExisted = existsSync('.omnia-relay-cache');
    const relay = await startRelay({ dist: app.root, port: 0 });
    try {
      expect(relay.modelsUrl).toBe(`${relay.url}models/`);
      const preflight = await fetch(`${relay.modelsUrl}org/name/resolve/main/config.json`, {
        method: 'OPTIONS',
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      const malformed = await fetch(`${relay.modelsUrl}org/name/config.json`);
      expect(malformed.status).toBe(400);
      expect(await malformed.text()).toContain('Expected models/{repo}/resolve/{revision}/{file}');
      expect(existsSync('.omnia-relay-cache')).toBe(cacheExisted);
    } finally {
      await relay.close();
    }
  });

  it('refuses a port out of range', async () => {
    await expect(startRelay({ dist: app.root, port: 70000 })).rejects.toThrow(/Invalid port 70000/);
  });
});
