// Templates are Mustache (logic-less: `{{name}}`, `{{#name}}…{{/name}}` shown when filled,
// `{{^name}}…{{/name}}` when empty, `{{! comment }}`), rendered by the mustache library: no
// expression is ever evaluated, values are inserted verbatim (prompts are plain text, not HTML,
// so nothing is HTML-escaped) and never read as template text themselves. Only plain names are
// allowed, and only the variables a version declares plus the built-ins, so a template cannot
// reach anything else the renderer could see.
import Mustache from 'mustache';
import {
  BUILTIN_NAMES,
  checkValues,
  checkVariables,
  hasErrors,
  isBuiltin,
  isVariableName,
  problem,
  type BuiltinValues,
  type PromptProblem,
  type PromptVariableRow,
  textValue,
} from './variables';

/** A Mustache token: [type, value, start, end, children?, …] (mustache's own shape). */
type Token = [string, string, number, number, Token[]?, ...unknown[]];

/** Where in the body a position falls, 1-based, for messages a person can follow. */
export function lineAndColumn(body: string, position: number): { line: number; column: number } {
  const before = body.slice(0, Math.max(0, position));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** Where the last `{{` before `end` starts (`end` itself when delimiters were changed). */
function openingBefore(body: string, end: number): number {
  const at = body.lastIndexOf('{{', Math.max(0, end - 1));
  return at >= 0 ? at : end;
}

/** Mustache's parse errors are sentences with a position; they become codes with a place. */
function syntaxProblem(body: string, error: unknown): PromptProblem {
  const message = error instanceof Error ? error.message : String(error);
  const at = (index: string | undefined): { line: number; column: number } =>
    lineAndColumn(body, Number(index ?? 0));
  let match = /^Unclosed tag at (\d+)/.exec(message);
  // Mustache says where it gave up (the end); the person needs the `{{` left open.
  if (match) return problem('unclosed-tag', at(String(openingBefore(body, Number(match[1])))));
  match = /^Unclosed section "(.*)" at (\d+)/.exec(message);
  if (match) return problem('unclosed-section', { name: match[1] ?? '', ...at(match[2]) });
  match = /^Unopened section "(.*)" at (\d+)/.exec(message);
  if (match) return problem('unopened-section', { name: match[1] ?? '', ...at(match[2]) });
  return problem('syntax', { detail: message });
}

const SYNTAX_CODES: ReadonlySet<string> = new Set([
  'syntax',
  'unclosed-tag',
  'unclosed-section',
  'unopened-section',
]);

export interface ParsedTemplate {
  /** Names the template refers to, in order of first use. */
  names: string[];
  problems: PromptProblem[];
}

/** Reads the template's tags: the names it uses, and syntax problems (none when it parses). */
export function parseTemplate(body: string): ParsedTemplate {
  let tokens: Token[];
  try {
    // A writer per call: Mustache's default one caches every template it ever saw.
    tokens = new Mustache.Writer().parse(body) as Token[];
  } catch (error) {
    return { names: [], problems: [syntaxProblem(body, error)] };
  }
  const names: string[] = [];
  const problems: PromptProblem[] = [];
  const visit = (list: readonly Token[]): void => {
    for (const token of list) {
      const [type, value, start] = token;
      if (type === 'text' || type === '!' || type === '=') continue;
      if (type === '>') {
        problems.push(problem('partial', { name: value, ...lineAndColumn(body, start) }));
        continue;
      }
      if (!isVariableName(value)) {
        problems.push(problem('bad-name', { name: value, ...lineAndColumn(body, start) }));
      } else if (!names.includes(value)) {
        names.push(value);
      }
      if (token[4]) visit(token[4]);
    }
  };
  visit(tokens);
  return { names, problems };
}

/**
 * Everything wrong with a version before any value is given: syntax, partials, names used but
 * not declared (errors), declared but never used (warnings), and bad declarations.
 */
export function checkTemplate(
  body: string,
  variables: readonly PromptVariableRow[],
): PromptProblem[] {
  if (body.trim() === '') return [problem('empty-body')];
  const { names, problems } = parseTemplate(body);
  const declared = new Set(variables.map((v) => v.name));
  for (const name of names) {
    if (!declared.has(name) && !isBuiltin(name)) problems.push(problem('undeclared', { name }));
  }
  // A template that does not parse lists no names: every variable would look unused.
  const parsed = !problems.some((p) => SYNTAX_CODES.has(p.code));
  for (const v of variables) {
    if (parsed && !names.includes(v.name)) {
      problems.push(problem('unused', { name: v.name }, 'warning'));
    }
  }
  return [...problems, ...checkVariables(variables)];
}

export type RenderResult =
  { ok: true; text: string; warnings: PromptProblem[] } | { ok: false; problems: PromptProblem[] };

/** Values are text, inserted as they are: a prompt is not HTML. */
const verbatim = (value: string): string => value;

/**
 * Renders a version with the form's values (documents, collections and files already read
 * into text) and the built-ins. Fails, with every problem found, when the template or the
 * values have errors; warnings (an unused variable, a value nobody asked for) ride along.
 * @example renderPrompt('Hi {{who}}', [{ name: 'who', kind: 'text' }], { who: 'Ana' }, builtins)
 * // → { ok: true, text: 'Hi Ana', warnings: [] }
 */
export function renderPrompt(
  body: string,
  variables: readonly PromptVariableRow[],
  values: Readonly<Record<string, string>>,
  builtins: BuiltinValues,
): RenderResult {
  const problems = [...checkTemplate(body, variables), ...checkValues(variables, values)];
  if (hasErrors(problems)) return { ok: false, problems };
  // No prototype: `{{constructor}}` and friends find nothing, even if declared and left empty.
  const view = Object.create(null) as Record<string, string>;
  for (const name of BUILTIN_NAMES) view[name] = builtins[name];
  for (const v of variables) {
    const value = textValue(values, v.name);
    view[v.name] = v.kind === 'number' && value.trim() !== '' ? value.trim() : value;
  }
  const text = new Mustache.Writer().render(body, view, {}, { escape: verbatim });
  return { ok: true, text, warnings: problems };
}
