/**
 * The model server's options, their defaults, and the checks that turn a bad option into a
 * RelayStartError before the relay listens. Nothing here touches the network: the default
 * upstream is the hub, but it is first contacted when a file is asked for.
 */
import { stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { RelayStartError } from '../errors.ts';

/** `startRelay({ models })`: where model files come from. Every field is optional. */
export interface ModelRelayOptions {
  /**
   * Folders with `<repo>/<path>` files, served first and searched in order (`--models-dir`,
   * repeatable). Several folders let, say, the repo's fixtures and node_modules (where npm
   * puts `@tesseract.js-data/eng`) be served side by side without a symlink.
   */
  dir?: string | readonly string[];
  /** https origins tried in order on a miss; default the hub; `[]` for none (`--upstream`). */
  upstreams?: string[];
  /** Where upstream files are cached; default `.omnia-relay-cache` in the working directory. */
  cacheDir?: string;
  /** Upstream fetches at once, default 4 (`--max-upstream`). */
  maxUpstreamFetches?: number;
  /** Pace each model response to this many bytes per second; default off (`--rate-limit`). */
  rateLimitBytesPerSecond?: number;
  /** Trust this CA for upstream certificates (tests). */
  upstreamTls?: { ca: string | Buffer };
  /** Let configured upstreams resolve to private or loopback addresses (tests only). */
  allowPrivateUpstreams?: boolean;
  /** Hosts upstream redirects may lead to; default the hub's (`*.huggingface.co`, `*.hf.co`…). */
  upstreamRedirectHosts?: string[];
  /** Receives model request lines and cache events; default the relay's `log`. */
  log?: (line: string) => void;
}

export interface ResolvedModelOptions {
  /** Absolute paths of the models folders, in search order; empty for none. */
  dirs: string[];
  upstreams: URL[];
  cacheDir: string;
  maxUpstreamFetches: number;
  rateLimitBytesPerSecond: number | undefined;
  ca: string | Buffer | undefined;
  allowPrivateUpstreams: boolean;
  redirectHosts: string[];
  log: ((line: string) => void) | undefined;
}

export const DEFAULT_UPSTREAM = 'https://huggingface.co';
export const DEFAULT_CACHE_DIR = '.omnia-relay-cache';
export const DEFAULT_MAX_UPSTREAM_FETCHES = 4;
/** Where the hub sends downloads: its own hosts and its LFS and Xet CDNs. */
export const HUB_REDIRECT_HOSTS: readonly string[] = Object.freeze([
  'huggingface.co',
  '*.huggingface.co',
  '*.hf.co',
  'cdn-lfs.huggingface.co',
  'cas-bridge.xethub.hf.co',
]);

const HOST_PATTERN =
  /^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/**
 * Fills in defaults and checks every option.
 * @throws RelayStartError naming the option and what to give instead.
 */
export async function resolveModelOptions(
  options: ModelRelayOptions = {},
  fallbackLog?: (line: string) => void,
): Promise<ResolvedModelOptions> {
  const max = options.maxUpstreamFetches ?? DEFAULT_MAX_UPSTREAM_FETCHES;
  if (!Number.isInteger(max) || max < 1) {
    throw new RelayStartError(
      `Invalid maximum of upstream fetches ${max}: use a whole number of at least 1.`,
    );
  }
  const rate = options.rateLimitBytesPerSecond;
  if (rate !== undefined && !(Number.isFinite(rate) && rate > 0)) {
    throw new RelayStartError(
      `Invalid rate limit ${rate}: use a number of bytes per second above 0.`,
    );
  }
  const redirectHosts = options.upstreamRedirectHosts ?? [...HUB_REDIRECT_HOSTS];
  for (const host of redirectHosts) {
    if (!HOST_PATTERN.test(host) && isIP(host) === 0) {
      throw new RelayStartError(
        `Invalid redirect host "${host}": use a host name such as cdn.example.com or *.example.com.`,
      );
    }
  }
  const log = options.log ?? fallbackLog;
  return {
    dirs: await checkFolders(options.dir),
    upstreams: uniqueOrigins((options.upstreams ?? [DEFAULT_UPSTREAM]).map(parseUpstream)),
    cacheDir: resolve(options.cacheDir ?? DEFAULT_CACHE_DIR),
    maxUpstreamFetches: max,
    rateLimitBytesPerSecond: rate,
    ca: options.upstreamTls?.ca,
    allowPrivateUpstreams: options.allowPrivateUpstreams ?? false,
    redirectHosts,
    log,
  };
}

/** An upstream as a URL with nothing but its origin. */
export function parseUpstream(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new RelayStartError(
      `Invalid upstream "${text}": give an https origin such as ${DEFAULT_UPSTREAM}.`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new RelayStartError(
      `Invalid upstream "${text}": upstreams must use https, so that model files cannot be altered on the way.`,
    );
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    throw new RelayStartError(
      `Invalid upstream "${text}": give only the origin (scheme, host and port), such as ${DEFAULT_UPSTREAM}.`,
    );
  }
  return url;
}

function uniqueOrigins(urls: URL[]): URL[] {
  const seen = new Set<string>();
  return urls.filter((url) => !seen.has(url.origin) && seen.add(url.origin));
}

async function checkFolders(dir: string | readonly string[] | undefined): Promise<string[]> {
  const given = dir === undefined ? [] : typeof dir === 'string' ? [dir] : [...dir];
  const paths = await Promise.all(given.map(checkFolder));
  return paths.filter((path, i) => paths.indexOf(path) === i);
}

async function checkFolder(dir: string): Promise<string> {
  const path = resolve(dir);
  try {
    if ((await stat(path)).isDirectory()) return path;
  } catch {
    throw new RelayStartError(`No models folder at ${path}: check the path given to --models-dir.`);
  }
  throw new RelayStartError(`${path} is not a folder: --models-dir needs a folder of models.`);
}
