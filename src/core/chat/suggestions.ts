// Proactive next steps: when a person writes that they are undecided, stuck, looking for
// something or confused, the chat offers one chip (compare the options, go step by step,
// look in the library…). Deciding which chip is product logic, so it lives here in core;
// the phrases themselves are in suggestion-patterns.ts.
import type { Locale } from '../locale';
import { foldWithOffsets } from '../text/fold';
import { SIGNAL_PATTERNS, SIGNAL_PRIORITY, type SuggestionSignal } from './suggestion-patterns';

export type { SuggestionSignal } from './suggestion-patterns';

/** What the chip does when pressed. */
export type SuggestionAction =
  | 'compare-options'
  | 'explain-step-by-step'
  | 'search-library'
  | 'attach-document'
  | 'switch-to-estudo'
  | 'simplify';

/** One chip to offer under the person's message. */
export interface Suggestion {
  signal: SuggestionSignal;
  action: SuggestionAction;
  /** the phrase that fired, as it appears in the original text */
  matched: string;
}

/** What the chip may depend on besides the message itself. */
export interface SuggestionContext {
  personaId?: string;
  hasLibraryDocuments?: boolean;
}

/** The persona made for learning; frustration elsewhere suggests switching to it. */
const STUDY_PERSONA = 'estudo';

/** Curly quotes and accents typed as apostrophes, so "I’m" matches "i'm". */
const APOSTROPHES = /[\u2018\u2019\u02bc`\u00b4]/g;

function actionFor(signal: SuggestionSignal, context: SuggestionContext): SuggestionAction {
  switch (signal) {
    case 'indecision':
      return 'compare-options';
    case 'help':
      return 'explain-step-by-step';
    case 'information':
      return context.hasLibraryDocuments === true ? 'search-library' : 'attach-document';
    case 'frustration':
      return context.personaId === STUDY_PERSONA ? 'explain-step-by-step' : 'switch-to-estudo';
    case 'clarification':
      return 'simplify';
  }
}

/** The earliest match of any of the patterns, as [start, end) in `folded`. */
function firstMatch(folded: string, patterns: readonly RegExp[]): [number, number] | null {
  let best: [number, number] | null = null;
  for (const pattern of patterns) {
    const found = pattern.exec(folded);
    if (found !== null && (best === null || found.index < best[0])) {
      best = [found.index, found.index + found[0].length];
    }
  }
  return best;
}

/**
 * At most one suggestion (the strongest signal; priority frustration > clarification >
 * help > information > indecision) or null. Case, accents and curly apostrophes do not
 * matter; phrases only count as whole words.
 *
 * @example
 * detectSuggestion('Não sei qual escolher')
 * // → { signal: 'indecision', action: 'compare-options', matched: 'Não sei' }
 */
export function detectSuggestion(text: string, context: SuggestionContext = {}): Suggestion | null {
  const { folded, origin } = foldWithOffsets(text);
  const normalized = folded.replace(APOSTROPHES, "'");
  for (const signal of SIGNAL_PRIORITY) {
    const range = firstMatch(normalized, SIGNAL_PATTERNS[signal]);
    if (range === null) continue;
    const matched = text.slice(origin[range[0]], origin[range[1]]).trimEnd();
    return { signal, action: actionFor(signal, context), matched };
  }
  return null;
}

type PromptAction = Extract<
  SuggestionAction,
  'compare-options' | 'explain-step-by-step' | 'simplify'
>;

const PROMPTS: Readonly<Record<Locale, Readonly<Record<PromptAction, string>>>> = {
  en: {
    'compare-options':
      'Compare the options side by side, with the pros and cons of each, and recommend one.',
    'explain-step-by-step': 'Explain it step by step, one small step at a time.',
    simplify: 'Explain that again in simpler words, with a short example.',
  },
  'pt-BR': {
    'compare-options':
      'Compare as opções lado a lado, com os prós e contras de cada uma, e recomende uma.',
    'explain-step-by-step': 'Explique passo a passo, um pequeno passo de cada vez.',
    simplify: 'Explique de novo com palavras mais simples, com um exemplo curto.',
  },
};

function isPromptAction(action: SuggestionAction): action is PromptAction {
  return action === 'compare-options' || action === 'explain-step-by-step' || action === 'simplify';
}

/** The message sent on the person's behalf when the chip's action is a prompt (compare-options, explain-step-by-step, simplify), in the UI language; null for actions that are not prompts (search-library, attach-document, switch-to-estudo). */
export function suggestionPrompt(action: SuggestionAction, locale: Locale): string | null {
  return isPromptAction(action) ? PROMPTS[locale][action] : null;
}
