// Rendering prompt templates: missing and extra variables, values inserted verbatim (no HTML
// escaping, no template injection), syntax errors with a place, and nothing reachable but the
// declared variables and the built-ins.
import { describe, expect, it } from 'vitest';
import { checkTemplate, parseTemplate, renderPrompt } from '../../../../src/core/prompts/template';
import {
  builtinValues,
  checkVariables,
  initialValues,
  type PromptVariableRow,
} from '../../../../src/core/prompts/variables';

const builtins = builtinValues(new Date(2025, 0, 31, 9, 5), 'en', 'picked words');
const text = (name: string, extra: Partial<PromptVariableRow> = {}): PromptVariableRow => ({
  name,
  kind: 'text',
  ...extra,
});
const codes = (r: ReturnType<typeof renderPrompt>): string[] =>
  r.ok ? r.warnings.map((p) => p.code) : r.problems.map((p) => p.code);

describe('renderPrompt', () => {
  it('fills declared variables and built-ins', () => {
    const r = renderPrompt(
      'Summarise {{doc}} for {{who}} on {{date}} ({{language}}): {{selection}}',
      [text('doc'), text('who')],
      { doc: 'the report', who: 'Ana' },
      builtins,
    );
    expect(r).toEqual({
      ok: true,
      text: 'Summarise the report for Ana on January 31, 2025 (English): picked words',
      warnings: [],
    });
  });

  it('refuses a missing required variable, naming it by its label', () => {
    const r = renderPrompt(
      'Hi {{who}}',
      [text('who', { label: 'Person' })],
      { who: '  ' },
      builtins,
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toEqual([
        { code: 'missing', severity: 'error', params: { name: 'who', label: 'Person' } },
      ]);
  });

  it('renders an optional variable left empty as nothing, and sections only when filled', () => {
    const vars = [text('who'), text('tone', { required: false })];
    const body = 'Hi {{who}}.{{#tone}} Tone: {{tone}}.{{/tone}}{{^tone}} Any tone.{{/tone}}';
    expect(renderPrompt(body, vars, { who: 'Ana' }, builtins)).toMatchObject({
      ok: true,
      text: 'Hi Ana. Any tone.',
    });
    expect(renderPrompt(body, vars, { who: 'Ana', tone: 'dry' }, builtins)).toMatchObject({
      text: 'Hi Ana. Tone: dry.',
    });
  });

  it('warns about extra values and unused declarations but still renders', () => {
    const r = renderPrompt(
      'Hi {{who}}',
      [text('who'), text('unused')],
      { who: 'A', stray: 'x', unused: 'y' },
      builtins,
    );
    expect(r.ok).toBe(true);
    expect(codes(r).sort()).toEqual(['extra', 'unused']);
  });

  it('refuses a template that uses a variable it does not declare', () => {
    const r = renderPrompt('Hi {{who}} and {{other}}', [text('who')], { who: 'A' }, builtins);
    expect(codes(r)).toEqual(['undeclared']);
  });

  it('inserts values verbatim: no HTML escaping, and a value is never read as a template', () => {
    const value = '<b>"Tom" & Jerry\'s</b> {{who}} {{#x}}y{{/x}} {{> partial}}';
    const r = renderPrompt('A: {{v}} B: {{{v}}} C: {{&v}}', [text('v')], { v: value }, builtins);
    expect(r).toMatchObject({ ok: true, text: `A: ${value} B: ${value} C: ${value}` });
  });

  it('writes literal braces through a changed delimiter', () => {
    const r = renderPrompt(
      '{{=<% %>=}}JSON: {"a": "{{x}}"} <%v%>',
      [text('v')],
      { v: 'ok' },
      builtins,
    );
    expect(r).toMatchObject({ ok: true, text: 'JSON: {"a": "{{x}}"} ok' });
  });

  it('checks numbers and choices', () => {
    const vars: PromptVariableRow[] = [
      { name: 'n', kind: 'number' },
      { name: 'c', kind: 'choice', choices: ['pt', 'en'] },
    ];
    expect(codes(renderPrompt('{{n}} {{c}}', vars, { n: 'ten', c: 'fr' }, builtins))).toEqual([
      'not-number',
      'not-a-choice',
    ]);
    expect(renderPrompt('{{n}} {{c}}', vars, { n: ' 10 ', c: 'pt' }, builtins)).toMatchObject({
      text: '10 pt',
    });
  });

  it('cannot reach the prototype, even through a declared-but-empty name', () => {
    const vars = [text('constructor', { required: false }), text('toString', { required: false })];
    const r = renderPrompt('[{{constructor}}][{{toString}}]', vars, {}, builtins);
    expect(r).toMatchObject({ ok: true, text: '[][]' });
  });
});

describe('template checks', () => {
  it('reports syntax errors with line and column', () => {
    expect(checkTemplate('line one\nHi {{who', [])).toEqual([
      { code: 'unclosed-tag', severity: 'error', params: { line: 2, column: 4 } },
    ]);
    expect(checkTemplate('{{#a}}x', [text('a')])[0]).toMatchObject({
      code: 'unclosed-section',
      params: { name: 'a', line: 1, column: 8 },
    });
    expect(checkTemplate('x{{/a}}', [text('a')])[0]).toMatchObject({
      code: 'unopened-section',
      params: { name: 'a', line: 1, column: 2 },
    });
  });

  it('does not call variables unused when the template does not parse', () => {
    expect(checkTemplate('Hi {{who}} and {{x', [text('who')]).map((p) => p.code)).toEqual([
      'unclosed-tag',
    ]);
  });

  it('refuses partials, dotted names and an empty body', () => {
    expect(checkTemplate('{{> other}}', []).map((p) => p.code)).toEqual(['partial']);
    expect(checkTemplate('{{a.b}} {{.}}', []).map((p) => p.code)).toEqual(['bad-name', 'bad-name']);
    expect(checkTemplate('  ', []).map((p) => p.code)).toEqual(['empty-body']);
  });

  it('lists the names used, in order, without comments', () => {
    expect(parseTemplate('{{! note }}{{b}} {{#a}}{{c}}{{/a}} {{b}}').names).toEqual([
      'b',
      'a',
      'c',
    ]);
  });

  it('checks declarations: names, duplicates, built-ins, choices', () => {
    const problems = checkVariables([
      text('1bad'),
      text('date'),
      text('x'),
      text('x'),
      { name: 'c', kind: 'choice', choices: [' '] },
    ]);
    expect(problems.map((p) => p.code)).toEqual([
      'variable-name',
      'variable-builtin',
      'variable-duplicate',
      'variable-choices',
    ]);
  });

  it('starts forms from defaults and the first choice', () => {
    expect(
      initialValues([
        text('a', { defaultValue: 'x' }),
        { name: 'c', kind: 'choice', choices: ['p', 'q'] },
      ]),
    ).toEqual({ a: 'x', c: 'p' });
  });

  it('writes the date and language built-ins in Portuguese', () => {
    const pt = builtinValues(new Date(2025, 0, 31, 9, 5), 'pt-BR', '');
    expect(pt).toEqual({
      date: '31 de janeiro de 2025',
      time: '09:05',
      language: 'português do Brasil',
      selection: '',
    });
  });
});
