/**
 * Why a model file could not be served. The model server turns each into a status (404, 502)
 * and sends the message as the body, so the browser's download manager and a person reading
 * the relay's log both learn what went wrong and what to change.
 */

/** No source has the file: not the models folder, and every upstream answered "not found". */
export class ModelNotFoundError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelNotFoundError';
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

/** A short description of any thrown value, for log lines and error messages. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}
