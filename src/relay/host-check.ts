/**
 * A defence against DNS rebinding: a web page on another site can point its own host name at
 * 127.0.0.1 and then read whatever a loopback server answers, as if it were same-origin. The
 * Host header gives it away, so a relay bound to loopback answers only requests addressed to
 * a loopback name and its own port. A relay bound to a LAN address is reachable by name or
 * address from other machines on purpose, so it skips the check.
 */
import { isLoopbackHost, urlHost } from './host-address.ts';

/** The Host headers a relay bound to `bindHost`:`port` accepts; undefined accepts any. */
export function allowedHostHeaders(
  bindHost: string,
  port: number,
): ReadonlySet<string> | undefined {
  if (!isLoopbackHost(bindHost)) return undefined;
  const names = ['127.0.0.1', 'localhost', '[::1]', urlHost(bindHost).toLowerCase()];
  const allowed = new Set(names.map((name) => `${name}:${port}`));
  // Browsers leave the default port out of Host.
  if (port === 80) for (const name of names) allowed.add(name);
  return allowed;
}

/** True when the request's Host header is one of `allowed` (or every host is allowed). */
export function isAllowedHost(
  header: string | undefined,
  allowed: ReadonlySet<string> | undefined,
): boolean {
  if (!allowed) return true;
  return header !== undefined && allowed.has(header.trim().toLowerCase());
}

/** The refusal's text, saying which addresses do work; `url` is where the app is. */
export function wrongHostMessage(header: string | undefined, port: number, url: string): string {
  const host = header === undefined ? '(none)' : JSON.stringify(header);
  return `Misdirected Request: this relay only answers requests for 127.0.0.1:${port}, localhost:${port} or [::1]:${port}, not for Host ${host}. Open it at ${url}`;
}
