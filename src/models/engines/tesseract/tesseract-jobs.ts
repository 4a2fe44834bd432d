/**
 * Jobs on one tesseract worker script: each call posts a packet and settles on the script's
 * first 'resolve' or 'reject' for that job (the script sometimes sends both; the second is
 * ignored). When the thread dies, or is terminated, every pending job fails with the reason.
 */
import type { JobPacket, WorkerPort } from './tesseract-port';

interface Reply {
  jobId: string;
  status: 'resolve' | 'reject' | 'progress';
  data: unknown;
}

function isReply(value: unknown): value is Reply {
  if (typeof value !== 'object' || value === null) return false;
  const { jobId, status } = value as Record<string, unknown>;
  return typeof jobId === 'string' && typeof status === 'string';
}

interface Pending {
  resolve: (data: unknown) => void;
  reject: (error: Error) => void;
}

/** A failure reported by the worker script (its messages are plain strings). */
export class TesseractJobError extends Error {
  override readonly name = 'TesseractJobError';
}

export class TesseractJobs {
  readonly #port: WorkerPort;
  readonly #pending = new Map<string, Pending>();
  readonly #workerId: string;
  #next = 0;
  #dead: string | null = null;

  constructor(port: WorkerPort, workerId: string) {
    this.#port = port;
    this.#workerId = workerId;
    port.onMessage((message) => this.#onReply(message));
    port.onError((detail) => this.#failAll(`The tesseract worker stopped: ${detail}`));
  }

  /** Runs `action` on the worker script and returns the data it resolves with. */
  run(action: JobPacket['action'], payload: unknown): Promise<unknown> {
    if (this.#dead !== null) return Promise.reject(new TesseractJobError(this.#dead));
    const jobId = `${action}-${this.#next++}`;
    return new Promise((resolve, reject) => {
      this.#pending.set(jobId, { resolve, reject });
      this.#port.post({ workerId: this.#workerId, jobId, action, payload });
    });
  }

  /** Stops the thread at once (mid-recognition too); pending jobs fail with `reason`. */
  terminate(reason: string): void {
    this.#port.terminate();
    this.#failAll(reason);
  }

  #onReply(message: unknown): void {
    if (!isReply(message) || message.status === 'progress') return;
    const pending = this.#pending.get(message.jobId);
    if (!pending) return;
    this.#pending.delete(message.jobId);
    if (message.status === 'resolve') pending.resolve(message.data);
    else pending.reject(new TesseractJobError(String(message.data)));
  }

  #failAll(reason: string): void {
    this.#dead ??= reason;
    for (const pending of this.#pending.values()) pending.reject(new TesseractJobError(reason));
    this.#pending.clear();
  }
}
