/** The Transcribe view's language menu: a model's own languages, and common ones for multilingual models. */
import { describe, expect, it } from 'vitest';
import {
  COMMON_WHISPER_LANGUAGES,
  modelLanguages,
} from '../../../../src/app/components/transcribe/model-languages';
import { getModel } from '../../../../src/models/catalog';

describe('modelLanguages', () => {
  it('lists a fixed-language model’s own languages, primary tags only', () => {
    expect(modelLanguages({ languages: ['en', 'pt-BR'] })).toEqual(['en', 'pt']);
  });

  it('adds common Whisper languages to a multilingual model, its own first, once each', () => {
    const languages = modelLanguages(getModel('whisper-tiny-q8'));
    expect(languages.slice(0, 2)).toEqual(['pt', 'en']);
    expect(languages).not.toContain('multilingual');
    expect(new Set(languages).size).toBe(languages.length);
    for (const code of COMMON_WHISPER_LANGUAGES) expect(languages).toContain(code);
  });

  it('offers nothing without a model', () => {
    expect(modelLanguages(null)).toEqual([]);
  });
});
