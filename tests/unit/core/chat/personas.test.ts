import { describe, expect, it } from 'vitest';
import {
  BUILTIN_PERSONAS,
  customPersonaToPersona,
  DEFAULT_PERSONA_ID,
  isCustomPersona,
  resolvePersona,
  systemPromptFor,
  validatePersona,
  type CustomPersona,
} from '../../../../src/core/chat/personas';
import { LOCALES } from '../../../../src/core/locale';

const MINE: CustomPersona = {
  id: 'p-1',
  name: 'Pirate',
  systemPrompt: 'Talk like a pirate.',
  createdAt: 1,
};

const sentences = (text: string): number =>
  text.split(/[.!?](?:\s|$)/).filter((s) => s.trim()).length;

describe('built-in personas', () => {
  it('come in a fixed order, deep-frozen, with casual as the default', () => {
    expect(BUILTIN_PERSONAS.map((p) => p.id)).toEqual(['tecnico', 'casual', 'formal', 'estudo']);
    expect(DEFAULT_PERSONA_ID).toBe('casual');
    expect(Object.isFrozen(BUILTIN_PERSONAS)).toBe(true);
    for (const persona of BUILTIN_PERSONAS) {
      expect(persona.builtin).toBe(true);
      expect(Object.isFrozen(persona)).toBe(true);
      expect(Object.isFrozen(persona.name)).toBe(true);
      expect(Object.isFrozen(persona.systemPrompt)).toBe(true);
    }
  });

  it('have a real prompt in each language, 2–5 sentences, that follows the person’s language', () => {
    for (const persona of BUILTIN_PERSONAS) {
      expect(persona.systemPrompt.en).not.toBe(persona.systemPrompt['pt-BR']);
      for (const locale of LOCALES) {
        const prompt = systemPromptFor(persona, locale);
        expect(sentences(prompt), `${persona.id} ${locale}`).toBeGreaterThanOrEqual(2);
        expect(sentences(prompt), `${persona.id} ${locale}`).toBeLessThanOrEqual(5);
        expect(persona.name[locale].trim()).not.toBe('');
      }
      expect(persona.systemPrompt.en).toMatch(
        /language the person writes in|language they write in/,
      );
      expect(persona.systemPrompt['pt-BR']).toMatch(/no idioma em que (a pessoa|ela) escrever/);
    }
  });

  it('give each persona its character', () => {
    const prompt = (id: string, locale: 'en' | 'pt-BR'): string =>
      systemPromptFor(resolvePersona(id, []), locale);
    expect(prompt('tecnico', 'en')).toMatch(/not sure/);
    expect(prompt('tecnico', 'pt-BR')).toMatch(/não tiver certeza/);
    expect(prompt('tecnico', 'pt-BR')).toMatch(/código/);
    expect(prompt('casual', 'en')).toMatch(/short/);
    expect(prompt('formal', 'pt-BR')).toMatch(/formal/);
    expect(prompt('estudo', 'en')).toMatch(/step by step/);
    expect(prompt('estudo', 'en')).toMatch(/End every reply with a question/);
    expect(prompt('estudo', 'pt-BR')).toMatch(/passo a passo/);
    expect(prompt('estudo', 'pt-BR')).toMatch(/Termine toda resposta com uma pergunta/);
  });
});

describe('resolvePersona', () => {
  it('finds builtins and custom personas', () => {
    expect(resolvePersona('formal', [MINE]).id).toBe('formal');
    const mine = resolvePersona('p-1', [MINE]);
    expect(mine).toEqual(customPersonaToPersona(MINE));
    expect(mine.builtin).toBe(false);
    expect(systemPromptFor(mine, 'pt-BR')).toBe('Talk like a pirate.');
    expect(mine.name).toEqual({ en: 'Pirate', 'pt-BR': 'Pirate' });
  });

  it('falls back to the default for unknown or missing ids', () => {
    expect(resolvePersona(undefined, [MINE]).id).toBe('casual');
    expect(resolvePersona('deleted', [MINE]).id).toBe('casual');
    expect(resolvePersona('', []).id).toBe('casual');
  });
});

describe('validatePersona', () => {
  const ok = { name: 'Chef', systemPrompt: 'You are a chef.' };

  it('accepts a good draft', () => {
    expect(validatePersona(ok, [MINE])).toEqual([]);
  });

  it('checks trimmed lengths', () => {
    expect(validatePersona({ name: '   ', systemPrompt: ' \n ' }, [])).toEqual([
      'name-empty',
      'prompt-empty',
    ]);
    expect(validatePersona({ ...ok, name: ` ${'n'.repeat(60)} ` }, [])).toEqual([]);
    expect(validatePersona({ ...ok, name: 'n'.repeat(61) }, [])).toEqual(['name-too-long']);
    expect(validatePersona({ ...ok, systemPrompt: ` ${'p'.repeat(4000)}\n` }, [])).toEqual([]);
    expect(validatePersona({ ...ok, systemPrompt: 'p'.repeat(4001) }, [])).toEqual([
      'prompt-too-long',
    ]);
  });

  it('rejects names taken by builtins in either language, ignoring case', () => {
    for (const name of ['technical', 'TÉCNICO', ' Estudo ', 'study', 'Formal']) {
      expect(validatePersona({ ...ok, name }, []), name).toEqual(['name-taken']);
    }
  });

  it('rejects names of other custom personas but not the one being edited', () => {
    expect(validatePersona({ ...ok, name: 'pirate' }, [MINE])).toEqual(['name-taken']);
    expect(validatePersona({ ...ok, name: 'pirate' }, [MINE], 'p-1')).toEqual([]);
  });
});

describe('isCustomPersona', () => {
  it('accepts stored personas and rejects damaged values', () => {
    expect(isCustomPersona(MINE)).toBe(true);
    expect(isCustomPersona({ ...MINE, extra: 1 })).toBe(true);
    expect(isCustomPersona(null)).toBe(false);
    expect(isCustomPersona('Pirate')).toBe(false);
    expect(isCustomPersona({ ...MINE, id: '' })).toBe(false);
    expect(isCustomPersona({ ...MINE, name: 3 })).toBe(false);
    expect(isCustomPersona({ ...MINE, systemPrompt: undefined })).toBe(false);
    expect(isCustomPersona({ ...MINE, createdAt: '1' })).toBe(false);
    expect(isCustomPersona({ ...MINE, createdAt: Number.NaN })).toBe(false);
  });
});
