/**
 * The body of a verified model file as transformers.js reads it, robust to a stale snapshot.
 *
 * The OPFS store hands out `File` snapshots (`FileSystemFileHandle.getFile()`), and a Response
 * built on one is read later, when transformers.js gets to it. Chromium refuses to read a
 * snapshot once its file was written, truncated, replaced or moved after it was taken
 * (NotReadableError; NotFoundError once moved or removed), even when the bytes are the same:
 * tests/e2e/opfs-snapshots.e2e.ts shows which operations do it. So the body is read slice by
 * slice, and a slice that meets a stale snapshot opens the file again (through the verified-file
 * gate: the model must still be installed and the file verified, with the same size) and goes
 * on from the same offset, once per read. A file that is really gone still fails, as it should.
 */

/** Bytes read per slice: large enough to cost nothing, small enough to bound a copy. */
export const SLICE_BYTES = 4 * 1024 * 1024;

/** What Chromium throws when a File snapshot no longer matches its file. */
export function isStaleSnapshotError(error: unknown): boolean {
  return (
    error instanceof DOMException &&
    (error.name === 'NotReadableError' || error.name === 'NotFoundError')
  );
}

/** Opens the file again: a fresh snapshot, or null when it is no longer there. */
export type Reopen = () => Promise<Blob | null>;

export interface ReopeningOptions {
  /** Told each time a stale snapshot was opened again (a developer-facing trace). */
  onReopened?: (error: unknown) => void;
  /** Bytes per slice; {@link SLICE_BYTES} unless given. */
  sliceBytes?: number;
}

/** A stream of `first`'s bytes that, on a stale snapshot, reopens once and goes on. */
export function reopeningBody(
  first: Blob,
  reopen: Reopen,
  options: ReopeningOptions = {},
): ReadableStream<Uint8Array> {
  const sliceBytes = options.sliceBytes ?? SLICE_BYTES;
  let blob = first;
  let offset = 0;
  let reopened = false;

  async function slice(end: number): Promise<ArrayBuffer> {
    try {
      return await blob.slice(offset, end).arrayBuffer();
    } catch (error) {
      if (reopened || !isStaleSnapshotError(error)) throw error;
      reopened = true;
      const fresh = await reopen();
      if (fresh === null || fresh.size !== first.size) throw error;
      options.onReopened?.(error);
      blob = fresh;
      return blob.slice(offset, end).arrayBuffer();
    }
  }

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (offset >= first.size) {
        controller.close();
        return;
      }
      const end = Math.min(first.size, offset + sliceBytes);
      const bytes = await slice(end);
      offset = end;
      controller.enqueue(new Uint8Array(bytes));
    },
  });
}
