/**
 * Errors the relay raises for things a person can fix (a missing build, a busy port, a bad
 * flag). The CLI prints their message alone, without a stack, so each message must say what
 * to do next.
 */

/** The relay could not start: no built app, port in use, address not available… */
export class RelayStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RelayStartError';
  }
}

/** The command line could not be understood (unknown flag, port out of range…). */
export class CliUsageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliUsageError';
  }
}
