import { describe, expect, it } from 'vitest';
import { isLocale, pickLocale } from '../../../src/core/locale';

describe('pickLocale', () => {
  it.each([
    [['pt-BR'], 'pt-BR'],
    [['pt'], 'pt-BR'],
    [['pt-PT', 'en-US'], 'pt-BR'],
    [['en-US', 'pt-BR'], 'en'],
    [['fr-FR', 'pt-BR'], 'pt-BR'],
    [['fr-FR', 'de'], 'en'],
    [[], 'en'],
    [['PT-br'], 'pt-BR'],
  ] as const)('%j → %s', (languages, expected) => {
    expect(pickLocale(languages)).toBe(expected);
  });

  it('recognises only the locales the UI has', () => {
    expect(isLocale('pt-BR')).toBe(true);
    expect(isLocale('en')).toBe(true);
    expect(isLocale('pt')).toBe(false);
    expect(isLocale(42)).toBe(false);
  });
});
