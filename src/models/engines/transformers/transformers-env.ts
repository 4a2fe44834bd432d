/**
 * The one place that configures transformers.js's global `env` for Omnia. Models load only
 * from the verified cache, never the network: remote models are off, the library's own caches
 * are off, and a custom cache answers from the ModelFileSources that loaders register for the
 * length of a load. Every model file transformers.js asks for has a key of the form
 * `omnia-verified://<repo>/<path>` (its localModelPath and its remote host both point there),
 * which no fetch can resolve, so a file that is not registered is simply "not found".
 * In a browser, onnxruntime-web's .mjs/.wasm must come from our own origin (wasmPaths), never
 * from the CDN transformers.js defaults to.
 */
import { env } from '@huggingface/transformers';
import { isNodeRuntime } from '../device-choice';
import type { ModelFileSource } from '../types';
import { reopeningBody } from './verified-body';

/** The pseudo-origin of every model file key; not a scheme any fetch can reach. */
export const VERIFIED_ORIGIN = 'omnia-verified://';

export interface TransformersConfig {
  /**
   * Browser only: where onnxruntime-web's files are served on our origin. A folder URL ending
   * in '/' (the WebGPU build that transformers.js imports loads
   * `ort-wasm-simd-threaded.asyncify.mjs` and `.wasm` from it), or the two file URLs.
   * Ignored in Node, where onnxruntime-node needs no files.
   */
  wasmPaths?: string | { wasm: string; mjs: string };
  /** WASM threads. More than 1 needs cross-origin isolation; ORT drops to 1 without it. */
  numThreads?: number;
}

type WasmPaths = NonNullable<TransformersConfig['wasmPaths']>;

const sources = new Map<string, ModelFileSource[]>();
let wasmPathsSet = false;

/** The cache key transformers.js uses for `path` in `repo` under this configuration. */
export function verifiedFileKey(repo: string, path: string): string {
  return `${VERIFIED_ORIGIN}${repo}/${path}`;
}

/** The source registered last for the repo that `key` points into, with the repo path. */
function resolveKey(key: string): { source: ModelFileSource; path: string } | null {
  if (!key.startsWith(VERIFIED_ORIGIN)) return null;
  const rest = key.slice(VERIFIED_ORIGIN.length);
  let best: { repo: string; source: ModelFileSource } | null = null;
  for (const [repo, stack] of sources) {
    const source = stack.at(-1);
    if (!source || !rest.startsWith(`${repo}/`)) continue;
    if (!best || repo.length > best.repo.length) best = { repo, source };
  }
  return best ? { source: best.source, path: rest.slice(best.repo.length + 1) } : null;
}

/**
 * What the last failed read of each key threw. transformers.js swallows every error of a
 * custom cache's `match` and reports the file as missing ("missing config.json"), whatever
 * really happened; loaders read this to say what did (transformers-load.ts `toLoadError`).
 */
const readFailures = new Map<string, unknown>();

/**
 * The error the last read of `path` in `repo` threw, forgotten once taken; undefined when the
 * last read did not throw (the file is simply not among the model's verified files).
 */
export function takeReadFailure(repo: string, path: string): unknown {
  const key = verifiedFileKey(repo, path);
  const failure = readFailures.get(key);
  readFailures.delete(key);
  return failure;
}

/**
 * The custom cache's lookup: a Response with the verified bytes, or undefined (not found).
 * A read that throws is recorded for {@link takeReadFailure} and rethrown.
 * Exported so tests can check keys without loading a model.
 */
export async function matchVerified(key: string): Promise<Response | undefined> {
  const found = resolveKey(key);
  if (!found) return undefined;
  let blob: Blob | null;
  try {
    blob = await found.source.open(found.path);
  } catch (error) {
    readFailures.set(key, error);
    throw error;
  }
  readFailures.delete(key);
  if (!blob) return undefined;
  // Read when transformers.js gets to it: a snapshot gone stale by then is opened again.
  const body = reopeningBody(blob, () => found.source.open(found.path), {
    onReopened: (error) =>
      console.warn(`Omnia: ${key} changed after it was opened (${String(error)}); read it again.`),
  });
  // content-length lets transformers.js report byte progress while it reads the file.
  return new Response(body, { headers: { 'content-length': String(blob.size) } });
}

const verifiedCache = {
  match: matchVerified,
  // transformers.js never writes: the verified cache is filled by the download manager only.
  put: (): Promise<void> => Promise.resolve(),
};

/**
 * Refuses our pseudo-origin without touching the network (transformers.js fetches a local
 * path when the cache misses, in a browser) and otherwise defers to the global fetch at call
 * time, so that whatever stubs or guards globalThis.fetch sees every request.
 */
function guardedFetch(input: string | URL, init?: RequestInit): Promise<Response> {
  const url = typeof input === 'string' ? input : input.href;
  if (url.startsWith(VERIFIED_ORIGIN)) {
    return Promise.resolve(new Response(null, { status: 404, statusText: 'Not Found' }));
  }
  return globalThis.fetch(input, init);
}

/** Applies the settings every load depends on; cheap, so loaders call it each time. */
export function applyBaseSettings(): void {
  env.allowRemoteModels = false;
  // Must stay true: with both off, transformers.js refuses to load anything. The "local"
  // path is our pseudo-origin, answered by the custom cache.
  env.allowLocalModels = true;
  env.localModelPath = VERIFIED_ORIGIN;
  env.remoteHost = VERIFIED_ORIGIN;
  env.remotePathTemplate = '{model}/';
  env.useBrowserCache = false;
  env.useFSCache = false;
  env.experimental_useCrossOriginStorage = false;
  env.useCustomCache = true;
  env.customCache = verifiedCache;
  // Let onnxruntime-web fetch its own .wasm from wasmPaths; transformers.js would otherwise
  // route it through the custom cache, which holds models only.
  env.useWasmCache = false;
  env.fetch = guardedFetch;
}

function setWasmPaths(paths: WasmPaths): void {
  const wasm = env.backends.onnx.wasm;
  if (!wasm) return;
  // A copy: onnxruntime and transformers.js may write into the object they are given.
  wasm.wasmPaths = typeof paths === 'string' ? paths : { ...paths };
  wasmPathsSet = true;
}

/**
 * Configures transformers.js for this worker. Call once before the first load; calling again
 * changes only what is given.
 * @example configureTransformers({ wasmPaths: new URL('/ort/', location.origin).href })
 */
export function configureTransformers(config: TransformersConfig = {}): void {
  applyBaseSettings();
  const wasm = env.backends.onnx.wasm;
  if (config.wasmPaths !== undefined && !isNodeRuntime()) setWasmPaths(config.wasmPaths);
  if (config.numThreads !== undefined && wasm) wasm.numThreads = config.numThreads;
}

/** Whether onnxruntime will find its files without a CDN (always true in Node). */
export function wasmPathsConfigured(): boolean {
  return isNodeRuntime() || wasmPathsSet;
}

/**
 * Makes `source` answer for `repo` until the returned function is called. Loaders register
 * for the length of a load; the last registration for a repo wins.
 */
export function registerModelFiles(repo: string, source: ModelFileSource): () => void {
  const stack = sources.get(repo) ?? [];
  stack.push(source);
  sources.set(repo, stack);
  let registered = true;
  return () => {
    if (!registered) return;
    registered = false;
    const index = stack.lastIndexOf(source);
    if (index >= 0) stack.splice(index, 1);
    if (stack.length === 0 && sources.get(repo) === stack) sources.delete(repo);
  };
}
