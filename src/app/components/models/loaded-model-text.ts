/**
 * Words for what the inference worker holds: the model's name, where it runs, the load stage.
 * The Models panel, the header indicator and the chat's loading line say them the same way.
 */
import { getModel, hasModel } from '../../../models/catalog';
import type { EngineDevice } from '../../../models/engines/types';
import type { LoadingStatus } from '../../../workers/inference-client';
import { i18n } from '../../i18n/i18n.svelte';

/** The catalog's display name; the id itself for a model the catalog no longer lists. */
export function modelName(modelId: string): string {
  return hasModel(modelId) ? getModel(modelId).displayName : modelId;
}

/**
 * The name without its variant words, for the header on a phone: "Qwen2.5 1.5B Instruct (f32)"
 * reads "Qwen2.5 1.5B". The full name stays in the link's title.
 */
export function shortModelName(modelId: string): string {
  const name = modelName(modelId);
  const short = name
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\b(Instruct|IT)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return short || name;
}

/** WebGPU / WASM / CPU: the header has room for one word. */
export function deviceShortName(device: EngineDevice): string {
  return i18n.t(`loaded.deviceShort.${device}`);
}

export function deviceName(device: EngineDevice): string {
  if (device === 'webgpu') return i18n.t('models.runtime.webgpu');
  if (device === 'wasm') return i18n.t('models.runtime.wasm');
  return i18n.t('loaded.device.cpu');
}

/** "Checking files", "Reading from the cache 42%", "Compiling shaders", "Warming up". */
export function stageText(loading: LoadingStatus): string {
  if (loading.stage === 'reading') {
    return loading.progress === null
      ? i18n.t('loaded.stage.reading')
      : i18n.t('loaded.stage.readingPercent', { percent: Math.floor(loading.progress * 100) });
  }
  return i18n.t(`loaded.stage.${loading.stage}`);
}
