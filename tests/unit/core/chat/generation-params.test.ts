import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PARAMS,
  isDefaultParams,
  normalizeParams,
  PARAM_LIMITS,
} from '../../../../src/core/chat/generation-params';

describe('normalizeParams', () => {
  it('fills missing values with the defaults', () => {
    expect(normalizeParams(undefined)).toEqual({ temperature: 0.7, topP: 0.9, maxNewTokens: 512 });
    expect(normalizeParams({ temperature: 0.2 })).toEqual({ ...DEFAULT_PARAMS, temperature: 0.2 });
  });

  it('clamps into the limits', () => {
    expect(normalizeParams({ temperature: 5, topP: 0, maxNewTokens: 100_000 })).toEqual({
      temperature: 2,
      topP: 0.05,
      maxNewTokens: 4096,
    });
    expect(normalizeParams({ temperature: -1, topP: 3, maxNewTokens: 0 })).toEqual({
      temperature: 0,
      topP: 1,
      maxNewTokens: 1,
    });
  });

  it('rounds maxNewTokens and keeps exact limits', () => {
    expect(normalizeParams({ maxNewTokens: 100.6 }).maxNewTokens).toBe(101);
    expect(normalizeParams({ maxNewTokens: 100.4 }).maxNewTokens).toBe(100);
    expect(normalizeParams({ temperature: 0, topP: 1, maxNewTokens: 4096 })).toEqual({
      temperature: 0,
      topP: 1,
      maxNewTokens: 4096,
    });
  });

  it('replaces NaN, infinities and non-numbers with the default', () => {
    expect(
      normalizeParams({
        temperature: Number.NaN,
        topP: '0.5',
        maxNewTokens: Number.POSITIVE_INFINITY,
      }),
    ).toEqual(DEFAULT_PARAMS);
    expect(normalizeParams({ temperature: null, topP: {}, maxNewTokens: true })).toEqual(
      DEFAULT_PARAMS,
    );
  });

  it('caps maxNewTokens to half the context window', () => {
    expect(normalizeParams({ maxNewTokens: 3000 }, 2048).maxNewTokens).toBe(1024);
    expect(normalizeParams({ maxNewTokens: 100 }, 2048).maxNewTokens).toBe(100);
    expect(normalizeParams(undefined, 129).maxNewTokens).toBe(64);
    expect(normalizeParams(undefined, 1).maxNewTokens).toBe(1);
    expect(normalizeParams(undefined, Number.NaN).maxNewTokens).toBe(512);
  });
});

describe('defaults and limits', () => {
  it('are frozen and consistent', () => {
    expect(Object.isFrozen(DEFAULT_PARAMS)).toBe(true);
    expect(Object.isFrozen(PARAM_LIMITS)).toBe(true);
    expect(Object.isFrozen(PARAM_LIMITS.temperature)).toBe(true);
    expect(PARAM_LIMITS).toEqual({
      temperature: { min: 0, max: 2, step: 0.05 },
      topP: { min: 0.05, max: 1, step: 0.05 },
      maxNewTokens: { min: 1, max: 4096, step: 1 },
    });
    expect(normalizeParams(DEFAULT_PARAMS)).toEqual(DEFAULT_PARAMS);
  });

  it('isDefaultParams tells defaults from changed values', () => {
    expect(isDefaultParams({ ...DEFAULT_PARAMS })).toBe(true);
    expect(isDefaultParams({ ...DEFAULT_PARAMS, temperature: 0.75 })).toBe(false);
    expect(isDefaultParams({ ...DEFAULT_PARAMS, topP: 0.85 })).toBe(false);
    expect(isDefaultParams({ ...DEFAULT_PARAMS, maxNewTokens: 511 })).toBe(false);
  });
});
