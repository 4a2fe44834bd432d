/**
 * The relay's cache of upstream model files. A request finds a cached file, verified against
 * its sidecar before it is served, or waits for it to be fetched: all requests for the same
 * missing file wait on one fetch (single-flight), and at most `maxUpstreamFetches` fetches run
 * at once. A cached file whose bytes no longer match its sidecar is deleted and fetched again:
 * a corrupted file is never served. Which origins a repository comes from is upstream-sources.ts's
 * business; keeping the cache under its size cap is cache-budget.ts's.
 */
import { open, stat } from 'node:fs/promises';
import { Agent } from 'node:https';
import { CacheBudget } from './cache-budget.ts';
import { cachePaths, evict, readSidecar, writeSidecar, type CachePaths } from './cache-layout.ts';
import { fillFromUpstream } from './cache-fill.ts';
import {
  CacheFullError,
  describeErrorForLog,
  ModelNotFoundError,
  UpstreamFailedError,
} from './errors.ts';
import { DigestMemo, identityOf, sameIdentity, type FileIdentity } from './file-digest.ts';
import { type ModelRoute } from './route.ts';
import { Semaphore } from './semaphore.ts';
import { type OpenModelFile } from './types.ts';
import { sourceUrl, type SourcesFor, type UpstreamSource } from './upstream-sources.ts';

export interface ModelCacheOptions {
  /** Absolute path; created on the first fetch, never before. */
  cacheDir: string;
  /** The most bytes of cached files kept; least recently used ones are evicted past it. */
  maxBytes: number;
  /** Each repository's sources, tried in order: the first that has the file fills the cache. */
  sourcesFor: SourcesFor;
  /** Trusted CA for upstream certificates (tests' local https server). */
  ca?: string | Buffer;
  maxUpstreamFetches: number;
  log?: (line: string) => void;
  /** Idle socket time before an upstream fetch fails. */
  timeoutMs?: number;
}

type CachedFile = Omit<OpenModelFile, 'source'>;

export class ModelCache {
  readonly #options: ModelCacheOptions;
  readonly #fills = new Map<string, Promise<void>>();
  readonly #digests = new DigestMemo();
  readonly #fetches: Semaphore;
  readonly #agent: Agent;
  readonly #budget: CacheBudget;
  readonly #closing = new AbortController();

  constructor(options: ModelCacheOptions) {
    this.#options = options;
    this.#fetches = new Semaphore(options.maxUpstreamFetches);
    this.#agent = new Agent({ keepAlive: true, ...(options.ca ? { ca: options.ca } : {}) });
    this.#budget = new CacheBudget({
      cacheDir: options.cacheDir,
      maxBytes: options.maxBytes,
      onEvict: (file) => this.#digests.forget(file),
      ...(options.log ? { log: options.log } : {}),
    });
  }

  /**
   * The file for `route`, from the cache or fetched into it first. The caller closes it.
   * @throws ModelNotFoundError when no upstream has it; UpstreamRefusedError or
   *   UpstreamFailedError when it cannot be fetched.
   */
  async open(route: ModelRoute): Promise<OpenModelFile> {
    const sources = this.#options.sourcesFor(route.repo);
    for (const source of sources) {
      const cached = await this.#openCached(source.origin, route);
      if (cached) return { ...cached, source: 'cache' };
    }

    let failure: Error | undefined;
    const missing: string[] = [];
    for (const source of sources) {
      const paths = cachePaths(this.#options.cacheDir, source.origin, route);
      // Kept from eviction between the fill and this request's opening it.
      const unpin = this.#budget.pin(paths.file);
      try {
        try {
          await this.#fill(source, route, paths);
        } catch (error) {
          // Another upstream would not make the file any smaller.
          if (error instanceof CacheFullError) throw error;
          if (error instanceof ModelNotFoundError) missing.push(error.message);
          else failure ??= error instanceof Error ? error : new Error(String(error));
          continue;
        }
        const filled = await this.#openCached(source.origin, route);
        if (filled) return { ...filled, source: 'upstream' };
      } finally {
        unpin();
      }
      failure ??= new UpstreamFailedError(
        `${route.repo}/${route.path} was fetched from ${source.origin.origin} but could not be read back from the cache; try again.`,
      );
    }
    if (failure !== undefined) throw failure;
    throw new ModelNotFoundError(missing.join(' '));
  }

  /** Stops fetches in progress and closes upstream connections. */
  close(): void {
    this.#closing.abort();
    this.#agent.destroy();
  }

  async #openCached(upstream: URL, route: ModelRoute): Promise<CachedFile | undefined> {
    const paths = cachePaths(this.#options.cacheDir, upstream, route);
    let handle;
    try {
      handle = await open(paths.file, 'r');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
      throw error;
    }
    // Not evicted while it is checked or served: the pin ends when the handle closes.
    this.#budget.use(paths.file, handle);
    try {
      // No sidecar: a fetch did not finish. Treated as a miss; the next fetch overwrites it.
      const sidecar = await readSidecar(paths.sidecar);
      const stats = await handle.stat();
      if (sidecar && stats.isFile() && stats.size === sidecar.size) {
        const id = identityOf(stats);
        // Hashed on first use in this process and after any change; remembered otherwise.
        const sha256 = await this.#digests.digest(paths.file, handle, id);
        if (sha256 === sidecar.sha256) {
          if (stats.mtimeMs !== sidecar.mtimeMs) {
            await writeSidecar(paths.sidecar, { ...sidecar, mtimeMs: stats.mtimeMs });
          }
          return { handle, size: stats.size, mtimeMs: stats.mtimeMs, sha256 };
        }
        this.#log(
          `Cached ${paths.file} is corrupt (SHA-256 ${sha256}, expected ${sidecar.sha256}): deleting it and fetching it again.`,
        );
        await this.#evictIfUnchanged(paths, id);
      } else if (sidecar) {
        this.#log(
          `Cached ${paths.file} has ${stats.size} bytes, expected ${sidecar.size}: deleting it and fetching it again.`,
        );
        await this.#evictIfUnchanged(paths, identityOf(stats));
      }
      await handle.close();
      return undefined;
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  // Another request may already have replaced the bad file with a good one: keep that.
  async #evictIfUnchanged(paths: CachePaths, bad: FileIdentity): Promise<void> {
    try {
      if (!sameIdentity(identityOf(await stat(paths.file)), bad)) return;
    } catch {
      return;
    }
    this.#digests.forget(paths.file);
    this.#budget.forget(paths.file);
    await evict(paths);
  }

  #fill(source: UpstreamSource, route: ModelRoute, paths: CachePaths): Promise<void> {
    const running = this.#fills.get(paths.file);
    if (running) return running;

    const upstream = source.origin;
    const fill = this.#fetches
      .run(() =>
        fillFromUpstream(source, route, paths, {
          budget: this.#budget,
          agent: this.#agent,
          signal: this.#closing.signal,
          ...(this.#options.timeoutMs ? { timeoutMs: this.#options.timeoutMs } : {}),
        }),
      )
      .then(
        ({ sidecar, identity }) => {
          this.#digests.remember(paths.file, identity, sidecar.sha256);
          this.#log(
            `Cached ${route.repo}/${route.path}@${route.revision} from ${upstream.origin}: ${sidecar.size} bytes, SHA-256 ${sidecar.sha256}.`,
          );
        },
        (error: unknown) => {
          this.#log(
            error instanceof ModelNotFoundError
              ? `Not found upstream: ${error.message}`
              : `Could not fetch ${sourceUrl(source, route).href}: ${describeErrorForLog(error)}`,
          );
          throw error;
        },
      )
      .finally(() => this.#fills.delete(paths.file));
    this.#fills.set(paths.file, fill);
    return fill;
  }

  #log(line: string): void {
    this.#options.log?.(line);
  }
}
