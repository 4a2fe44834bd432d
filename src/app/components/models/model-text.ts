/**
 * Sentences for the Models view: verdict reasons, download errors, durations and language
 * lists. The models layer hands over data (kinds and numbers); this file is where it becomes
 * pt-BR or en, so every component says the same thing the same way.
 */
import type { CatalogEntry, ModelTask, Tier } from '../../../models/catalog';
import type { DeviceReport } from '../../../models/device-probe';
import type { ModelVerdict, VerdictReason } from '../../../models/device-verdict';
import type { DownloadErrorInfo, InstallStatus } from '../../../models/download/types';
import { gpuSummary, type GpuSummary } from '../../../models/gpu-summary';
import { i18n } from '../../i18n/i18n.svelte';

const MIB = 1024 * 1024;

/** Verdict figures are in MiB (the GPU budget is derived from GiB × 1024). */
const mb = (n: number): string => i18n.bytes(n * MIB);

export function reasonText(reason: VerdictReason): string {
  switch (reason.kind) {
    case 'gpu-memory':
      return i18n.t('models.reason.gpu-memory', {
        needed: mb(reason.neededMB),
        available: mb(reason.availableMB),
      });
    case 'memory':
      return i18n.t('models.reason.memory', {
        needed: mb(reason.neededMB),
        available: mb(reason.availableMB),
      });
    case 'quota':
      return i18n.t('models.reason.quota', {
        needed: i18n.bytes(reason.neededBytes),
        free: i18n.bytes(reason.freeBytes),
      });
    case 'wasm-fallback':
      return i18n.t(`models.reason.wasm-fallback.${reason.cause}`);
    default:
      return i18n.t(`models.reason.${reason.kind}`);
  }
}

export function runtimeText(runsOn: 'webgpu' | 'wasm'): string {
  return i18n.t(runsOn === 'webgpu' ? 'models.runtime.webgpu' : 'models.runtime.wasm');
}

/** The verdict's headline: fits, may not fit (installable with a warning), or cannot run. */
export function verdictHeadline(verdict: ModelVerdict): string {
  if (verdict.runsOn === null) return i18n.t('models.verdict.cannotRun');
  const runtime = runtimeText(verdict.runsOn);
  return verdict.fits
    ? i18n.t('models.verdict.fits', { runtime })
    : i18n.t('models.verdict.mayNotFit', { runtime });
}

/** A download error as one sentence, plus the file it concerns when there is one. */
export function errorText(error: DownloadErrorInfo): string {
  const sentence =
    error.kind === 'failed'
      ? i18n.t('models.error.failed', { detail: error.message })
      : i18n.t(`models.error.${error.kind}`);
  // What the source sent and how much room is missing are specifics worth showing as they are.
  const detailed =
    error.kind === 'bad-response' || error.kind === 'quota'
      ? `${sentence} ${i18n.t('models.error.detail', { detail: error.message })}`
      : sentence;
  return error.path && error.kind !== 'bad-response'
    ? `${detailed} ${i18n.t('models.error.file', { path: error.path })}`
    : detailed;
}

/** 125 → "2 min 5 s"; 4000 → "1 h 6 min". */
export function durationText(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return i18n.t('models.duration.hours', { h, m });
  if (m > 0) return i18n.t('models.duration.minutes', { m, s });
  return i18n.t('models.duration.seconds', { s });
}

/** ['multilingual', 'pt', 'en'] → "Portuguese, English and many more", in the UI's language. */
export function languagesText(entry: CatalogEntry): string {
  const locale = i18n.locale;
  const names = new Intl.DisplayNames([locale], { type: 'language' });
  const named = entry.languages
    .filter((tag) => tag !== 'multilingual')
    .map((tag) => names.of(tag) ?? tag);
  const many = entry.languages.includes('multilingual');
  if (named.length === 0) return many ? i18n.t('models.card.manyLanguages') : '—';
  const list = new Intl.ListFormat([locale], { type: 'conjunction' }).format(named);
  return many ? i18n.t('models.card.languagesMore', { list }) : list;
}

export const ENGINE_NAMES: Readonly<Record<CatalogEntry['engine'], string>> = {
  'web-llm': 'web-llm',
  transformers: 'transformers.js',
  tesseract: 'tesseract.js',
};

export function taskTitle(task: ModelTask): string {
  return i18n.t(`models.task.${task}`);
}

export function tierName(tier: Tier): string {
  return i18n.t(`models.tier.${tier}`);
}

/** One sentence on why this tier: the facts recommendTier looked at. */
export function tierReason(tier: Tier, device: DeviceReport): string {
  if (tier !== 'fast') return i18n.t(`models.tier.why.${tier}`);
  return gpuSummary(device).use === 'gpu'
    ? i18n.t('models.tier.why.fast')
    : i18n.t('models.tier.why.fast.noGpu');
}

/** Where models run, given the GPU: the one sentence Home and Models both show. */
export function gpuText(summary: GpuSummary): string {
  return i18n.t(`models.gpu.${summary.use}`);
}

/** "vendor · architecture" as far as the adapter named them; the UI's words where it did not. */
export function adapterText(summary: GpuSummary): string {
  const parts = [summary.vendor, summary.architecture].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(' · ') : i18n.t('models.device.unknownAdapter');
}

/** What a screen reader hears when a model's status changes. */
export function announcement(name: string, status: InstallStatus): string {
  return i18n.t(`models.announce.${status}`, { name });
}
