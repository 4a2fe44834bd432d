/** Both UI languages say everything, with the same placeholders. */
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/app/i18n/en';
import { ptBR } from '../../../src/app/i18n/pt-BR';

const placeholders = (s: string): string[] =>
  [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('UI messages', () => {
  it('pt-BR has exactly the keys of en', () => {
    expect(Object.keys(ptBR).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en) as (keyof typeof en)[])('%s: no empty text, same placeholders', (key) => {
    expect(en[key].trim()).not.toBe('');
    expect(ptBR[key].trim()).not.toBe('');
    expect(placeholders(ptBR[key])).toEqual(placeholders(en[key]));
  });
});
