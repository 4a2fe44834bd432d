/**
 * Fetches one model file into the ByteStore, resuming from the bytes already stored. The
 * record's file entry is updated in place (size, ETag, advertised SHA-256, bytesDone) and
 * persisted at each checkpoint, so a tab killed mid-file resumes from its last flush.
 * Verification is the caller's job: this only promises the bytes the source sent.
 */
import { advertisedSha256 } from './digest';
import { DownloadError, describeError, formatBytes, isQuotaError } from './errors';
import {
  assertExactSize,
  assertModelFileResponse,
  bodyLength,
  isStrongEtag,
  parseContentRange,
  unsatisfiedRangeTotal,
  assertNotWebPage,
} from './http-checks';
import type { ByteStore, ByteWriter, InstallFileRecord, StoredFileKey } from './types';

export interface FileFetchJob {
  fetch: typeof fetch;
  bytes: ByteStore;
  url: string;
  key: StoredFileKey;
  /** The record's entry for this file, updated in place. */
  file: InstallFileRecord;
  /** The expected size may reject a response (exact catalog size or a listed shard). */
  exactSize: boolean;
  /** A catalog SHA-256 is never replaced by one the source advertises. */
  catalogSha256: string | undefined;
  /**
   * Send If-Range when resuming. Off for the hub: it is not a CORS-safelisted header, and
   * the hub's file CDN fails the preflight it triggers; size and SHA-256 checks cover it.
   */
  sendIfRange: boolean;
  checkpointBytes: number;
  signal: AbortSignal;
  /** After each chunk is stored, with its length. */
  onBytes: (received: number) => void;
  /** Persists the record: once the response is accepted, then at each checkpoint. */
  onCheckpoint: () => Promise<void>;
}

type WritePlan = { writeFrom: number } | 'complete' | 'restart';

/** Thrown by the ByteWriter side, so it is never mistaken for a network failure. */
class StorageFailure extends Error {
  constructor(readonly error: unknown) {
    super(describeError(error));
    this.name = 'StorageFailure';
  }
}

/** Downloads the rest of `job.file` (or all of it, when the source's file changed). */
export async function fetchFileInto(job: FileFetchJob): Promise<void> {
  const { file } = job;
  const stored = (await job.bytes.size(job.key)) ?? 0;
  let start = file.size !== null && stored > file.size ? 0 : stored;
  for (let attempt = 0; ; attempt++) {
    if (start > 0 && start === file.size) {
      file.bytesDone = start;
      return;
    }
    const response = await request(job, start);
    const plan = planWrite(job, response, start);
    if (plan === 'complete') return;
    if (plan === 'restart') {
      await response.body?.cancel().catch(() => undefined);
      if (attempt > 0) {
        throw new DownloadError('bad-response', `The source keeps changing ${file.path}.`, {
          path: file.path,
        });
      }
      forgetSourceFacts(job);
      start = 0;
      continue;
    }
    await storeBody(job, response, plan.writeFrom);
    return;
  }
}

async function request(job: FileFetchJob, start: number): Promise<Response> {
  const headers = new Headers();
  if (start > 0) {
    headers.set('Range', `bytes=${start}-`);
    const { etag } = job.file;
    if (job.sendIfRange && etag !== undefined && isStrongEtag(etag)) headers.set('If-Range', etag);
  }
  try {
    // no-store: the bytes go to the ByteStore; a second copy in the HTTP cache only costs space.
    return await job.fetch(job.url, { headers, signal: job.signal, cache: 'no-store' });
  } catch (error) {
    if (job.signal.aborted) throw error;
    throw new DownloadError(
      'network',
      `Could not reach the source for ${job.file.path} (${describeError(error)}). Check the ` +
        'connection or the relay URL.',
      { path: job.file.path, cause: error },
    );
  }
}

/** Decides from the status and headers where writing starts; updates what was learned. */
function planWrite(job: FileFetchJob, response: Response, start: number): WritePlan {
  const { file } = job;
  if (response.status === 416 && start > 0) {
    // Asked from the end of a complete file: the source says how long the file is.
    const total = unsatisfiedRangeTotal(response.headers.get('content-range'));
    if (total !== start || (file.size !== null && file.size !== total)) return 'restart';
    file.size = total;
    file.bytesDone = total;
    return 'complete';
  }
  assertModelFileResponse(response, file.path);
  let writeFrom = 0;
  let total: number | null;
  if (response.status === 206) {
    const range = parseContentRange(response.headers.get('content-range'));
    if (range === null || range.start !== start) {
      throw new DownloadError(
        'bad-response',
        `The source answered the request for ${file.path} from byte ${start} with other bytes.`,
        { path: file.path },
      );
    }
    writeFrom = start;
    total = range.total;
  } else {
    // A 200 to a range request: the file changed at the source (or ranges are unsupported).
    total = bodyLength(response.headers);
  }
  if (total !== null && file.size !== null && total !== file.size) {
    if (job.exactSize) assertExactSize(file.path, total, file.size);
    if (writeFrom > 0) return 'restart';
  }
  if (total !== null) file.size = total;
  const etag = response.headers.get('etag');
  if (etag !== null) file.etag = etag;
  else if (writeFrom === 0) delete file.etag;
  if (job.catalogSha256 === undefined) {
    const advertised = advertisedSha256(response.headers);
    if (advertised !== null) file.sha256 = advertised;
    else if (writeFrom === 0) delete file.sha256;
  }
  return { writeFrom };
}

/** What the source told about a file that may have changed since. */
function forgetSourceFacts(job: FileFetchJob): void {
  if (!job.exactSize) job.file.size = null;
  if (job.catalogSha256 === undefined) delete job.file.sha256;
  delete job.file.etag;
}

async function storeBody(job: FileFetchJob, response: Response, writeFrom: number): Promise<void> {
  const { file } = job;
  let writer: ByteWriter;
  try {
    writer = await job.bytes.openWriter(job.key, { truncateTo: writeFrom });
  } catch (error) {
    throw await failure(job, new StorageFailure(error));
  }
  file.bytesDone = writeFrom;
  file.state = writeFrom > 0 ? 'partial' : 'pending';
  let caught: unknown;
  try {
    await job.onCheckpoint();
    if (response.body !== null) await pump(job, response.body, writer);
    await storage(() => writer.flush());
  } catch (error) {
    caught = error;
    // What arrived before a network failure or a pause is kept for the resume.
    if (!(error instanceof StorageFailure)) await writer.flush().catch(() => undefined);
  }
  try {
    await writer.close();
  } catch (error) {
    caught ??= new StorageFailure(error);
  }
  if (caught !== undefined) throw await failure(job, caught);
  if (file.size === null) file.size = file.bytesDone;
}

async function pump(
  job: FileFetchJob,
  body: ReadableStream<Uint8Array>,
  writer: ByteWriter,
): Promise<void> {
  const { file } = job;
  const reader = body.getReader();
  let sinceCheckpoint = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (file.size !== null && file.bytesDone + value.byteLength > file.size) {
        throw new DownloadError(
          'verification',
          `The source sent more than the ${file.size} bytes of ${file.path}.`,
          { path: file.path },
        );
      }
      if (file.bytesDone === 0) assertNotWebPage(value, file.path);
      await storage(() => writer.write(value));
      file.bytesDone += value.byteLength;
      file.state = 'partial';
      job.onBytes(value.byteLength);
      sinceCheckpoint += value.byteLength;
      if (sinceCheckpoint >= job.checkpointBytes) {
        sinceCheckpoint = 0;
        await storage(() => writer.flush());
        await job.onCheckpoint();
      }
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    reader.releaseLock();
  }
}

async function storage(step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    throw new StorageFailure(error);
  }
}

/** Turns what was thrown into the error the install reports (abort stays as it is). */
async function failure(job: FileFetchJob, caught: unknown): Promise<unknown> {
  const { file } = job;
  if (job.signal.aborted) return caught instanceof StorageFailure ? caught.error : caught;
  if (caught instanceof DownloadError) return caught;
  if (caught instanceof StorageFailure) {
    if (!isQuotaError(caught.error)) {
      return new DownloadError(
        'failed',
        `Could not save ${file.path} on this device (${describeError(caught.error)}).`,
        { path: file.path, cause: caught.error },
      );
    }
    // A half-written file is of no use and holds space the person needs back.
    await job.bytes.remove(job.key).catch(() => undefined);
    file.bytesDone = 0;
    file.state = 'pending';
    return new DownloadError(
      'quota',
      `Storage ran out while saving ${file.path}; its partial file was removed. Free up space ` +
        '(or remove other models) and try again.',
      { path: file.path, cause: caught.error },
    );
  }
  const of = file.size === null ? '' : ` of ${formatBytes(file.size)}`;
  return new DownloadError(
    'network',
    `The connection broke while fetching ${file.path} (${formatBytes(file.bytesDone)}${of} ` +
      'saved). Install again to resume from there.',
    { path: file.path, cause: caught },
  );
}
