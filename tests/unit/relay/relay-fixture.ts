/**
 * Shared test scaffolding for the relay: a throw-away built app on disk (with a secret file
 * and symlinks next to it, for the traversal tests) and a raw HTTP client. The client uses
 * node:http with the path exactly as given, because fetch and URL would normalise `../`
 * away before the server ever saw it.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import {
  request,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
  type Server,
} from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SECRET = 'TOP-SECRET-OUTSIDE-ROOT';

/** 1000 bytes whose value is their index mod 256, so any slice can be checked exactly. */
export const COUNTING = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));

export interface AppFixture {
  /** Parent folder: holds `secret.txt`, `outside/` and `app/`. */
  dir: string;
  /** The served root (`dir/app`). */
  root: string;
  cleanup(): Promise<void>;
}

/** Files a Vite PWA build would produce, plus traps outside the root. */
export async function makeApp(options: { symlinks?: boolean } = {}): Promise<AppFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'omnia-relay-'));
  const root = join(dir, 'app');
  await mkdir(join(root, 'assets'), { recursive: true });
  await mkdir(join(root, 'docs'));
  await mkdir(join(dir, 'outside'));
  const files: Record<string, string | Buffer> = {
    'index.html': '<!doctype html><title>Omnia</title>',
    'assets/index-a1b2c3.js': 'console.log("app");',
    'assets/index-a1b2c3.css': 'body{margin:0}',
    'assets/ort-d4e5f6.wasm': Buffer.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
    'sw.js': 'self.skipWaiting();',
    'registerSW.js': '/* register */',
    'manifest.webmanifest': '{"name":"Omnia"}',
    'icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'favicon.ico': Buffer.from([0, 0, 1, 0]),
    'data.json': '{}',
    'notes.txt': 'hello',
    'model.onnx': Buffer.from([8, 1]),
    'unknown.xyz': 'mystery',
    'empty.txt': '',
    'counting.bin': COUNTING,
    'docs/index.html': '<p>docs</p>',
  };
  for (const [name, content] of Object.entries(files)) await writeFile(join(root, name), content);
  await writeFile(join(dir, 'secret.txt'), SECRET);
  await writeFile(join(dir, 'outside', 'secret.txt'), SECRET);
  await writeFile(join(dir, 'outside', 'index.html'), SECRET);
  if (options.symlinks ?? true) {
    await symlink(join(dir, 'secret.txt'), join(root, 'escape.txt'));
    await symlink('../outside', join(root, 'escape-dir'));
    await symlink('notes.txt', join(root, 'inside-link.txt'));
  }
  return { dir, root, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface Listening {
  port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 at a free port. */
export async function listen(server: Server): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/** One request with `path` sent byte for byte as given. */
export function rawRequest(
  port: number,
  path: string,
  options: { method?: string; headers?: OutgoingHttpHeaders } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: body.toString('utf8'),
          });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
