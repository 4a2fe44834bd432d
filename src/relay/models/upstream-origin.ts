/**
 * Reads and checks an upstream origin at start-up. An upstream on this machine or its private
 * network (`https://127.0.0.1`, `https://10.0.0.5`, `https://localhost`, `https://[::1]`, or a
 * name that resolves to such an address) would have every fetch refused by
 * upstream-policy.ts; refusing it here says so once, when the person starting the relay can
 * fix it, instead of failing every download later.
 */
import { isIP } from 'node:net';
import { RelayStartError } from '../errors.ts';
import { describeError } from './errors.ts';
import { classifyAddress } from './ip-ranges.ts';
import { bareHostname, defaultLookup, type LookupAll } from './upstream-policy.ts';

/** How long start-up waits for DNS before leaving the check to each fetch. */
export const START_LOOKUP_TIMEOUT_MS = 3000;

/** An upstream as a URL with nothing but its origin. */
export function parseUpstream(text: string, example: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new RelayStartError(
      `Invalid upstream "${text}": give an https origin such as ${example}.`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new RelayStartError(
      `Invalid upstream "${text}": upstreams must use https, so that model files cannot be altered on the way.`,
    );
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    throw new RelayStartError(
      `Invalid upstream "${text}": give only the origin (scheme, host and port), such as ${example}.`,
    );
  }
  return url;
}

/**
 * Refuses an upstream that is, or resolves to, a private, loopback or link-local address. A
 * name that cannot be looked up now (no network yet) is let through: each fetch checks again.
 * @param log told when DNS could not answer at start-up.
 * @throws RelayStartError naming the address and why it is refused.
 */
export async function checkUpstreamAddress(
  upstream: URL,
  lookup: LookupAll = defaultLookup,
  log?: (line: string) => void,
): Promise<void> {
  const hostname = bareHostname(upstream);
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) {
    throw refusal(upstream, `${hostname} is this machine`);
  }
  if (isIP(hostname) !== 0) {
    const kind = classifyAddress(hostname);
    if (kind !== 'public') throw refusal(upstream, `${hostname} is a ${kind} address`);
    return;
  }
  let addresses;
  try {
    addresses = await withTimeout(lookup(hostname), START_LOOKUP_TIMEOUT_MS);
  } catch (error) {
    log?.(
      `Could not look up upstream ${hostname} at start-up (${describeError(error)}); its addresses are checked before each fetch.`,
    );
    return;
  }
  for (const { address } of addresses) {
    const kind = classifyAddress(address);
    if (kind !== 'public') throw refusal(upstream, `${hostname} resolves to ${address} (${kind})`);
  }
}

function refusal(upstream: URL, why: string): RelayStartError {
  return new RelayStartError(
    `Refused upstream ${upstream.origin}: ${why}, and the relay never fetches from private, loopback or link-local addresses (a request from the network could otherwise reach this machine's own services). Give a public https origin such as https://huggingface.co, or serve local files with --models-dir.`,
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
