/**
 * Downloads one file from an upstream into the cache, verifying it before anyone can see
 * it: the body goes to `<file>.partial` while it is hashed and counted, is compared with the
 * length and SHA-256 the upstream advertised, and only then is renamed into place, followed
 * by its sidecar. A file that fails any check is deleted, so the cache never holds bytes
 * that were not checked. Room for the file is reserved in the cache budget before the first
 * byte is written (or as bytes arrive, when the upstream does not say how many there are).
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type CacheBudget, type Reservation } from './cache-budget.ts';
import { type CachePaths, type Sidecar, writeSidecar } from './cache-layout.ts';
import {
  CacheFullError,
  describeError,
  ModelNotFoundError,
  UpstreamFailedError,
} from './errors.ts';
import { identityOf, type FileIdentity } from './file-digest.ts';
import { type ModelRoute } from './route.ts';
import {
  fetchUpstream,
  type UpstreamFetchOptions,
  type UpstreamResponse,
} from './upstream-fetch.ts';
import { sourceUrl, type UpstreamSource } from './upstream-sources.ts';

// What the hub answers, in `X-Error-Code`, for a repo, revision or file that does not exist.
const HUB_NOT_FOUND = new Set(['RepoNotFound', 'RevisionNotFound', 'EntryNotFound']);
// The disk itself is full: as much a "no room" as the cap.
const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);

export type FillOptions = Omit<UpstreamFetchOptions, 'policy' | 'etagIsSha256'> & {
  budget: CacheBudget;
};

export interface FilledFile {
  sidecar: Sidecar;
  identity: FileIdentity;
}

/**
 * Fetches `route` from `source` into `paths`.
 * @throws ModelNotFoundError when the upstream has no such file; CacheFullError when the cache
 *   has no room for it; UpstreamRefusedError or UpstreamFailedError when it cannot be fetched
 *   or its bytes do not match.
 */
export async function fillFromUpstream(
  source: UpstreamSource,
  route: ModelRoute,
  paths: CachePaths,
  options: FillOptions,
): Promise<FilledFile> {
  const upstream = source.origin;
  const url = sourceUrl(source, route);
  const label = `${route.repo}/${route.path} at revision ${route.revision}`;
  const { budget, ...fetchOptions } = options;
  const res = await fetchUpstream(url, {
    ...fetchOptions,
    policy: source.policy,
    etagIsSha256: source.etagIsSha256,
  });
  const contentLength = sizeHeader(res.headers['content-length']);
  const expectedSize = contentLength ?? res.advertisedSize;
  try {
    checkStatus(res, upstream, label);
  } catch (error) {
    // A short error page: read it to the end, so the connection can be used again.
    res.body.resume();
    throw error;
  }
  let reservation: Reservation;
  try {
    reservation = await budget.reserve(expectedSize ?? 0, `${route.repo}/${route.path}`);
  } catch (error) {
    // Not a byte of a file that cannot be kept is downloaded.
    res.body.destroy();
    throw error;
  }

  // Without an announced size, room is taken as the bytes arrive.
  const grow =
    expectedSize === undefined ? (total: number) => reservation.growTo(total) : undefined;
  const meter = new HashingMeter(expectedSize, grow);
  try {
    await mkdir(dirname(paths.file), { recursive: true });
    await pipeline(res.body, meter, createWriteStream(paths.partial), {
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const sha256 = meter.digest();
    verify(meter.bytes, sha256, { contentLength, res, label, upstream });
    await syncToDisk(paths.partial);
    await rename(paths.partial, paths.file);
  } catch (error) {
    reservation.release();
    res.body.destroy();
    // A cleanup that fails too (the folder was never made) must not hide why the fill failed.
    await rm(paths.partial, { force: true }).catch(() => undefined);
    throw fillError(error, { label, upstream, bytes: meter.bytes, expectedSize });
  }

  const stats = await stat(paths.file);
  reservation.commit(paths.file, stats.size);
  const sidecar: Sidecar = {
    size: stats.size,
    sha256: meter.digest(),
    mtimeMs: stats.mtimeMs,
    fetchedFrom: url.href,
    fetchedAt: new Date().toISOString(),
  };
  await writeSidecar(paths.sidecar, sidecar);
  return { sidecar, identity: identityOf(stats) };
}

function fillError(
  error: unknown,
  context: { label: string; upstream: URL; bytes: number; expectedSize: number | undefined },
): Error {
  if (error instanceof UpstreamFailedError || error instanceof CacheFullError) return error;
  const { label, upstream, bytes, expectedSize } = context;
  if (DISK_FULL.has((error as NodeJS.ErrnoException).code ?? '')) {
    return new CacheFullError(
      `The disk holding the relay's cache is full, so ${label} could not be stored. The relay's operator can free space or lower --max-cache.`,
      { cause: error },
    );
  }
  const total = expectedSize === undefined ? '' : ` of ${expectedSize}`;
  return new UpstreamFailedError(
    `Downloading ${label} from ${upstream.origin} failed after ${bytes}${total} bytes: ${describeError(error)}. Nothing was cached; try again.`,
    { cause: error },
  );
}

function checkStatus(res: UpstreamResponse, upstream: URL, label: string): void {
  const errorCode = res.headers['x-error-code'];
  if (res.status === 404 || (typeof errorCode === 'string' && HUB_NOT_FOUND.has(errorCode))) {
    throw new ModelNotFoundError(`${upstream.origin} has no ${label}.`);
  }
  if (res.status === 401 || res.status === 403) {
    throw new UpstreamFailedError(
      `${upstream.origin} refused access to ${label} (${res.status}): the repository is private or gated, and the relay sends no credentials.`,
    );
  }
  if (res.status !== 200) {
    throw new UpstreamFailedError(
      `${upstream.origin} answered ${res.status} for ${label}${res.url.host === upstream.host ? '' : ` (from ${res.url.host})`}.`,
    );
  }
  const encoding = res.headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    throw new UpstreamFailedError(
      `${res.url.host} sent ${label} with Content-Encoding ${encoding}, although the relay asked for the file itself.`,
    );
  }
}

function verify(
  bytes: number,
  sha256: string,
  context: {
    contentLength: number | undefined;
    res: UpstreamResponse;
    label: string;
    upstream: URL;
  },
): void {
  const { contentLength, res, label, upstream } = context;
  const from = `${label} from ${upstream.origin}`;
  if (contentLength !== undefined && bytes !== contentLength) {
    throw new UpstreamFailedError(
      `Downloading ${from} stopped at ${bytes} of ${contentLength} bytes; nothing was cached.`,
    );
  }
  if (res.advertisedSize !== undefined && bytes !== res.advertisedSize) {
    throw new UpstreamFailedError(
      `${from} is ${bytes} bytes, but the upstream said ${res.advertisedSize}; nothing was cached.`,
    );
  }
  if (res.advertisedSha256 !== undefined && sha256 !== res.advertisedSha256) {
    throw new UpstreamFailedError(
      `${from} has SHA-256 ${sha256}, but the upstream advertised ${res.advertisedSha256}; nothing was cached.`,
    );
  }
}

function sizeHeader(header: string | undefined): number | undefined {
  return header !== undefined && /^\d+$/.test(header.trim()) ? Number(header) : undefined;
}

// The rename must not make a file visible whose bytes are still only in the page cache.
async function syncToDisk(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Hashes and counts the body on its way to disk; stops at once if it outgrows `limit`, or if
 * `grow` (which takes room in the cache for the bytes so far) fails.
 */
class HashingMeter extends Transform {
  bytes = 0;
  readonly #hash = createHash('sha256');
  readonly #limit: number | undefined;
  readonly #grow: ((total: number) => Promise<void>) | undefined;
  #digest: string | undefined;

  constructor(limit: number | undefined, grow?: (total: number) => Promise<void>) {
    super();
    this.#limit = limit;
    this.#grow = grow;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.#limit !== undefined && this.bytes > this.#limit) {
      done(new Error(`the upstream sent more than the ${this.#limit} bytes it announced`));
      return;
    }
    this.#hash.update(chunk);
    if (!this.#grow) {
      done(null, chunk);
      return;
    }
    this.#grow(this.bytes).then(
      () => done(null, chunk),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    );
  }

  digest(): string {
    this.#digest ??= this.#hash.digest('hex');
    return this.#digest;
  }
}
