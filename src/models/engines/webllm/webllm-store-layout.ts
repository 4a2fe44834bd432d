/**
 * Where each file of a web-llm model sits in web-llm's own store: the Cache API caches its
 * loader opens ('webllm/config' for the chat config, 'webllm/wasm' for the compiled library,
 * 'webllm/model' for the tokenizer, the tensor-cache manifest and the shards), keyed by the
 * canonical URLs of webllm-config.ts. This is web-llm's default backend (`cacheBackend:
 * 'cache'`); its cache names and keys are read from @mlc-ai/web-llm 0.2.86, which package.json
 * pins exactly, and the browser test checks them with web-llm's own hasModelInCache and loader.
 */
import type { CatalogEntry } from '../../catalog-types';
import { webLlmModelLibUrl, webLlmModelUrl } from './webllm-config';

export const WEBLLM_CACHE_NAMES = {
  config: 'webllm/config',
  wasm: 'webllm/wasm',
  model: 'webllm/model',
} as const;

export type WebLlmCacheName = (typeof WEBLLM_CACHE_NAMES)[keyof typeof WEBLLM_CACHE_NAMES];

/** Files web-llm reads through its config cache rather than its model cache. */
const CONFIG_FILES: ReadonlySet<string> = new Set([
  'mlc-chat-config.json',
  'mlc-model-manifest.json',
]);

export interface WebLlmSlot {
  cacheName: WebLlmCacheName;
  /** The request URL web-llm looks the file up by. */
  url: string;
}

const encodeSegments = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

/** Where `path` of a web-llm `entry` lives in web-llm's store, or null for other engines. */
export function webLlmSlot(entry: CatalogEntry, path: string): WebLlmSlot | null {
  const build = entry.engine === 'web-llm' ? entry.webllm : undefined;
  if (build === undefined) return null;
  if (path === build.libPath) {
    return { cacheName: WEBLLM_CACHE_NAMES.wasm, url: webLlmModelLibUrl(build) };
  }
  const url = new URL(encodeSegments(path), webLlmModelUrl(entry)).href;
  return {
    cacheName: CONFIG_FILES.has(path) ? WEBLLM_CACHE_NAMES.config : WEBLLM_CACHE_NAMES.model,
    url,
  };
}

/**
 * The repo path of `url` for `entry` (the inverse of webLlmSlot for files under the model
 * folder, and the library), or null when the URL is not one of the entry's.
 */
export function webLlmPathOf(entry: CatalogEntry, url: string): string | null {
  const build = entry.engine === 'web-llm' ? entry.webllm : undefined;
  if (build === undefined) return null;
  if (url === webLlmModelLibUrl(build)) return build.libPath;
  const folder = webLlmModelUrl(entry);
  if (!url.startsWith(folder)) return null;
  return url
    .slice(folder.length)
    .split('/')
    .map((part) => decodeURIComponent(part))
    .join('/');
}
