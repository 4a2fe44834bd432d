/**
 * Whether a relay URL a person typed can be used as the model source. Two things must hold:
 * it is a well-formed relay URL (parseRelayUrl), and the page's Content-Security-Policy lets
 * the app connect to it. The policy is fixed at build time (only the app's own origin, the
 * hub and OMNIA_MODEL_SOURCES), which is what keeps user data from leaving the device; a relay
 * elsewhere works by opening Omnia from the relay itself, which makes it the app's own origin.
 */
import { parseRelayUrl } from '../models/download/source-urls';

export type RelaySourceCheck =
  | { ok: true; baseUrl: string }
  | { ok: false; problem: { kind: 'invalid-url'; detail: string } }
  | { ok: false; problem: { kind: 'blocked-by-policy'; origin: string } };

/** The connect-src sources of a CSP string (empty when there is no such directive). */
export function connectSources(policy: string): string[] {
  for (const directive of policy.split(';')) {
    const [name, ...values] = directive.trim().split(/\s+/);
    if (name === 'connect-src') return values;
  }
  return [];
}

function sourceAllows(source: string, url: URL, pageOrigin: string): boolean {
  if (source === "'self'") return url.origin === pageOrigin;
  if (source === '*') return true;
  const match = /^(https?:)\/\/(\*\.)?([^/:]+)(?::(\d+|\*))?\/?$/.exec(source);
  if (!match) return false;
  const [, scheme, wildcard, host, port] = match;
  if (url.protocol !== scheme) return false;
  const hostOk = wildcard ? url.hostname.endsWith(`.${host}`) : url.hostname === host;
  const portOk = port === '*' || (port ?? '') === url.port;
  return hostOk && portOk;
}

/**
 * @param policy the page's CSP (its `<meta http-equiv>` content), or null when there is none.
 * @example checkRelaySource('http://127.0.0.1:4173/', 'http://127.0.0.1:4173/omnia/', policy)
 */
export function checkRelaySource(
  input: string,
  pageUrl: string,
  policy: string | null,
): RelaySourceCheck {
  let baseUrl: string;
  try {
    baseUrl = parseRelayUrl(input).baseUrl;
  } catch (error) {
    return {
      ok: false,
      problem: {
        kind: 'invalid-url',
        detail: error instanceof Error ? error.message : String(error),
      },
    };
  }
  const url = new URL(baseUrl);
  const pageOrigin = new URL(pageUrl).origin;
  if (policy !== null && !connectSources(policy).some((s) => sourceAllows(s, url, pageOrigin))) {
    return { ok: false, problem: { kind: 'blocked-by-policy', origin: url.origin } };
  }
  return { ok: true, baseUrl };
}
