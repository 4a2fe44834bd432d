/**
 * Turns a device report into a tier (Fast, Balanced, Quality) and a default model per task
 * (PRODUCT.md C2). Thresholds, in terms of device-verdict.ts's GPU budget guess:
 * - quality: a real WebGPU adapter with shader-f16 and a budget of at least 3 GiB, room for a
 *   3B q4f16 MLC build (Llama 3.2 3B needs 2.3 GB, Phi-3.5 mini 3.7 GB).
 * - balanced: a real adapter with a budget of at least 1.5 GiB, room for a 1–1.5B MLC build
 *   (q4f32 where the GPU lacks shader-f16).
 * - fast: everything else, including no WebGPU and software adapters: small ONNX models that
 *   run on WASM.
 * The default is the first model of the tier's list in catalog-defaults.ts that can be
 * recommended, then the lower tiers' lists, then any catalog model of the task, smallest first.
 * Recommendable means: not a test fixture, an engine of this app runs it (engine-support.ts),
 * and its verdict on this device fits. A model listed ahead of its engine is never suggested.
 */
import { CATALOG, getModel, supportsLanguage } from './catalog';
import { TIER_PREFERENCES } from './catalog-defaults';
import type { CatalogEntry, ModelTask, Tier } from './catalog-types';
import type { DeviceReport } from './device-probe';
import { gpuBudgetMB, verdictFor, type StorageFacts } from './device-verdict';
import { engineRuns } from './engine-support';

export type { Tier } from './catalog-types';

export const QUALITY_MIN_GPU_BUDGET_MB = 3072;
export const BALANCED_MIN_GPU_BUDGET_MB = 1536;

export function recommendTier(device: DeviceReport): Tier {
  const budget = gpuBudgetMB(device);
  if (budget === null) return 'fast';
  if (device.webgpu?.shaderF16 === true && budget >= QUALITY_MIN_GPU_BUDGET_MB) return 'quality';
  if (budget >= BALANCED_MIN_GPU_BUDGET_MB) return 'balanced';
  return 'fast';
}

const TIERS_DOWN_FROM: Readonly<Record<Tier, readonly Tier[]>> = {
  quality: ['quality', 'balanced', 'fast'],
  balanced: ['balanced', 'fast'],
  fast: ['fast'],
};

export interface DefaultModelOptions {
  /** Prefer models that serve this language (BCP-47, e.g. 'pt-BR'); others still qualify. */
  language?: string;
  /** With storage facts, a model that would not fit the quota is skipped too. */
  storage?: StorageFacts;
}

const UNKNOWN_STORAGE: StorageFacts = { quotaBytes: null, usageBytes: null };

/**
 * Whether `entry` may be put forward to a person on this device: the one test behind tier
 * defaults, the "Recommended" badge and the chat's no-model guide.
 */
export function recommendable(
  entry: CatalogEntry,
  device: DeviceReport,
  storage: StorageFacts = UNKNOWN_STORAGE,
): boolean {
  return entry.fixture !== true && engineRuns(entry) && verdictFor(entry, device, storage).fits;
}

function candidates(task: ModelTask, tier: Tier): CatalogEntry[] {
  const ids = new Set(TIERS_DOWN_FROM[tier].flatMap((t) => TIER_PREFERENCES[task][t]));
  const preferred = [...ids].map(getModel);
  const rest = CATALOG.filter((e) => e.task === task && !e.fixture && !ids.has(e.id)).sort(
    (a, b) => a.totalBytes - b.totalBytes,
  );
  return [...preferred, ...rest];
}

/**
 * The catalog id to use for `task` on this device at `tier`, or null when nothing fits.
 * @example defaultModelFor('chat', recommendTier(device), device, { language: 'pt-BR' })
 */
export function defaultModelFor(
  task: ModelTask,
  tier: Tier,
  device: DeviceReport,
  options: DefaultModelOptions = {},
): string | null {
  const { language, storage = UNKNOWN_STORAGE } = options;
  let list = candidates(task, tier);
  if (language !== undefined) {
    // A stable partition: language matches first, each group in preference order.
    list = [
      ...list.filter((e) => supportsLanguage(e, language)),
      ...list.filter((e) => !supportsLanguage(e, language)),
    ];
  }
  const chosen = list.find((entry) => recommendable(entry, device, storage));
  return chosen?.id ?? null;
}
