/**
 * Keeps the relay's cache under its size cap (`--max-cache`). Before a fetched file is
 * written, room is reserved for it; when the cache would outgrow the cap, the least recently
 * used cached files are deleted first, never one that is being served, hashed or written.
 * A file larger than the whole cap is refused before it is downloaded.
 *
 * What counts: complete cached files (those with a sidecar) plus the reservations of downloads
 * in progress. Recency lives in memory and in each sidecar's mtime, touched on every use, so
 * the order survives a restart. The relay assumes it is the only writer of its cache folder.
 */
import { type EventEmitter } from 'node:events';
import { type FileHandle, readdir, stat, utimes } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { evict, SIDECAR_SUFFIX } from './cache-layout.ts';
import { CacheFullError } from './errors.ts';

/**
 * A FileHandle is an EventEmitter that emits 'close' however it is closed (by its owner, or
 * by a read stream's autoClose), since Node 15.4; @types/node 20 does not declare it.
 */
type ClosingHandle = FileHandle & Pick<EventEmitter, 'once'>;

export interface CacheBudgetOptions {
  cacheDir: string;
  maxBytes: number;
  log?: (line: string) => void;
  /** Told about each evicted file, so memos about it can be dropped. */
  onEvict?: (file: string) => void;
}

/** Room held for one download; commit it once the file is in place, or release it. */
export interface Reservation {
  /** Bytes held so far. */
  readonly bytes: number;
  /** Holds room for `total` bytes in all, evicting if needed; throws CacheFullError. */
  growTo(total: number): Promise<void>;
  /** The file is complete at `file` with `size` bytes: count it as a cached file. */
  commit(file: string, size: number): void;
  /** The download failed: give the room back. */
  release(): void;
}

export class CacheBudget {
  readonly #options: CacheBudgetOptions;
  /** Cached files by path, least recently used first (Map keeps insertion order). */
  readonly #entries = new Map<string, number>();
  /** Files that must not be evicted now, with how many holders each has. */
  readonly #pins = new Map<string, number>();
  #used = 0;
  #reserved = 0;
  #loaded: Promise<void> | undefined;
  // Reservations run one at a time: two downloads must not both count the same free room.
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: CacheBudgetOptions) {
    this.#options = options;
  }

  /** Bytes of complete cached files plus reservations. */
  get bytes(): number {
    return this.#used + this.#reserved;
  }

  /** Keeps `file` from eviction until the returned function is called. */
  pin(file: string): () => void {
    this.#pins.set(file, (this.#pins.get(file) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const left = (this.#pins.get(file) ?? 1) - 1;
      if (left > 0) this.#pins.set(file, left);
      else this.#pins.delete(file);
    };
  }

  /**
   * `file` is open as `handle`, to be checked or served: it is pinned until the handle closes,
   * and is now the most recently used.
   */
  use(file: string, handle: FileHandle): void {
    (handle as ClosingHandle).once('close', this.pin(file));
    const size = this.#entries.get(file);
    if (size !== undefined) {
      this.#entries.delete(file);
      this.#entries.set(file, size);
    }
    const now = new Date();
    // Best effort: a lost touch only makes the order after a restart a little less exact.
    void utimes(`${file}${SIDECAR_SUFFIX}`, now, now).catch(() => undefined);
  }

  /** `file` was deleted by someone else (a corrupt file): stop counting it. */
  forget(file: string): void {
    const size = this.#entries.get(file);
    if (size === undefined) return;
    this.#entries.delete(file);
    this.#used -= size;
  }

  /**
   * Holds room for a download of `bytes` (0 when its size is unknown: grow it as bytes come).
   * @param label what is downloaded, for messages, e.g. `org/name/model.onnx`.
   * @throws CacheFullError when the file cannot fit.
   */
  async reserve(bytes: number, label: string): Promise<Reservation> {
    let held = 0;
    let open = true;
    // Counted inside the queue, so the next reservation already sees this one.
    const take = (more: number, total: number) =>
      this.#serialised(async () => {
        await this.#makeRoom(more, total, label);
        if (!open) return;
        this.#reserved += more;
        held += more;
      });
    await take(bytes, bytes);
    const giveBack = () => {
      if (!open) return;
      open = false;
      this.#reserved -= held;
    };
    return {
      get bytes() {
        return held;
      },
      growTo: async (total) => {
        if (total > held && open) await take(total - held, total);
      },
      commit: (file, size) => {
        giveBack();
        this.forget(file);
        this.#entries.set(file, size);
        this.#used += size;
      },
      release: giveBack,
    };
  }

  #serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #makeRoom(more: number, total: number, label: string): Promise<void> {
    const { maxBytes } = this.#options;
    if (total > maxBytes) {
      throw new CacheFullError(
        `${label} is ${total} bytes${total === more ? '' : ' or more'}, more than the relay's whole cache (${maxBytes} bytes). Nothing was cached; the relay's operator can raise --max-cache.`,
      );
    }
    this.#loaded ??= this.#load();
    await this.#loaded;
    // A snapshot: uses and commits may reorder the map while a deletion is awaited.
    for (const [file, size] of [...this.#entries]) {
      if (this.bytes + more <= maxBytes) return;
      if (this.#pins.has(file) || this.#entries.get(file) !== size) continue;
      this.forget(file);
      this.#options.onEvict?.(file);
      await evict({ file, sidecar: `${file}${SIDECAR_SUFFIX}` });
      this.#log(
        `Evicted ${relative(this.#options.cacheDir, file)} (${size} bytes, least recently used) to keep the cache under ${maxBytes} bytes.`,
      );
    }
    if (this.bytes + more <= maxBytes) return;
    throw new CacheFullError(
      `The relay's cache is full (${this.bytes} of ${maxBytes} bytes) of files being served or downloaded, so ${label} (${total} bytes) cannot be stored now. Try again when those downloads finish; the relay's operator can raise --max-cache.`,
    );
  }

  // What an earlier run left: every complete file, oldest use first.
  async #load(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.#options.cacheDir, { recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const found: { file: string; size: number; usedAt: number }[] = [];
    for (const name of names) {
      if (!name.endsWith(SIDECAR_SUFFIX)) continue;
      const sidecar = join(this.#options.cacheDir, name);
      const file = sidecar.slice(0, -SIDECAR_SUFFIX.length);
      try {
        const [fileStats, sidecarStats] = await Promise.all([stat(file), stat(sidecar)]);
        if (fileStats.isFile()) {
          found.push({ file, size: fileStats.size, usedAt: sidecarStats.mtimeMs });
        }
      } catch {
        // A sidecar without its file: nothing to count.
      }
    }
    // Runs before the first reservation, so nothing has been counted yet.
    found.sort((a, b) => a.usedAt - b.usedAt);
    for (const { file, size } of found) {
      this.#entries.set(file, size);
      this.#used += size;
    }
  }

  #log(line: string): void {
    this.#options.log?.(line);
  }
}
