/**
 * A ByteStore over a Node folder (`<root>/<model id>/<repo path>`), the Node stand-in for
 * OPFS. It lives with the tests, not in src/, so the app's source stays free of Node imports.
 */
import { openAsBlob } from 'node:fs';
import { mkdir, open, readdir, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { ByteStore, ByteWriter, StoredFileKey } from '../../../../src/models/download/types';

export class FolderByteStore implements ByteStore {
  constructor(readonly root: string) {}

  #file(key: StoredFileKey): string {
    const modelDir = join(this.root, encodeURIComponent(key.modelId));
    const file = join(modelDir, ...key.path.split('/'));
    if (!file.startsWith(modelDir + sep)) throw new Error(`Unsafe path ${key.path}`);
    return file;
  }

  async size(key: StoredFileKey): Promise<number | null> {
    try {
      return (await stat(this.#file(key))).size;
    } catch {
      return null;
    }
  }

  async openWriter(key: StoredFileKey, options: { truncateTo?: number } = {}): Promise<ByteWriter> {
    const file = this.#file(key);
    await mkdir(dirname(file), { recursive: true });
    const handle = await open(file, 'a+');
    if (options.truncateTo !== undefined) await handle.truncate(options.truncateTo);
    return new FileWriter(handle, (await handle.stat()).size);
  }

  async read(key: StoredFileKey): Promise<Blob | null> {
    try {
      return await openAsBlob(this.#file(key));
    } catch {
      return null;
    }
  }

  async remove(key: StoredFileKey): Promise<void> {
    await rm(this.#file(key), { force: true });
  }

  async removeModel(modelId: string): Promise<void> {
    await rm(join(this.root, encodeURIComponent(modelId)), { recursive: true, force: true });
  }

  async list(): Promise<StoredFileKey[]> {
    const keys: StoredFileKey[] = [];
    const models = await readdir(this.root).catch(() => [] as string[]);
    for (const model of models) {
      const modelDir = join(this.root, model);
      const entries = await readdir(modelDir, { recursive: true, withFileTypes: true });
      for (const entry of entries) {
        if (!entry.isFile()) continue;
        const path = relative(modelDir, join(entry.parentPath, entry.name)).split(sep).join('/');
        keys.push({ modelId: decodeURIComponent(model), path });
      }
    }
    return keys;
  }
}

class FileWriter implements ByteWriter {
  constructor(
    private readonly handle: FileHandle,
    public position: number,
  ) {}

  async write(chunk: Uint8Array): Promise<void> {
    await this.handle.write(chunk);
    this.position += chunk.byteLength;
  }

  async flush(): Promise<void> {
    await this.handle.sync();
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
