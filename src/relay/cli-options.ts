/**
 * Reads the relay's command line and environment into options. Kept apart from cli.ts so
 * parsing can be tested without starting a process.
 */
import { parseArgs } from 'node:util';
import { CliUsageError } from './errors.ts';
import {
  DEFAULT_CACHE_DIR,
  DEFAULT_MAX_CACHE_BYTES,
  DEFAULT_MAX_UPSTREAM_FETCHES,
  DEFAULT_UPSTREAM,
  type ModelRelayOptions,
} from './models/config.ts';
import { DEFAULT_HOST, DEFAULT_PORT } from './start.ts';

/** The model options a command line can set; absent fields take startRelay's defaults. */
export type CliModelOptions = Pick<
  ModelRelayOptions,
  | 'dir'
  | 'upstreams'
  | 'allowRepos'
  | 'cacheDir'
  | 'maxCacheBytes'
  | 'maxUpstreamFetches'
  | 'rateLimitBytesPerSecond'
>;

export interface CliOptions {
  dist: string;
  host: string;
  port: number;
  base: string;
  verbose: boolean;
  models: CliModelOptions;
}

export type CliCommand = { kind: 'help' } | { kind: 'serve'; options: CliOptions };

export const USAGE = `Serve the built Omnia app from this machine.

Usage: tsx src/relay/cli.ts [options]

Options:
  --dist <dir>    the built app (default: dist)
  --host <host>   address to listen on (default: ${DEFAULT_HOST}, env OMNIA_HOST);
                  any other address lets your network reach Omnia
  --port <port>   port to listen on (default: ${DEFAULT_PORT}, env OMNIA_PORT; 0 = any free port)
  --base <path>   URL path the app is served under (default: /)
  -v, --verbose   log every request
  -h, --help      show this help

Model files, served at <base>models/<repo>/resolve/<revision>/<file> (the hub's layout):
  --models-dir <dir>    serve <dir>/<repo>/<file> first (e.g. tests/fixtures/models);
                        repeat for more folders, searched in the order given
  --upstream <origin>   https origin to fetch missing files from; repeat for more
                        (default: ${DEFAULT_UPSTREAM}; web-llm's model libraries,
                        mlc-ai/binary-mlc-llm-libs, come from raw.githubusercontent.com)
  --no-upstream         never fetch from an upstream: serve only --models-dir
  --allow-repo <repo>   fetch only these repositories upstream: owner/name or owner/*
                        (e.g. mlc-ai/*); repeat for more (default: any repository)
  --cache-dir <dir>     where fetched files are kept and verified
                        (default: ${DEFAULT_CACHE_DIR} in the current folder)
  --max-cache <size>    most bytes the cache keeps, e.g. 500m or 20g; the least recently
                        used files make room (default: ${DEFAULT_MAX_CACHE_BYTES / 1024 ** 3}g)
  --max-upstream <n>    upstream fetches at once (default: ${DEFAULT_MAX_UPSTREAM_FETCHES})
  --rate-limit <rate>   bytes per second for each model download, e.g. 500k or 2m
                        (default: no limit)`;

/**
 * Flags win over the environment, which wins over defaults.
 * @throws CliUsageError for unknown flags or a port that is not a number from 0 to 65535.
 */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        dist: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        base: { type: 'string' },
        verbose: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
        'models-dir': { type: 'string', multiple: true },
        upstream: { type: 'string', multiple: true },
        'no-upstream': { type: 'boolean' },
        'allow-repo': { type: 'string', multiple: true },
        'cache-dir': { type: 'string' },
        'max-cache': { type: 'string' },
        'max-upstream': { type: 'string' },
        'rate-limit': { type: 'string' },
      },
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
  if (values.help) return { kind: 'help' };

  const host = (values.host ?? fromEnv(env, 'OMNIA_HOST') ?? DEFAULT_HOST).trim();
  if (host === '') throw new CliUsageError('The host is empty: give an address such as 127.0.0.1.');
  return {
    kind: 'serve',
    options: {
      dist: values.dist ?? 'dist',
      host,
      port: parsePort(values.port ?? fromEnv(env, 'OMNIA_PORT') ?? String(DEFAULT_PORT)),
      base: values.base ?? '/',
      verbose: values.verbose ?? false,
      models: modelOptions(values),
    },
  };
}

interface ModelFlags {
  'models-dir'?: string[] | undefined;
  upstream?: string[] | undefined;
  'no-upstream'?: boolean | undefined;
  'allow-repo'?: string[] | undefined;
  'cache-dir'?: string | undefined;
  'max-cache'?: string | undefined;
  'max-upstream'?: string | undefined;
  'rate-limit'?: string | undefined;
}

function modelOptions(flags: ModelFlags): CliModelOptions {
  if (flags['no-upstream'] && flags.upstream) {
    throw new CliUsageError('--upstream and --no-upstream contradict each other: give one.');
  }
  const models: CliModelOptions = {};
  const dirs = flags['models-dir'];
  if (dirs !== undefined) models.dir = dirs.length === 1 ? dirs[0] : dirs;
  if (flags.upstream) models.upstreams = flags.upstream;
  if (flags['no-upstream']) models.upstreams = [];
  if (flags['allow-repo']) models.allowRepos = flags['allow-repo'];
  if (flags['cache-dir'] !== undefined) models.cacheDir = flags['cache-dir'];
  const maxCache = flags['max-cache'];
  if (maxCache !== undefined) models.maxCacheBytes = parseSize(maxCache);
  const max = flags['max-upstream'];
  if (max !== undefined) {
    if (!/^\s*\d{1,3}\s*$/.test(max) || Number(max) < 1) {
      throw new CliUsageError(`Invalid --max-upstream "${max}": use a whole number from 1 to 999.`);
    }
    models.maxUpstreamFetches = Number(max);
  }
  const rate = flags['rate-limit'];
  if (rate !== undefined) models.rateLimitBytesPerSecond = parseRate(rate);
  return models;
}

const RATE_UNITS: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 * 1024 };

/** `65536`, `64k` or `2m` (k and m are 1024 and 1024², as in nginx) → bytes per second. */
function parseRate(text: string): number {
  const match = /^\s*(\d+)\s*([km]?)\s*$/i.exec(text);
  const rate = match ? Number(match[1]) * (RATE_UNITS[match[2]!.toLowerCase()] ?? 1) : NaN;
  if (!(rate > 0)) {
    throw new CliUsageError(
      `Invalid --rate-limit "${text}": use bytes per second above 0, e.g. 500000, 500k or 2m.`,
    );
  }
  return rate;
}

const SIZE_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
};

/** `1048576`, `500m`, `20g`, `1.5t` (optionally with `b` or `ib`: `20GiB`) → bytes. */
function parseSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(text);
  const bytes = match
    ? Math.floor(Number(match[1]) * (SIZE_UNITS[match[2]!.toLowerCase()] ?? 1))
    : NaN;
  if (!(bytes >= 1 && Number.isSafeInteger(bytes))) {
    throw new CliUsageError(
      `Invalid --max-cache "${text}": use a size above 0, e.g. 500m, 20g or 1t (k, m, g, t are 1024-based).`,
    );
  }
  return bytes;
}

// `OMNIA_PORT= npm run serve` means "no preference", not "port empty".
function fromEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function parsePort(text: string): number {
  const port = /^\s*\d{1,5}\s*$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new CliUsageError(
      `Invalid port "${text}": use a number from 0 to 65535 (0 picks a free port).`,
    );
  }
  return port;
}
