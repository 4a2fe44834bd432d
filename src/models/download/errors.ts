/**
 * Named errors of the download manager (STYLE.md: errors are named classes). A failed install
 * rejects with a `DownloadError` whose `kind` the UI branches on and whose message a person can
 * act on; the same pair is stored in the InstallRecord so the reason survives a reload.
 */
import type { DownloadErrorInfo, DownloadErrorKind } from './types';

/** An install, import or repair failed; `kind` says how and `path` names the file, if one. */
export class DownloadError extends Error {
  readonly kind: DownloadErrorKind;
  readonly path?: string;

  constructor(
    kind: DownloadErrorKind,
    message: string,
    options: { path?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DownloadError';
    this.kind = kind;
    if (options.path !== undefined) this.path = options.path;
  }

  /** The plain-data form kept in the InstallRecord and sent across workers. */
  toInfo(): DownloadErrorInfo {
    return this.path === undefined
      ? { kind: this.kind, message: this.message }
      : { kind: this.kind, message: this.message, path: this.path };
  }
}

/** An engine asked for files of a model that is not (or no longer) installed and verified. */
export class ModelNotInstalledError extends Error {
  constructor(
    readonly modelId: string,
    message: string,
  ) {
    super(message);
    this.name = 'ModelNotInstalledError';
  }
}

/** The relay URL typed in Settings cannot be used; the message says why. */
export class RelayUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RelayUrlError';
  }
}

/** Storage ran out: OPFS and IndexedDB say QuotaExceededError, Node's fs says ENOSPC. */
export function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'QuotaExceededError' || code === 'ENOSPC';
}

/** Sizes in decimal units as the hub prints them, about 3 figures: "1.25 GB", "340 MB", "0.15 MB". */
export function formatBytes(bytes: number): string {
  const [value, unit] = bytes >= 1e9 ? [bytes / 1e9, 'GB'] : [bytes / 1e6, 'MB'];
  const decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(decimals)} ${unit}`;
}

/** The message of anything thrown, for wrapping it in a sentence. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
