// What a template's variables may be, the built-ins every template can use without declaring
// them, and the checks on declarations and on the values a form gives. Problems are codes with
// parameters, never sentences: the app words them in the person's language.
import type { PromptVariableKind, PromptVariableRow } from '../../storage';

export type { PromptVariableKind, PromptVariableRow } from '../../storage';

export const VARIABLE_KINDS: readonly PromptVariableKind[] = [
  'text',
  'longText',
  'number',
  'choice',
  'document',
  'collection',
  'file',
];

/** Filled in by the app, never by a form: the date, the time, the UI language, the selection. */
export const BUILTIN_NAMES = ['date', 'time', 'language', 'selection'] as const;
export type BuiltinName = (typeof BUILTIN_NAMES)[number];
export type BuiltinValues = Readonly<Record<BuiltinName, string>>;

/** A problem with a template, its variables or the values given; `severity` 'warning' still renders. */
export interface PromptProblem {
  code: PromptProblemCode;
  severity: 'error' | 'warning';
  params: Readonly<Record<string, string | number>>;
}

export type PromptProblemCode =
  | 'syntax'
  | 'unclosed-tag'
  | 'unclosed-section'
  | 'unopened-section'
  | 'partial'
  | 'bad-name'
  | 'undeclared'
  | 'unused'
  | 'empty-body'
  | 'variable-name'
  | 'variable-duplicate'
  | 'variable-builtin'
  | 'variable-kind'
  | 'variable-choices'
  | 'missing'
  | 'extra'
  | 'not-number'
  | 'not-a-choice'
  | 'not-found';

export function problem(
  code: PromptProblemCode,
  params: Record<string, string | number> = {},
  severity: 'error' | 'warning' = 'error',
): PromptProblem {
  return { code, severity, params };
}

export function hasErrors(problems: readonly PromptProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether `name` may be a variable: letters, digits and `_`, not starting with a digit. */
export function isVariableName(name: string): boolean {
  return NAME.test(name);
}

export function isBuiltin(name: string): name is BuiltinName {
  return (BUILTIN_NAMES as readonly string[]).includes(name);
}

/** Whether a variable must be filled before the template renders (default: yes). */
export function isRequired(variable: PromptVariableRow): boolean {
  return variable.required !== false;
}

/** Problems with the declarations themselves: names, duplicates, built-ins, choices. */
export function checkVariables(variables: readonly PromptVariableRow[]): PromptProblem[] {
  const problems: PromptProblem[] = [];
  const seen = new Set<string>();
  for (const v of variables) {
    if (!isVariableName(v.name)) problems.push(problem('variable-name', { name: v.name }));
    else if (isBuiltin(v.name)) problems.push(problem('variable-builtin', { name: v.name }));
    else if (seen.has(v.name)) problems.push(problem('variable-duplicate', { name: v.name }));
    seen.add(v.name);
    if (!VARIABLE_KINDS.includes(v.kind)) {
      problems.push(problem('variable-kind', { name: v.name, kind: String(v.kind) }));
    }
    if (v.kind === 'choice' && (v.choices ?? []).filter((c) => c.trim() !== '').length === 0) {
      problems.push(problem('variable-choices', { name: v.name }));
    }
  }
  return problems;
}

/** The value given for `name`: own properties only, and only text (never `{}`'s `constructor`). */
export function textValue(values: Readonly<Record<string, unknown>>, name: string): string {
  const value = Object.hasOwn(values, name) ? values[name] : undefined;
  return typeof value === 'string' ? value : '';
}

/**
 * Problems with the values a form gave: a required one left empty, a number that is not one,
 * a choice that is not among the options (errors), and values for names the version does not
 * declare (a warning: a variable set written for another version).
 */
export function checkValues(
  variables: readonly PromptVariableRow[],
  values: Readonly<Record<string, string>>,
): PromptProblem[] {
  const problems: PromptProblem[] = [];
  for (const v of variables) {
    const value = textValue(values, v.name);
    const label = v.label?.trim() || v.name;
    if (value.trim() === '') {
      if (isRequired(v)) problems.push(problem('missing', { name: v.name, label }));
      continue;
    }
    if (v.kind === 'number' && !Number.isFinite(Number(value.trim()))) {
      problems.push(problem('not-number', { name: v.name, label, value }));
    }
    if (v.kind === 'choice' && !(v.choices ?? []).includes(value)) {
      problems.push(problem('not-a-choice', { name: v.name, label, value }));
    }
  }
  const declared = new Set(variables.map((v) => v.name));
  for (const name of Object.keys(values)) {
    if (!declared.has(name) && !isBuiltin(name)) {
      problems.push(problem('extra', { name }, 'warning'));
    }
  }
  return problems;
}

/** The form's starting values: each variable's default, or ''. */
export function initialValues(variables: readonly PromptVariableRow[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const v of variables) {
    values[v.name] = v.defaultValue ?? (v.kind === 'choice' ? (v.choices?.[0] ?? '') : '');
  }
  return values;
}

/** The language names the `language` built-in gives, by UI locale. */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English',
  'pt-BR': 'português do Brasil',
};

/**
 * The built-ins for `locale` at `now`: the date written out in that language, the time
 * (24-hour), the language's own name, and `selection` as given.
 * @example builtinValues(new Date(2025, 0, 31, 9, 5), 'pt-BR', '')
 * // → { date: '31 de janeiro de 2025', time: '09:05', language: 'português do Brasil', selection: '' }
 */
export function builtinValues(now: Date, locale: string, selection: string): BuiltinValues {
  return {
    date: new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(now),
    time: new Intl.DateTimeFormat(locale, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(now),
    language: LANGUAGE_NAMES[locale] ?? locale,
    selection,
  };
}
