// The relay's command: option parsing in-process, then the real command in a child process.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli } from '../../../src/relay/cli-options.ts';
import { CliUsageError } from '../../../src/relay/errors.ts';
import { makeApp, type AppFixture } from './relay-fixture.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const SPAWN_TIMEOUT = 15_000;

describe('parseCli', () => {
  it('defaults to dist on 127.0.0.1:4173 at /', () => {
    expect(parseCli([])).toEqual({
      kind: 'serve',
      options: {
        dist: 'dist',
        host: '127.0.0.1',
        port: 4173,
        base: '/',
        verbose: false,
        models: {},
      },
    });
  });

  it('takes host and port from the environment, and flags over both', () => {
    const env = { OMNIA_HOST: '0.0.0.0', OMNIA_PORT: '8080' };
    expect(parseCli([], env)).toMatchObject({ options: { host: '0.0.0.0', port: 8080 } });
    expect(
      parseCli(['--host', '::1', '--port', '0', '--base', '/omnia/', '-v'], env),
    ).toMatchObject({
      options: { host: '::1', port: 0, base: '/omnia/', verbose: true },
    });
  });

  it('treats an empty environment variable as unset', () => {
    expect(parseCli([], { OMNIA_HOST: '', OMNIA_PORT: ' ' })).toMatchObject({
      options: { host: '127.0.0.1', port: 4173 },
    });
  });

  it('asks for help', () => {
    expect(parseCli(['--help'])).toEqual({ kind: 'help' });
    expect(parseCli(['-h', '--port', 'x'])).toEqual({ kind: 'help' });
  });

  it.each([
    ['--port', '70000'],
    ['--port', 'abc'],
    ['--port', '-1'],
    ['--bogus'],
    ['extra'],
    ['--host', ' '],
  ])('refuses %j', (...argv) => {
    expect(() => parseCli(argv)).toThrow(CliUsageError);
  });
});

function withoutRelayEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { OMNIA_HOST: _host, OMNIA_PORT: _port, ...rest } = env;
  return rest;
}

describe('the command', () => {
  let app: AppFixture;
  let empty: string;

  beforeAll(async () => {
    app = await makeApp({ symlinks: false });
    empty = await mkdtemp(join(tmpdir(), 'omnia-relay-empty-'));
  });

  afterAll(async () => {
    await app.cleanup();
    await rm(empty, { recursive: true, force: true });
  });

  function runCli(args: string[]): ChildProcessWithoutNullStreams {
    return spawn(process.execPath, ['--import', 'tsx', 'src/relay/cli.ts', ...args], {
      cwd: REPO,
      env: withoutRelayEnv(process.env),
    });
  }

  // Reads without consuming the stream to its end: breaking out of `for await` would close the
  // child's stdout, and its next console.log would die of EPIPE.
  function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
    return new Promise((resolve, reject) => {
      let text = '';
      const onData = (chunk: Buffer) => {
        text += String(chunk);
        if (!text.includes('\n')) return;
        stream.off('data', onData);
        resolve(text.split('\n')[0] ?? '');
      };
      stream.on('data', onData);
      stream.once('end', () => reject(new Error(`No line before the end of output: ${text}`)));
    });
  }

  async function finish(child: ChildProcessWithoutNullStreams) {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const [code] = (await once(child, 'exit')) as [number | null];
    return { code, stdout, stderr };
  }

  it(
    'prints where Omnia is running, serves it, and stops cleanly on SIGTERM',
    async () => {
      const child = runCli(['--port', '0', '--host', '127.0.0.1', '--dist', app.root]);
      try {
        const line = await firstLine(child.stdout);
        expect(line).toMatch(/^Omnia is running at http:\/\/127\.0\.0\.1:\d+\/$/);
        const url = line.slice('Omnia is running at '.length);
        const res = await fetch(url);
        expect(res.status).toBe(200);
        expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');

        const done = finish(child);
        child.kill('SIGTERM');
        const { code, stderr } = await done;
        expect(code).toBe(0);
        expect(stderr).toBe('');
      } finally {
        child.kill('SIGKILL');
      }
    },
    SPAWN_TIMEOUT,
  );

  it(
    'exits 1 with only the message when there is no build',
    async () => {
      const { code, stdout, stderr } = await finish(runCli(['--port', '0', '--dist', empty]));
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trim()).toBe(`No built app in ${empty}: run \`npm run build\` first.`);
    },
    SPAWN_TIMEOUT,
  );
});
