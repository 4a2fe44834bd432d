/** Both UI languages say everything, with the same placeholders. */
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/app/i18n/en';
import { ptBR } from '../../../src/app/i18n/pt-BR';

/** {name} placeholders and {name, plural, …} counts, each once. */
const placeholders = (s: string): string[] =>
  [...new Set([...s.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1] ?? ''))].sort();

/** Each plural's form names: every one must have `other`, the form any count can fall back to. */
const pluralForms = (s: string): string[][] =>
  [...s.matchAll(/\{\w+, plural,((?:\s*(?:=\d+|\w+)\s*\{[^{}]*\})+)\s*\}/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/(=\d+|\w+)\s*\{/g)].map((f) => f[1] ?? ''),
  );

describe('UI messages', () => {
  it('pt-BR has exactly the keys of en', () => {
    expect(Object.keys(ptBR).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en) as (keyof typeof en)[])('%s: no empty text, same placeholders', (key) => {
    expect(en[key].trim()).not.toBe('');
    expect(ptBR[key].trim()).not.toBe('');
    expect(placeholders(ptBR[key])).toEqual(placeholders(en[key]));
    for (const forms of [...pluralForms(en[key]), ...pluralForms(ptBR[key])]) {
      expect(forms).toContain('other');
    }
    // Portuguese's `one` holds 0 as well as 1 (CLDR), but Brazil writes "0 conversas": a
    // pt-BR plural with a `one` form says what 0 reads.
    for (const forms of pluralForms(ptBR[key])) {
      if (forms.includes('one')) expect(forms).toContain('=0');
    }
    // A plural that does not parse would show its braces: none may be left over.
    const leftover = (s: string): boolean =>
      /, plural,/.test(s.replace(/\{\w+, plural,(?:\s*(?:=\d+|\w+)\s*\{[^{}]*\})+\s*\}/g, ''));
    expect(leftover(en[key])).toBe(false);
    expect(leftover(ptBR[key])).toBe(false);
  });
});
