/**
 * The model server's options, their defaults, and the checks that turn a bad option into a
 * RelayStartError before the relay listens. The default upstreams (the hub, and the origins of
 * model-library repos) are first contacted when a file is asked for; an upstream given
 * explicitly is looked up once here, to refuse one on a private network.
 */
import { stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { RelayStartError } from '../errors.ts';
import { MODEL_LIBRARY_REPOS } from './model-libraries.ts';
import { RepoAllowList } from './repo-allow-list.ts';
import { checkUpstreamAddress, parseUpstream } from './upstream-origin.ts';
import { type LookupAll } from './upstream-policy.ts';

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
  /**
   * Repositories that may be fetched upstream: `owner/name` or `owner/*` (`--allow-repo`,
   * repeatable). Default: any. Others get 403 without any upstream request.
   */
  allowRepos?: string[];
  /** Where upstream files are cached; default `.omnia-relay-cache` in the working directory. */
  cacheDir?: string;
  /** The most bytes of files the cache keeps, default 50 GiB (`--max-cache`). */
  maxCacheBytes?: number;
  /** Upstream fetches at once, default 4 (`--max-upstream`). */
  maxUpstreamFetches?: number;
  /** Pace each model response to this many bytes per second; default off (`--rate-limit`). */
  rateLimitBytesPerSecond?: number;
  /**
   * Fetch model libraries (model-libraries.ts) from this https origin instead of the table's,
   * in the same `<origin>/<repo>/<revision>/<path>` layout (tests, or a mirror).
   */
  modelLibraryUpstream?: string;
  /** Trust this CA for upstream certificates (tests). */
  upstreamTls?: { ca: string | Buffer };
  /** Let configured upstreams resolve to private or loopback addresses (tests only). */
  allowPrivateUpstreams?: boolean;
  /** Hosts upstream redirects may lead to; default the hub's (`*.huggingface.co`, `*.hf.co`…). */
  upstreamRedirectHosts?: string[];
  /** Resolves upstream host names; default the system's resolver (tests). */
  lookup?: LookupAll;
  /** Receives model request lines and cache events; default the relay's `log`. */
  log?: (line: string) => void;
}

/** A model-library repository and the origin its files are fetched from. */
export interface ResolvedLibrary {
  repo: string;
  origin: URL;
  redirectHosts: readonly string[];
}

export interface ResolvedModelOptions {
  /** Absolute paths of the models folders, in search order; empty for none. */
  dirs: string[];
  upstreams: URL[];
  /** Empty when there are no upstreams (`--no-upstream`): then nothing is fetched at all. */
  libraries: ResolvedLibrary[];
  /** Undefined when every repository may be fetched. */
  allowRepos: RepoAllowList | undefined;
  cacheDir: string;
  maxCacheBytes: number;
  maxUpstreamFetches: number;
  rateLimitBytesPerSecond: number | undefined;
  ca: string | Buffer | undefined;
  allowPrivateUpstreams: boolean;
  redirectHosts: string[];
  lookup: LookupAll | undefined;
  log: ((line: string) => void) | undefined;
}

export const DEFAULT_UPSTREAM = 'https://huggingface.co';
export const DEFAULT_CACHE_DIR = '.omnia-relay-cache';
/** Room for a handful of chat models and the rest of the catalog, on a machine with disk to spare. */
export const DEFAULT_MAX_CACHE_BYTES = 50 * 1024 ** 3;
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
  const maxCacheBytes = options.maxCacheBytes ?? DEFAULT_MAX_CACHE_BYTES;
  if (!Number.isSafeInteger(maxCacheBytes) || maxCacheBytes < 1) {
    throw new RelayStartError(
      `Invalid cache size ${maxCacheBytes}: use a whole number of bytes above 0, e.g. --max-cache 20g.`,
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
  const allowRepos = options.allowRepos ? new RepoAllowList(options.allowRepos) : undefined;
  const upstreams = uniqueOrigins(
    (options.upstreams ?? [DEFAULT_UPSTREAM]).map((text) => parseUpstream(text, DEFAULT_UPSTREAM)),
  );
  const libraries = upstreams.length === 0 ? [] : resolveLibraries(options.modelLibraryUpstream);
  const allowPrivateUpstreams = options.allowPrivateUpstreams ?? false;
  if (!allowPrivateUpstreams) {
    // Only origins someone typed: the built-in ones are public and need no DNS at start-up.
    const given = [
      ...(options.upstreams ? upstreams : []),
      ...(options.modelLibraryUpstream ? libraries.map((library) => library.origin) : []),
    ];
    await Promise.all(given.map((url) => checkUpstreamAddress(url, options.lookup, log)));
  }
  return {
    dirs: await checkFolders(options.dir),
    upstreams,
    libraries,
    allowRepos,
    cacheDir: resolve(options.cacheDir ?? DEFAULT_CACHE_DIR),
    maxCacheBytes,
    maxUpstreamFetches: max,
    rateLimitBytesPerSecond: rate,
    ca: options.upstreamTls?.ca,
    allowPrivateUpstreams,
    redirectHosts,
    lookup: options.lookup,
    log,
  };
}

function resolveLibraries(override: string | undefined): ResolvedLibrary[] {
  const origin = override === undefined ? undefined : parseUpstream(override, DEFAULT_UPSTREAM);
  return MODEL_LIBRARY_REPOS.map((row) => ({
    repo: row.repo,
    origin: origin ?? new URL(row.origin),
    redirectHosts: row.redirectHosts,
  }));
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
