/**
 * web-llm's AppConfig for one catalog entry, pointing at the one verified copy of its files.
 * Our download manager puts every file web-llm reads into web-llm's own Cache API store
 * (webllm-store-layout.ts), keyed by the URLs web-llm's prebuiltAppConfig uses: the hub folder
 * for weights, config and tokenizer, and MLC's GitHub prefix for the compiled library. Those URLs
 * are identities, not where the bytes came from (the hub, a relay or an imported folder), so
 * switching the source never orphans an install, and web-llm — finding everything cached —
 * fetches nothing. Model ids and library names come from the catalog only.
 */
import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';
import type { CatalogEntry, WebLlmBuild } from '../../catalog-types';
import { HUB_BASE_URL, HUB_SOURCE, modelFolderUrl, modelLibUrl } from '../../download/source-urls';
import { EngineError } from '../errors';

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

/** `https://huggingface.co/<repo>/resolve/<revision>/`: the key web-llm reads weights under. */
export function webLlmModelUrl(entry: CatalogEntry): string {
  return modelFolderUrl(HUB_BASE_URL, entry);
}

/** The library's published URL (MLC's GitHub prefix), the key web-llm reads it under. */
export function webLlmModelLibUrl(build: WebLlmBuild): string {
  return modelLibUrl(HUB_SOURCE, build);
}

/**
 * A one-model AppConfig for `entry`, on web-llm's Cache API backend.
 * @example const engine = new MLCEngine({ appConfig: webLlmAppConfigFor(entry) });
 */
export function webLlmAppConfigFor(entry: CatalogEntry): AppConfig {
  const build = webLlmBuild(entry);
  const features = new Set(build.requiredFeatures);
  if (needsShaderF16(entry)) features.add('shader-f16');
  const record: ModelRecord = {
    model: webLlmModelUrl(entry),
    model_id: build.modelId,
    model_lib: webLlmModelLibUrl(build),
    low_resource_required: build.lowResourceRequired,
    required_features: [...features],
    ...(entry.needs.gpuMemoryMB !== undefined ? { vram_required_MB: entry.needs.gpuMemoryMB } : {}),
    ...(entry.contextWindow !== undefined
      ? { overrides: { context_window_size: entry.contextWindow } }
      : {}),
  };
  return { model_list: [record], cacheBackend: 'cache' };
}
