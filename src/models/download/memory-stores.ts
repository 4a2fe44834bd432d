/**
 * In-memory ByteStore and InstallStore: the reference behaviour of both contracts, used by
 * tests and usable wherever nothing needs to outlive the page. Records are cloned in and out,
 * as IndexedDB does, so a caller can never edit a stored record by accident.
 */
import type { ByteStore, ByteWriter, InstallRecord, InstallStore, StoredFileKey } from './types';

const SEPARATOR = '\u0000';
const keyString = (key: StoredFileKey): string => `${key.modelId}${SEPARATOR}${key.path}`;

function keyOf(text: string): StoredFileKey {
  const at = text.indexOf(SEPARATOR);
  return { modelId: text.slice(0, at), path: text.slice(at + 1) };
}

export interface MemoryByteStoreOptions {
  /** Total bytes the store may hold; a write past it throws QuotaExceededError, as OPFS does. */
  capacityBytes?: number;
}

export class MemoryByteStore implements ByteStore {
  readonly #files = new Map<string, Uint8Array[]>();
  readonly #capacity: number;

  constructor(options: MemoryByteStoreOptions = {}) {
    this.#capacity = options.capacityBytes ?? Number.POSITIVE_INFINITY;
  }

  /** Bytes held by every file together. */
  get usedBytes(): number {
    let used = 0;
    for (const chunks of this.#files.values()) used += byteLength(chunks);
    return used;
  }

  size(key: StoredFileKey): Promise<number | null> {
    const chunks = this.#files.get(keyString(key));
    return Promise.resolve(chunks === undefined ? null : byteLength(chunks));
  }

  openWriter(key: StoredFileKey, options: { truncateTo?: number } = {}): Promise<ByteWriter> {
    const name = keyString(key);
    let chunks = this.#files.get(name) ?? [];
    if (options.truncateTo !== undefined) chunks = truncate(chunks, options.truncateTo);
    this.#files.set(name, chunks);
    return Promise.resolve(
      new MemoryByteWriter(
        () => byteLength(this.#files.get(name) ?? []),
        (chunk) => this.#append(name, key, chunk),
      ),
    );
  }

  #append(name: string, key: StoredFileKey, chunk: Uint8Array): void {
    if (this.usedBytes + chunk.byteLength > this.#capacity) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    // A file removed while its writer is open is not silently recreated.
    const current = this.#files.get(name);
    if (current === undefined) throw new Error(`${key.path} was removed while being written`);
    current.push(chunk.slice());
  }

  read(key: StoredFileKey): Promise<Blob | null> {
    const chunks = this.#files.get(keyString(key));
    return Promise.resolve(chunks === undefined ? null : new Blob(chunks as BlobPart[]));
  }

  remove(key: StoredFileKey): Promise<void> {
    this.#files.delete(keyString(key));
    return Promise.resolve();
  }

  removeModel(modelId: string): Promise<void> {
    for (const name of [...this.#files.keys()]) {
      if (keyOf(name).modelId === modelId) this.#files.delete(name);
    }
    return Promise.resolve();
  }

  list(): Promise<StoredFileKey[]> {
    return Promise.resolve([...this.#files.keys()].map(keyOf));
  }
}

class MemoryByteWriter implements ByteWriter {
  #closed = false;

  constructor(
    private readonly length: () => number,
    private readonly append: (chunk: Uint8Array) => void,
  ) {}

  get position(): number {
    return this.length();
  }

  write(chunk: Uint8Array): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('The writer is closed'));
    try {
      this.append(chunk);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.#closed = true;
    return Promise.resolve();
  }
}

function byteLength(chunks: readonly Uint8Array[]): number {
  return chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
}

function truncate(chunks: readonly Uint8Array[], length: number): Uint8Array[] {
  const kept: Uint8Array[] = [];
  let left = length;
  for (const chunk of chunks) {
    if (left <= 0) break;
    kept.push(chunk.byteLength <= left ? chunk : chunk.slice(0, left));
    left -= chunk.byteLength;
  }
  return kept;
}

export class MemoryInstallStore implements InstallStore {
  readonly #records = new Map<string, InstallRecord>();

  get(modelId: string): Promise<InstallRecord | undefined> {
    const record = this.#records.get(modelId);
    return Promise.resolve(record === undefined ? undefined : structuredClone(record));
  }

  put(record: InstallRecord): Promise<void> {
    this.#records.set(record.modelId, structuredClone(record));
    return Promise.resolve();
  }

  delete(modelId: string): Promise<void> {
    this.#records.delete(modelId);
    return Promise.resolve();
  }

  list(): Promise<InstallRecord[]> {
    return Promise.resolve([...this.#records.values()].map((record) => structuredClone(record)));
  }
}
