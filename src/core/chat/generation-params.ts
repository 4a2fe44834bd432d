// Sampling settings come from sliders, settings rows and old messages, any of which may be
// out of range or missing. Everything goes through normalizeParams before an engine sees it,
// so no engine has to defend itself against a NaN temperature or a 1M-token answer.
import type { GenerationParamsRow } from '../../storage';

/** Sampling settings for one answer (the shape messages and conversations store). */
export type GenerationParams = GenerationParamsRow;

/** What a new conversation starts with. */
export const DEFAULT_PARAMS: Readonly<GenerationParams> = Object.freeze({
  temperature: 0.7,
  topP: 0.9,
  maxNewTokens: 512,
});

interface Limit {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

/** The range (and slider step) of each setting. */
export const PARAM_LIMITS: Readonly<Record<keyof GenerationParams, Limit>> = Object.freeze({
  temperature: Object.freeze({ min: 0, max: 2, step: 0.05 }),
  topP: Object.freeze({ min: 0.05, max: 1, step: 0.05 }),
  maxNewTokens: Object.freeze({ min: 1, max: 4096, step: 1 }),
});

function clampOr(value: unknown, limit: Limit, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(limit.max, Math.max(limit.min, value));
}

/**
 * Clamps into the limits, rounds maxNewTokens, replaces NaN/non-numbers with the default;
 * `contextWindow` (when given) caps maxNewTokens to half of it.
 * @example normalizeParams({ temperature: 5, maxNewTokens: 3000 }, 2048)
 * // → { temperature: 2, topP: 0.9, maxNewTokens: 1024 }
 */
export function normalizeParams(
  value: Partial<Record<keyof GenerationParams, unknown>> | undefined,
  contextWindow?: number,
): GenerationParams {
  const temperature = clampOr(
    value?.temperature,
    PARAM_LIMITS.temperature,
    DEFAULT_PARAMS.temperature,
  );
  const topP = clampOr(value?.topP, PARAM_LIMITS.topP, DEFAULT_PARAMS.topP);
  let maxNewTokens = Math.round(
    clampOr(value?.maxNewTokens, PARAM_LIMITS.maxNewTokens, DEFAULT_PARAMS.maxNewTokens),
  );
  if (contextWindow !== undefined && Number.isFinite(contextWindow) && contextWindow > 0) {
    const cap = Math.max(PARAM_LIMITS.maxNewTokens.min, Math.floor(contextWindow / 2));
    maxNewTokens = Math.min(maxNewTokens, cap);
  }
  return { temperature, topP, maxNewTokens };
}

/** Whether `p` equals DEFAULT_PARAMS field by field (the UI hides a "reset" button then). */
export function isDefaultParams(p: GenerationParams): boolean {
  return (
    p.temperature === DEFAULT_PARAMS.temperature &&
    p.topP === DEFAULT_PARAMS.topP &&
    p.maxNewTokens === DEFAULT_PARAMS.maxNewTokens
  );
}
