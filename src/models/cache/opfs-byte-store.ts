/**
 * Model bytes in the Origin Private File System: private to the origin, not limited to what
 * fits in memory, and writable at an offset, which is what resumable downloads need.
 * Layout: `omnia-models/<model id, URI-encoded>/<repo path as folders>`.
 *
 * Writes use a sync access handle (dedicated workers only, and the fastest OPFS API) when
 * available, else a writable stream (main thread), so the store works in both; the download
 * manager runs in a worker.
 */
import type { ByteStore, ByteWriter, StoredFileKey } from '../download/types';

const ROOT_NAME = 'omnia-models';

function segmentsOf(path: string): string[] {
  const parts = path.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new Error(`Refusing the model file path '${path}': it must be a plain relative path.`);
  }
  return parts;
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof DOMException &&
    (error.name === 'NotFoundError' || error.name === 'TypeMismatchError')
  );
}

async function storageRoot(): Promise<FileSystemDirectoryHandle> {
  const opfs = await navigator.storage.getDirectory();
  return opfs.getDirectoryHandle(ROOT_NAME, { create: true });
}

async function fileHandle(
  key: StoredFileKey,
  create: boolean,
): Promise<FileSystemFileHandle | null> {
  try {
    let dir = await (
      await storageRoot()
    ).getDirectoryHandle(encodeURIComponent(key.modelId), {
      create,
    });
    const parts = segmentsOf(key.path);
    const name = parts.pop() as string;
    for (const part of parts) dir = await dir.getDirectoryHandle(part, { create });
    return await dir.getFileHandle(name, { create });
  } catch (error) {
    if (!create && isNotFound(error)) return null;
    throw error;
  }
}

/**
 * The file's current snapshot, or null when it is gone: a handle taken just before the file was
 * removed gives NotFoundError here, which means missing (repair), not a failed read.
 */
async function snapshotOf(handle: FileSystemFileHandle): Promise<File | null> {
  try {
    return await handle.getFile();
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

function quotaExceeded(at: number): DOMException {
  return new DOMException(
    `The browser refused to store more model bytes (at byte ${at}): storage quota exceeded.`,
    'QuotaExceededError',
  );
}

interface SyncHandle {
  getSize(): number;
  truncate(size: number): void;
  write(buffer: Uint8Array, options: { at: number }): number;
  flush(): void;
  close(): void;
}

type SyncCapable = FileSystemFileHandle & { createSyncAccessHandle?: () => Promise<SyncHandle> };

function syncWriter(handle: SyncHandle, truncateTo?: number): ByteWriter {
  if (truncateTo !== undefined && truncateTo < handle.getSize()) handle.truncate(truncateTo);
  let position = handle.getSize();
  return {
    get position() {
      return position;
    },
    write(chunk) {
      let offset = 0;
      while (offset < chunk.byteLength) {
        const left = chunk.byteLength - offset;
        const written = handle.write(chunk.subarray(offset), { at: position + offset });
        // Chromium does not throw when the quota runs out: write() returns a negative error
        // code as an unsigned number (e.g. 4294967288). Anything outside 1..left is a failure.
        if (!(written > 0 && written <= left)) throw quotaExceeded(position + offset);
        offset += written;
      }
      position += chunk.byteLength;
      return Promise.resolve();
    },
    flush() {
      handle.flush();
      return Promise.resolve();
    },
    close() {
      handle.flush();
      handle.close();
      return Promise.resolve();
    },
  };
}

async function streamWriter(file: FileSystemFileHandle, truncateTo?: number): Promise<ByteWriter> {
  const size = (await file.getFile()).size;
  let position = truncateTo !== undefined ? Math.min(truncateTo, size) : size;
  let stream = await file.createWritable({ keepExistingData: true });
  await stream.truncate(position);
  await stream.seek(position);
  return {
    get position() {
      return position;
    },
    async write(chunk) {
      await stream.write(chunk as Uint8Array<ArrayBuffer>);
      position += chunk.byteLength;
    },
    // A writable stream only reaches the file on close, so "flush" closes and reopens it.
    async flush() {
      await stream.close();
      stream = await file.createWritable({ keepExistingData: true });
      await stream.seek(position);
    },
    close: () => stream.close(),
  };
}

export function createOpfsByteStore(): ByteStore {
  return {
    async size(key) {
      const file = await fileHandle(key, false);
      return file ? ((await snapshotOf(file))?.size ?? null) : null;
    },
    async openWriter(key, options) {
      const file = (await fileHandle(key, true)) as SyncCapable;
      const truncateTo = options?.truncateTo;
      if (typeof file.createSyncAccessHandle === 'function') {
        return syncWriter(await file.createSyncAccessHandle(), truncateTo);
      }
      return streamWriter(file, truncateTo);
    },
    // A snapshot: Chromium stops reading it once the file is written, replaced or moved, so
    // readers that may meet one late re-open it (engines/transformers/verified-body.ts).
    async read(key) {
      const file = await fileHandle(key, false);
      return file ? snapshotOf(file) : null;
    },
    async remove(key) {
      try {
        let dir = await (await storageRoot()).getDirectoryHandle(encodeURIComponent(key.modelId));
        const parts = segmentsOf(key.path);
        const name = parts.pop() as string;
        for (const part of parts) dir = await dir.getDirectoryHandle(part);
        await dir.removeEntry(name);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
    async removeModel(modelId) {
      try {
        await (await storageRoot()).removeEntry(encodeURIComponent(modelId), { recursive: true });
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
    async list() {
      const found: StoredFileKey[] = [];
      const root = await storageRoot();
      for await (const [name, handle] of root.entries()) {
        if (handle.kind !== 'directory') continue;
        await collect(handle, decodeURIComponent(name), '', found);
      }
      return found;
    },
  };
}

async function collect(
  dir: FileSystemDirectoryHandle,
  modelId: string,
  prefix: string,
  found: StoredFileKey[],
): Promise<void> {
  for await (const [name, handle] of dir.entries()) {
    const path = prefix === '' ? name : `${prefix}/${name}`;
    if (handle.kind === 'file') found.push({ modelId, path });
    else await collect(handle, modelId, path, found);
  }
}
