/**
 * Progress events of one install: throttled while bytes flow (a UI cannot show more than a
 * few per second, and across a worker each one is a message), always sent on a state change.
 * Figures are for the whole model; `file` says which file is being fetched or verified.
 */
import { SpeedMeter, secondsLeft } from './speed';
import type { DownloadProgress, InstallRecord } from './types';

type FileProgress = NonNullable<DownloadProgress['file']>;

export class ProgressEmitter {
  readonly #meter = new SpeedMeter();
  readonly #onProgress: ((progress: DownloadProgress) => void) | undefined;
  readonly #now: () => number;
  readonly #intervalMs: number;
  #lastAt = Number.NEGATIVE_INFINITY;
  #file: FileProgress | undefined;

  constructor(
    onProgress: ((progress: DownloadProgress) => void) | undefined,
    now: () => number,
    intervalMs: number,
  ) {
    this.#onProgress = onProgress;
    this.#now = now;
    this.#intervalMs = intervalMs;
    // The speed is measured from the start, so the first seconds are not reported as 0.
    this.#meter.add(0, now());
  }

  /** Counts bytes that came over the network (resumed bytes are not speed). */
  received(bytes: number): void {
    this.#meter.add(bytes, this.#now());
  }

  setFile(file: FileProgress | undefined): void {
    this.#file = file;
  }

  /** Sends an event, unless one went out under the interval ago and `force` is not set. */
  emit(record: InstallRecord, force = false): void {
    if (this.#onProgress === undefined) return;
    const at = this.#now();
    if (!force && at - this.#lastAt < this.#intervalMs) return;
    this.#lastAt = at;
    const bytesPerSecond = record.status === 'downloading' ? this.#meter.bytesPerSecond(at) : 0;
    const progress: DownloadProgress = {
      modelId: record.modelId,
      status: record.status,
      bytesDone: record.bytesDone,
      bytesTotal: record.bytesTotal,
      bytesPerSecond,
      secondsLeft:
        record.status === 'installed'
          ? 0
          : secondsLeft(record.bytesTotal - record.bytesDone, bytesPerSecond),
      files: record.files.map((file) => ({ ...file })),
    };
    if (this.#file !== undefined && record.status === 'downloading') {
      progress.file = { ...this.#file };
    }
    if (record.error !== undefined) progress.error = { ...record.error };
    try {
      this.#onProgress(progress);
    } catch {
      // A broken progress bar must not fail the download.
    }
  }
}
