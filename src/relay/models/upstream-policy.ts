/**
 * Where the relay may fetch from. Every hop of an upstream fetch (the first request and each
 * redirect) is checked here before a connection is made: https only, a host that is either a
 * configured upstream or an allow-listed redirect host (the hub's CDNs), and addresses that
 * all lie on the public internet. The checked addresses are then the ones connected to, so a
 * second DNS answer cannot swap in a private address (DNS rebinding).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { describeError, UpstreamFailedError, UpstreamRefusedError } from './errors.ts';
import { classifyAddress } from './ip-ranges.ts';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address of a host name, as dns.lookup with `all: true` gives them. */
export type LookupAll = (hostname: string) => Promise<ResolvedAddress[]>;

export interface UpstreamPolicy {
  /** `URL.host` (host[:port]) of each configured upstream. */
  upstreamHosts: ReadonlySet<string>;
  /** Host names redirects may lead to: `cdn.example.com`, or `*.example.com` for subdomains. */
  redirectHosts: readonly string[];
  /**
   * Lets the configured upstreams (never redirect hosts) resolve to private or loopback
   * addresses. Only tests set it, to use an https server on 127.0.0.1.
   */
  allowPrivateUpstreams: boolean;
  lookup?: LookupAll;
}

export const defaultLookup: LookupAll = (hostname) =>
  dnsLookup(hostname, { all: true, verbatim: true });

/**
 * The addresses to connect to for `url`, every one of them allowed.
 * @param from the URL that redirected here, for the message; absent on the first hop.
 * @throws UpstreamRefusedError when the hop is not allowed; UpstreamFailedError when DNS fails.
 */
export async function checkHop(
  url: URL,
  policy: UpstreamPolicy,
  from?: URL,
): Promise<ResolvedAddress[]> {
  const where = from ? `a redirect from ${from.host} to ${url.origin}` : url.origin;
  if (url.protocol !== 'https:') {
    throw new UpstreamRefusedError(
      `Refused ${where}: the relay only fetches over https, so that files cannot be altered on the way.`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new UpstreamRefusedError(`Refused ${where}: URLs with credentials are not followed.`);
  }

  const hostname = bareHostname(url);
  const isUpstream = policy.upstreamHosts.has(url.host);
  if (!isUpstream && !policy.redirectHosts.some((pattern) => hostMatches(pattern, hostname))) {
    const allowed = [...policy.upstreamHosts, ...policy.redirectHosts].join(', ');
    throw new UpstreamRefusedError(
      `Refused ${where}: ${hostname} is neither an upstream nor an allowed redirect host (allowed: ${allowed || 'none'}).`,
    );
  }

  const addresses = await resolve(hostname, policy.lookup ?? defaultLookup);
  if (isUpstream && policy.allowPrivateUpstreams) return addresses;
  for (const { address } of addresses) {
    const kind = classifyAddress(address);
    if (kind !== 'public') {
      throw new UpstreamRefusedError(
        `Refused ${where}: ${hostname} resolves to ${address} (${kind}), and the relay never fetches from private, loopback or link-local addresses.`,
      );
    }
  }
  return addresses;
}

/**
 * True when `hostname` is allowed by `pattern`: equal (ignoring case and a trailing dot), or
 * a subdomain for a `*.` pattern (`*.hf.co` allows `cdn.hf.co`, not `hf.co`).
 */
export function hostMatches(pattern: string, hostname: string): boolean {
  const host = normaliseName(hostname);
  const wanted = normaliseName(pattern);
  if (wanted.startsWith('*.')) {
    const suffix = wanted.slice(1);
    return host.length > suffix.length && host.endsWith(suffix);
  }
  return host === wanted;
}

/** The host name without IPv6 brackets, e.g. `[::1]` → `::1`. */
export function bareHostname(url: URL): string {
  const { hostname } = url;
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

async function resolve(hostname: string, lookup: LookupAll): Promise<ResolvedAddress[]> {
  const family = isIP(hostname);
  if (family !== 0) return [{ address: hostname, family }];
  let addresses: ResolvedAddress[];
  try {
    addresses = await lookup(hostname);
  } catch (error) {
    throw new UpstreamFailedError(
      `Could not look up ${hostname}: ${describeError(error)}. Check this machine's network and DNS.`,
      { cause: error },
    );
  }
  if (addresses.length === 0) {
    throw new UpstreamFailedError(`Could not look up ${hostname}: no addresses.`);
  }
  return addresses;
}
