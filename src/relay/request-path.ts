/**
 * Turns a raw request target into path segments under the mount point, or a reason to
 * refuse it. Node hands us `req.url` exactly as the client sent it (no `..` removed, nothing
 * decoded), so this is where traversal is stopped: decode once, then refuse any `..`
 * segment, backslash or NUL before a single file name is built. Pure string work, so every
 * trick can be unit-tested without a server; the file system side is in resolve-file.ts.
 */
import { RelayStartError } from './errors.ts';

export type RequestTarget =
  /** The target cannot be decoded or is not a path at all. */
  | { kind: 'bad-request'; reason: string }
  /** The target tries to leave the served folder. */
  | { kind: 'forbidden'; reason: string }
  /** The target is not under the mount point. */
  | { kind: 'outside-base' }
  /** The mount point without its trailing slash: relative URLs in index.html need it. */
  | { kind: 'redirect'; location: string }
  /**
   * Decoded, safe path segments below the mount point; `query` is '' or starts with '?'.
   * `relative` is the decoded path below the mount point as sent (empty and `.` segments kept),
   * for routes that must refuse what `segments` quietly drops.
   */
  | {
      kind: 'path';
      segments: readonly string[];
      trailingSlash: boolean;
      query: string;
      relative: string;
    };

// Clients may send the absolute form (`GET http://host/path`); only its path matters here.
export const ABSOLUTE_FORM = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i;

/**
 * Gives a mount point its leading and trailing slash: `normaliseBase('omnia')` is `/omnia/`.
 * Throws RelayStartError for a base that could itself escape or confuse the URL.
 */
export function normaliseBase(base: string): string {
  const trimmed = base.trim();
  const withSlashes = `/${trimmed}/`.replace(/\/{2,}/g, '/');
  const segments = withSlashes.split('/');
  if (/[\\?#%\0]/.test(withSlashes) || segments.includes('..') || segments.includes('.')) {
    throw new RelayStartError(`Invalid base path "${base}": use a plain path such as /omnia/.`);
  }
  return withSlashes;
}

/** Reads a raw `req.url` against a base made by normaliseBase. */
export function parseRequestTarget(rawUrl: string, base: string): RequestTarget {
  const target = rawUrl.replace(ABSOLUTE_FORM, '') || '/';
  if (!target.startsWith('/')) return { kind: 'bad-request', reason: 'Not a path' };

  const hashAt = target.indexOf('#');
  const withoutHash = hashAt === -1 ? target : target.slice(0, hashAt);
  const queryAt = withoutHash.indexOf('?');
  const rawPath = queryAt === -1 ? withoutHash : withoutHash.slice(0, queryAt);
  const query = queryAt === -1 ? '' : withoutHash.slice(queryAt);

  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'bad-request', reason: 'Malformed percent-encoding' };
  }

  // Checked on the decoded text, so `%2e%2e`, `..%2f` and `%5c` are caught like their plain forms.
  if (path.includes('\0')) return { kind: 'forbidden', reason: 'NUL byte in path' };
  if (path.includes('\\')) return { kind: 'forbidden', reason: 'Backslash in path' };
  if (path.split('/').includes('..'))
    return { kind: 'forbidden', reason: 'Parent segment in path' };

  if (base !== '/' && path === base.slice(0, -1)) {
    return { kind: 'redirect', location: encodeURI(base) + query };
  }
  if (!path.startsWith(base)) return { kind: 'outside-base' };

  const relative = path.slice(base.length);
  return {
    kind: 'path',
    segments: relative.split('/').filter((segment) => segment !== '' && segment !== '.'),
    trailingSlash: relative === '' || relative.endsWith('/'),
    query,
    relative,
  };
}

/** Where to send a request for a folder named without its trailing slash. */
export function folderLocation(base: string, segments: readonly string[], query: string): string {
  return `${encodeURI(base)}${segments.map(encodeURIComponent).join('/')}/${query}`;
}
