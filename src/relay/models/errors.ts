/**
 * Why a model file could not be served. The model server turns each into a status (403, 404,
 * 502, 507) and sends the message as the body, so the browser's download manager and a person
 * reading the relay's log both learn what went wrong and what to change. Messages that reach a
 * client never name a path on this machine: the relay is reachable from the network.
 */

/** No source has the file: not the models folder, and every upstream answered "not found". */
export class ModelNotFoundError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelNotFoundError';
  }
}

/** The repository is not on the relay's allow-list (`--allow-repo`), so it is not fetched. */
export class RepoNotAllowedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RepoNotAllowedError';
  }
}

/**
 * The relay refused to follow an upstream or a redirect: not https, a host that is not
 * allow-listed, or an address on a private network (a defence against SSRF).
 */
export class UpstreamRefusedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UpstreamRefusedError';
  }
}

/** The upstream failed: unreachable, an error status, or bytes that do not match. */
export class UpstreamFailedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UpstreamFailedError';
  }
}

/**
 * The cache cannot take the file: it is larger than the whole cache (`--max-cache`), every
 * file that could make room is being served or written, or the disk itself is full.
 */
export class CacheFullError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CacheFullError';
  }
}

/**
 * A short description of any thrown value, safe to send to a client: a file system error's
 * path (Node puts it in the message, e.g. "EACCES: permission denied, open '/srv/cache/…'")
 * is replaced by "a cache file".
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code, path, dest } = error as NodeJS.ErrnoException & { dest?: string };
  let message = error.message;
  for (const secret of [path, dest]) {
    if (secret)
      message = message
        .split(`'${secret}'`)
        .join('a cache file')
        .split(secret)
        .join('a cache file');
  }
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

/** Like describeError, with the causes and their paths, for the relay's own log. */
export function describeErrorForLog(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  const own = code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  const cause = error.cause;
  return cause instanceof Error && !own.includes(cause.message)
    ? `${own} [cause: ${describeErrorForLog(cause)}]`
    : own;
}
