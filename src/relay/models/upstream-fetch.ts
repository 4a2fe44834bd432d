/**
 * One GET from an upstream, following redirects by hand (at most five) so that every hop is
 * checked by upstream-policy.ts before the relay connects anywhere. node:https rather than
 * fetch: it takes a CA for the tests' local upstream without a new dependency, and it can
 * connect to the very address that was checked while verifying the certificate for the host
 * name. Also collects what the upstream says about the file (SHA-256 and size), which the
 * hub sends on the redirecting response (`X-Linked-ETag`, `X-Linked-Size`).
 */
import { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { type Agent, request } from 'node:https';
import { isIP } from 'node:net';
import { describeError, UpstreamFailedError } from './errors.ts';
import {
  bareHostname,
  checkHop,
  type ResolvedAddress,
  type UpstreamPolicy,
} from './upstream-policy.ts';

export const MAX_REDIRECTS = 5;
const DEFAULT_TIMEOUT_MS = 30_000;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Failures of one address that another address of the same host may not share.
const TRY_NEXT_ADDRESS = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

export interface UpstreamFetchOptions {
  policy: UpstreamPolicy;
  /** An https.Agent (keep-alive, and the test CA when there is one). */
  agent: Agent;
  signal?: AbortSignal;
  /** Idle time on the socket before the fetch fails; default 30 s. */
  timeoutMs?: number;
  /** A 64-hex ETag is the file's SHA-256 (the hub's is); default true. */
  etagIsSha256?: boolean;
}

export interface UpstreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Not yet read; the caller must consume or destroy it. */
  body: IncomingMessage;
  /** Where the body came from after redirects. */
  url: URL;
  /** Lower-case hex SHA-256 the upstream advertised for the file, if any. */
  advertisedSha256: string | undefined;
  /** Size the upstream advertised on a redirect (`X-Linked-Size`), if any. */
  advertisedSize: number | undefined;
}

/**
 * GETs `url`, following allowed redirects. Resolves with the first non-redirect response.
 * @throws UpstreamRefusedError for a hop that is not allowed; UpstreamFailedError otherwise.
 */
export async function fetchUpstream(
  url: URL,
  options: UpstreamFetchOptions,
): Promise<UpstreamResponse> {
  let current = url;
  let previous: URL | undefined;
  let linkedSha256: string | undefined;
  let advertisedSize: number | undefined;
  for (let hop = 0; ; hop++) {
    const addresses = await checkHop(current, options.policy, previous);
    const res = await requestAny(current, addresses, options);
    linkedSha256 ??= sha256Of(res.headers['x-linked-etag']);
    advertisedSize ??= sizeOf(res.headers['x-linked-size']);

    const location = res.headers.location;
    if (!REDIRECTS.has(res.statusCode ?? 0) || location === undefined) {
      return {
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: res,
        url: current,
        // The hub's own SHA-256 wins: a CDN's ETag may be another 64-hex hash (Xet's).
        advertisedSha256:
          linkedSha256 ?? (options.etagIsSha256 === false ? undefined : sha256Of(res.headers.etag)),
        advertisedSize,
      };
    }
    res.resume();
    if (hop === MAX_REDIRECTS) {
      throw new UpstreamFailedError(
        `${url.origin} redirected more than ${MAX_REDIRECTS} times for ${url.pathname}; giving up.`,
      );
    }
    previous = current;
    try {
      current = new URL(location, current);
    } catch {
      throw new UpstreamFailedError(`${current.host} redirected to an invalid URL: ${location}`);
    }
  }
}

/** The hex digest in an ETag-like header (`"…"`, `W/"…"`) when it is 64 hex, else undefined. */
export function sha256Of(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const value = header
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
  return /^[0-9a-f]{64}$/i.test(value) ? value.toLowerCase() : undefined;
}

function sizeOf(header: string | string[] | undefined): number | undefined {
  return typeof header === 'string' && /^\d+$/.test(header.trim()) ? Number(header) : undefined;
}

async function requestAny(
  url: URL,
  addresses: readonly ResolvedAddress[],
  options: UpstreamFetchOptions,
): Promise<IncomingMessage> {
  let lastError: unknown;
  for (const address of addresses) {
    try {
      return await requestOnce(url, address, options);
    } catch (error) {
      lastError = error;
      if (!TRY_NEXT_ADDRESS.has((error as NodeJS.ErrnoException).code ?? '')) break;
    }
  }
  if (options.signal?.aborted) {
    throw new UpstreamFailedError(`The fetch from ${url.host} was stopped: the relay is closing.`, {
      cause: lastError,
    });
  }
  throw new UpstreamFailedError(`Could not fetch from ${url.host}: ${describeError(lastError)}.`, {
    cause: lastError,
  });
}

function requestOnce(
  url: URL,
  { address }: ResolvedAddress,
  options: UpstreamFetchOptions,
): Promise<IncomingMessage> {
  const hostname = bareHostname(url);
  return new Promise((resolve, reject) => {
    const req = request({
      // The checked address itself, so DNS is not asked again.
      host: address,
      port: url.port === '' ? 443 : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      agent: options.agent,
      // The certificate is still checked against the host name (SNI needs a name, not an IP).
      ...(isIP(hostname) === 0 ? { servername: hostname } : {}),
      headers: {
        Host: url.host,
        'User-Agent': 'omnia-relay',
        Accept: '*/*',
        // The bytes are hashed as they arrive: they must be the file itself, not a gzip of it.
        'Accept-Encoding': 'identity',
      },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    req.setTimeout(timeoutMs, () => {
      req.destroy(
        new UpstreamFailedError(`${url.host} sent nothing for ${Math.round(timeoutMs / 1000)} s.`),
      );
    });
    req.once('error', reject);
    req.once('response', resolve);
    req.end();
  });
}
