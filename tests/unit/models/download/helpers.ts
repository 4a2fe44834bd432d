/**
 * Shared set-up for the download manager tests: the fixture entries, a running model server,
 * stores, a manager wired to them, and store wrappers that record or "kill" a tab.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { getModel } from '../../../../src/models/catalog';
import type { CatalogEntry } from '../../../../src/models/catalog-types';
import {
  createDownloadManager,
  type DownloadManager,
  type DownloadManagerOptions,
} from '../../../../src/models/download/download-manager';
import { MemoryByteStore, MemoryInstallStore } from '../../../../src/models/download/memory-stores';
import type { ModelSource } from '../../../../src/models/download/source-urls';
import type {
  ByteStore,
  DownloadProgress,
  InstallRecord,
  InstallStore,
  StoredFileKey,
} from '../../../../src/models/download/types';
import { fixtureRepo, startModelServer, type ModelServer } from './model-server';

export const EMBEDDER: CatalogEntry = getModel('omnia-fixture-embedder');
export const CAUSAL_LM: CatalogEntry = getModel('omnia-fixture-causal-lm');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A model server with both fixture models, closed after the test. */
export async function serveFixtures(): Promise<ModelServer> {
  const server = await startModelServer();
  server.addRepo(EMBEDDER.repo, fixtureRepo(EMBEDDER));
  server.addRepo(CAUSAL_LM.repo, fixtureRepo(CAUSAL_LM));
  cleanups.push(() => server.close());
  return server;
}

/** A temporary folder, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'omnia-download-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export const relay = (server: ModelServer): ModelSource => ({
  kind: 'relay',
  baseUrl: server.baseUrl,
});

export interface TestRig {
  server: ModelServer;
  source: ModelSource;
  bytes: ByteStore;
  installs: InstallStore;
  manager: DownloadManager;
  /** Another manager (another tab, or the same one after a reload) on the same stores. */
  newManager: (overrides?: Partial<DownloadManagerOptions>) => DownloadManager;
}

/** Server, memory stores and a manager with small checkpoints and unthrottled progress. */
export async function rig(overrides: Partial<DownloadManagerOptions> = {}): Promise<TestRig> {
  const server = await serveFixtures();
  const bytes = overrides.bytes ?? new MemoryByteStore();
  const installs = overrides.installs ?? new MemoryInstallStore();
  const newManager = (more: Partial<DownloadManagerOptions> = {}): DownloadManager =>
    createDownloadManager({
      bytes,
      installs,
      fetch,
      checkpointBytes: 8 * 1024,
      progressIntervalMs: 0,
      ...overrides,
      ...more,
    });
  return { server, source: relay(server), bytes, installs, manager: newManager(), newManager };
}

/** Collects progress events. */
export function progressLog(): {
  events: DownloadProgress[];
  onProgress: (p: DownloadProgress) => void;
} {
  const events: DownloadProgress[] = [];
  return { events, onProgress: (progress) => events.push(progress) };
}

export async function storedBytes(
  bytes: ByteStore,
  key: StoredFileKey,
): Promise<Uint8Array | null> {
  const blob = await bytes.read(key);
  return blob === null ? null : new Uint8Array(await blob.arrayBuffer());
}

/** An InstallStore that keeps a copy of every record put, in order. */
export class RecordingInstallStore extends MemoryInstallStore {
  readonly history: InstallRecord[] = [];

  override async put(record: InstallRecord): Promise<void> {
    this.history.push(structuredClone(record));
    await super.put(record);
  }
}

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/**
 * Wraps stores so that after `kill()` nothing more reaches them, as when a tab is closed:
 * every later call hangs forever, and what was stored before stays.
 */
export function killableStores(bytes: ByteStore, installs: InstallStore) {
  let killed = false;
  const guard = <T>(call: () => Promise<T>): Promise<T> => (killed ? never<T>() : call());
  const killableBytes: ByteStore = {
    size: (key) => guard(() => bytes.size(key)),
    read: (key) => guard(() => bytes.read(key)),
    remove: (key) => guard(() => bytes.remove(key)),
    removeModel: (id) => guard(() => bytes.removeModel(id)),
    list: () => guard(() => bytes.list()),
    openWriter: (key, options) =>
      guard(async () => {
        const writer = await bytes.openWriter(key, options);
        return {
          get position() {
            return writer.position;
          },
          write: (chunk) => guard(() => writer.write(chunk)),
          flush: () => guard(() => writer.flush()),
          close: () => guard(() => writer.close()),
        };
      }),
  };
  const killableInstalls: InstallStore = {
    get: (id) => guard(() => installs.get(id)),
    put: (record) => guard(() => installs.put(record)),
    delete: (id) => guard(() => installs.delete(id)),
    list: () => guard(() => installs.list()),
  };
  return {
    bytes: killableBytes,
    installs: killableInstalls,
    kill: () => {
      killed = true;
    },
  };
}
