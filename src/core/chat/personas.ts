// Personas decide the system prompt a conversation starts with. The four built-in ones
// live here, frozen, with prompts written in both UI languages; the person's own personas
// are stored in settings, whose reads check them (storage's isCustomPersonaRow).
import { isCustomPersonaRow, type CustomPersonaRow } from '../../storage';
import type { Locale } from '../locale';

export type BuiltinPersonaId = 'tecnico' | 'casual' | 'formal' | 'estudo';

/** A persona ready to use: built-in ones carry a name and prompt per UI language. */
export interface Persona {
  id: string;
  builtin: boolean;
  name: Record<Locale, string>;
  systemPrompt: Record<Locale, string>;
}

/** A persona the person wrote; one name and one prompt, whatever the UI language. */
export type CustomPersona = CustomPersonaRow;

export type PersonaProblem =
  'name-empty' | 'name-too-long' | 'prompt-empty' | 'prompt-too-long' | 'name-taken';

/** Longest custom persona name, in characters, after trimming. */
export const PERSONA_NAME_MAX = 60;
/** Longest custom system prompt, in characters, after trimming. */
export const PERSONA_PROMPT_MAX = 4000;

function freezePersona(persona: Persona): Persona {
  Object.freeze(persona.name);
  Object.freeze(persona.systemPrompt);
  return Object.freeze(persona);
}

/** The built-in personas, deep-frozen, in the order the UI lists them. */
export const BUILTIN_PERSONAS: readonly Persona[] = Object.freeze([
  freezePersona({
    id: 'tecnico',
    builtin: true,
    name: { en: 'Technical', 'pt-BR': 'Técnico' },
    systemPrompt: {
      en:
        'You are a precise technical assistant. Use exact terminology, give concrete details, ' +
        'and include code, commands or formulas whenever they help, with code in fenced blocks ' +
        'that name the language. State your assumptions, and when you are not sure about ' +
        'something, say so plainly instead of guessing. Answer in the language the person ' +
        'writes in.',
      'pt-BR':
        'Você é um assistente técnico e preciso. Use a terminologia exata, dê detalhes ' +
        'concretos e inclua código, comandos ou fórmulas sempre que ajudarem, com o código em ' +
        'blocos cercados que indiquem a linguagem. Deixe claras as suas suposições e, quando ' +
        'não tiver certeza de algo, diga isso com franqueza em vez de chutar. Responda no ' +
        'idioma em que a pessoa escrever.',
    },
  }),
  freezePersona({
    id: 'casual',
    builtin: true,
    name: { en: 'Casual', 'pt-BR': 'Casual' },
    systemPrompt: {
      en:
        'You are a friendly, relaxed assistant. Keep your answers short and use plain, ' +
        'everyday words, the way a helpful friend would, and skip jargon unless the person ' +
        'uses it first. When a longer answer is really needed, break it into small, easy ' +
        'pieces. Answer in the language the person writes in.',
      'pt-BR':
        'Você é um assistente simpático e descontraído. Responda de forma curta, com palavras ' +
        'simples do dia a dia, como um amigo prestativo faria, e evite jargões a menos que a ' +
        'pessoa os use primeiro. Quando uma resposta mais longa for mesmo necessária, divida-a ' +
        'em partes pequenas e fáceis. Responda no idioma em que a pessoa escrever.',
    },
  }),
  freezePersona({
    id: 'formal',
    builtin: true,
    name: { en: 'Formal', 'pt-BR': 'Formal' },
    systemPrompt: {
      en:
        'You are a courteous assistant who writes in a formal, professional register. Address ' +
        'the person politely and avoid slang, contractions and colloquial expressions. ' +
        'Structure your answers clearly: a short introduction, well-ordered points or headings ' +
        'where useful, and a brief conclusion. Answer in the language the person writes in, ' +
        'keeping the same formal tone.',
      'pt-BR':
        'Você é um assistente cortês que escreve em registro formal e profissional. Dirija-se ' +
        'à pessoa com polidez e evite gírias e expressões coloquiais. Estruture as respostas ' +
        'com clareza: uma breve introdução, tópicos ou seções bem ordenados quando forem ' +
        'úteis e uma conclusão sucinta. Responda no idioma em que a pessoa escrever, mantendo ' +
        'o mesmo tom formal.',
    },
  }),
  freezePersona({
    id: 'estudo',
    builtin: true,
    name: { en: 'Study', 'pt-BR': 'Estudo' },
    systemPrompt: {
      en:
        'You are a patient study mentor. Guide the person step by step instead of handing ' +
        'over the full answer at once: explain one idea, offer a hint or a small example, and ' +
        'let them work out the next step. Check their understanding along the way and correct ' +
        'mistakes kindly. End every reply with a question for the person, to check what they ' +
        'understood or to prompt their next step, and answer in the language they write in.',
      'pt-BR':
        'Você é um mentor de estudos paciente. Conduza a pessoa passo a passo em vez de ' +
        'entregar a resposta completa de uma vez: explique uma ideia, ofereça uma dica ou um ' +
        'pequeno exemplo e deixe que ela descubra o próximo passo. Verifique a compreensão ao ' +
        'longo do caminho e corrija os erros com gentileza. Termine toda resposta com uma ' +
        'pergunta para a pessoa, para conferir o que ela entendeu ou estimular o próximo ' +
        'passo, e responda no idioma em que ela escrever.',
    },
  }),
]);

/** The persona a conversation gets when none was chosen or the chosen one is gone. */
export const DEFAULT_PERSONA_ID: BuiltinPersonaId = 'casual';

/** Wraps a custom persona in the built-in shape: the same name and prompt in every locale. */
export function customPersonaToPersona(p: CustomPersona): Persona {
  return {
    id: p.id,
    builtin: false,
    name: { en: p.name, 'pt-BR': p.name },
    systemPrompt: { en: p.systemPrompt, 'pt-BR': p.systemPrompt },
  };
}

function defaultPersona(): Persona {
  const found = BUILTIN_PERSONAS.find((p) => p.id === DEFAULT_PERSONA_ID);
  if (!found) throw new Error(`Default persona ${DEFAULT_PERSONA_ID} is missing`);
  return found;
}

/** The persona with `id` among builtins and `custom`; unknown or missing id → the default persona. */
export function resolvePersona(id: string | undefined, custom: readonly CustomPersona[]): Persona {
  if (id === undefined) return defaultPersona();
  const builtin = BUILTIN_PERSONAS.find((p) => p.id === id);
  if (builtin) return builtin;
  const own = custom.find((p) => p.id === id);
  return own ? customPersonaToPersona(own) : defaultPersona();
}

/** The system prompt of `persona` in the UI language `locale`. */
export function systemPromptFor(persona: Persona, locale: Locale): string {
  return persona.systemPrompt[locale];
}

function charCount(text: string): number {
  return Array.from(text).length;
}

/** Names compare trimmed, with runs of spaces collapsed, in NFC and lower case. */
function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').normalize('NFC').toLowerCase();
}

/**
 * Validates a custom persona draft (name ≤ 60 chars trimmed, prompt ≤ 4000 chars trimmed,
 * name unique case-insensitively among builtins in both locales and other customs).
 * `editingId` is the persona being edited, so it does not clash with its own name.
 * @example validatePersona({ name: 'Study', systemPrompt: 'x' }, []) // ['name-taken']
 */
export function validatePersona(
  draft: { name: string; systemPrompt: string },
  existing: readonly CustomPersona[],
  editingId?: string,
): PersonaProblem[] {
  const problems: PersonaProblem[] = [];
  const name = draft.name.trim();
  const prompt = draft.systemPrompt.trim();
  if (name === '') problems.push('name-empty');
  else if (charCount(name) > PERSONA_NAME_MAX) problems.push('name-too-long');
  if (prompt === '') problems.push('prompt-empty');
  else if (charCount(prompt) > PERSONA_PROMPT_MAX) problems.push('prompt-too-long');
  if (name !== '') {
    const key = nameKey(name);
    const builtinNames = BUILTIN_PERSONAS.flatMap((p) => Object.values(p.name));
    const customNames = existing.filter((p) => p.id !== editingId).map((p) => p.name);
    if ([...builtinNames, ...customNames].some((other) => nameKey(other) === key)) {
      problems.push('name-taken');
    }
  }
  return problems;
}

/** Runtime check for values read back from storage, which may be old or hand-edited. */
export const isCustomPersona: (value: unknown) => value is CustomPersona = isCustomPersonaRow;
