// Shared by the bench pages that run a fixture model: install it the way the app does, and
// point bare transformers.js at the same relay so both sides load the very same files.
import { env } from '@huggingface/transformers';
import { createOpfsByteStore } from '../../src/models/cache/opfs-byte-store';
import { getModel, type CatalogEntry } from '../../src/models/catalog';
import {
  createDownloadManager,
  type DownloadManager,
} from '../../src/models/download/download-manager';
import { parseRelayUrl } from '../../src/models/download/source-urls';
import { createInstallStore } from '../../src/storage';

/** onnxruntime-web's files, served beside the page as the app serves them. */
export const ORT_URL = new URL('./ort/', location.href).href;

/** Installs `entry` from the relay that served the page: bytes in OPFS, record in IndexedDB. */
export async function installFixture(
  entry: CatalogEntry,
): Promise<{ manager: DownloadManager; installMs: number }> {
  const manager = createDownloadManager({
    bytes: createOpfsByteStore(),
    installs: createInstallStore(),
    fetch: (input, init) => fetch(input, init),
    locks: navigator.locks,
  });
  const start = performance.now();
  await manager.install(entry, parseRelayUrl(location.origin));
  return { manager, installMs: performance.now() - start };
}

/**
 * Points bare transformers.js at the relay as a mirror of the hub (ORT from our origin) and
 * returns the pipeline options for the q8 fixture `modelId`.
 */
export function bareFixtureOptions(modelId: string): {
  repo: string;
  options: { device: 'wasm'; dtype: 'q8'; revision: string };
} {
  const entry = getModel(modelId);
  env.allowLocalModels = false;
  env.remoteHost = parseRelayUrl(location.origin).baseUrl + '/';
  env.remotePathTemplate = '{model}/resolve/{revision}/';
  const wasm = env.backends.onnx.wasm;
  if (wasm) wasm.wasmPaths = ORT_URL;
  if (entry.dtype !== 'q8') throw new Error(`expected the q8 fixture, got ${entry.dtype}`);
  return { repo: entry.repo, options: { device: 'wasm', dtype: 'q8', revision: entry.revision } };
}
