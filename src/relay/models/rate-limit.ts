/**
 * Counts, and optionally paces, the bytes of a model response, the way nginx's limit_rate
 * does: each response gets at most `bytesPerSecond`. One relay on a shared network then
 * cannot take all of it, and browser tests can interrupt a download halfway on purpose.
 */
import { Transform, type TransformCallback } from 'node:stream';

/** Large chunks are split so that pacing stays smooth. */
export const MAX_PACED_CHUNK = 16 * 1024;

export class BodyMeter extends Transform {
  /** Bytes passed on so far. */
  bytes = 0;
  readonly #bytesPerSecond: number | undefined;
  #startedAt = 0;
  #timer: NodeJS.Timeout | undefined;

  /** Without `bytesPerSecond` (or with 0) it only counts. */
  constructor(bytesPerSecond?: number) {
    super();
    this.#bytesPerSecond = bytesPerSecond && bytesPerSecond > 0 ? bytesPerSecond : undefined;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const rate = this.#bytesPerSecond;
    if (rate === undefined) {
      this.bytes += chunk.length;
      done(null, chunk);
      return;
    }
    if (this.#startedAt === 0) this.#startedAt = performance.now();
    this.#paced(chunk, 0, rate, done);
  }

  // Each piece leaves no earlier than the moment the bytes before it were due.
  #paced(chunk: Buffer, offset: number, rate: number, done: TransformCallback): void {
    if (offset >= chunk.length) {
      done();
      return;
    }
    const due = this.#startedAt + (this.bytes / rate) * 1000;
    const wait = due - performance.now();
    const send = () => {
      this.#timer = undefined;
      if (this.destroyed) return;
      const piece = chunk.subarray(offset, offset + MAX_PACED_CHUNK);
      this.bytes += piece.length;
      this.push(piece);
      this.#paced(chunk, offset + piece.length, rate, done);
    };
    if (wait <= 0) send();
    else this.#timer = setTimeout(send, wait);
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    clearTimeout(this.#timer);
    done(error);
  }
}
