/**
 * web-llm's AppConfig for one catalog entry. web-llm fetches and caches its own files (MLC
 * weights from `model`, the compiled WebGPU library from `model_lib`), so where they come from
 * is decided here: the hub by default, or the relay's base URL, which serves the same
 * `<repo>/resolve/<revision>/` layout. Model ids and library names come from the catalog only.
 */
import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';
import { WEBLLM_MODEL_LIB_PREFIX } from '../../catalog-chat';
import type { CatalogEntry, WebLlmBuild } from '../../catalog-types';
import { HUB_BASE_URL, modelFolderUrl } from '../../download/source-urls';
import { EngineError } from '../errors';

export interface WebLlmSources {
  /** Hub or relay base URL for weights; defaults to the hub. */
  modelBaseUrl?: string;
  /**
   * Where compiled model libraries live: `<base><libVersion>/<modelLib>`. Defaults to
   * web-llm's GitHub prefix; a relay or our own origin may mirror it.
   */
  modelLibBaseUrl?: string;
}

const withSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

/** The entry's web-llm build, or an engine error for an entry that has none. */
export function webLlmBuild(entry: CatalogEntry): WebLlmBuild {
  if (entry.engine !== 'web-llm' || !entry.webllm) {
    throw new EngineError('unsupported', `Model "${entry.id}" is not a web-llm model.`, {
      modelId: entry.id,
    });
  }
  return entry.webllm;
}

/** Whether the build needs shader-f16 (q4f16 builds do, listed or not). */
export function needsShaderF16(entry: CatalogEntry): boolean {
  return entry.needs.shaderF16 || (entry.webllm?.requiredFeatures.includes('shader-f16') ?? false);
}

/**
 * `<base>/<repo>/resolve/<revision>/`, the folder web-llm reads weights from: the layout the
 * download manager uses for the hub and the relay (a revision is one encoded segment).
 */
export function webLlmModelUrl(entry: CatalogEntry, baseUrl: string = HUB_BASE_URL): string {
  return modelFolderUrl(baseUrl, entry);
}

export function webLlmModelLibUrl(
  build: WebLlmBuild,
  baseUrl: string = WEBLLM_MODEL_LIB_PREFIX,
): string {
  return `${withSlash(baseUrl)}${build.libVersion}/${build.modelLib}`;
}

/**
 * A one-model AppConfig for `entry`.
 * @example webLlmAppConfigFor(entry, { modelBaseUrl: relay })
 */
export function webLlmAppConfigFor(entry: CatalogEntry, sources: WebLlmSources = {}): AppConfig {
  const build = webLlmBuild(entry);
  const features = new Set(build.requiredFeatures);
  if (needsShaderF16(entry)) features.add('shader-f16');
  const record: ModelRecord = {
    model: webLlmModelUrl(entry, sources.modelBaseUrl),
    model_id: build.modelId,
    model_lib: webLlmModelLibUrl(build, sources.modelLibBaseUrl),
    low_resource_required: build.lowResourceRequired,
    required_features: [...features],
    ...(entry.needs.gpuMemoryMB !== undefined ? { vram_required_MB: entry.needs.gpuMemoryMB } : {}),
    ...(entry.contextWindow !== undefined
      ? { overrides: { context_window_size: entry.contextWindow } }
      : {}),
  };
  return { model_list: [record] };
}
