/**
 * What a listening host means for a person: whether only this machine can reach it, and the
 * address to print. Browsers grant WebGPU and service workers to http://127.0.0.1 and
 * http://localhost only (secure contexts), so the printed URL should be one of those
 * whenever the server also listens there.
 */
import { isIP, isIPv4 } from 'node:net';

/** True when only this machine can connect: localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackHost(host: string): boolean {
  const name = unbracket(host).toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIPv4(name)) return name.startsWith('127.');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(name);
  if (mapped) return mapped[1]!.startsWith('127.');
  return name === '::1' || name === '0:0:0:0:0:0:0:1';
}

/** The host part of a URL for a server bound to `host`, e.g. `::1` → `[::1]`. */
export function urlHost(host: string): string {
  const name = unbracket(host);
  // Listening on every address includes loopback, and that is the address a browser trusts.
  if (name === '0.0.0.0') return '127.0.0.1';
  if (name === '::') return '[::1]';
  return isIP(name) === 6 ? `[${name}]` : name;
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
