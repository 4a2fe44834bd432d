// A shared prompt template's content, checked as strictly as a conversation: every field's
// type and size, no field outside the schema, version numbers unique, the version in use and
// any "reverted from" among the shared versions, and every version a template Prompt Studio
// can render (the Studio's own checks, as its JSON import runs them).
import { checkTemplate } from '../prompts/template';
import { VARIABLE_KINDS } from '../prompts/variables';
import type { PromptTemplateContent, SharedPromptVersion, SharedVariable } from './format';
import * as L from './limits';
import {
  array,
  boolean,
  fail,
  number,
  object,
  oneOf,
  optional,
  string,
  TIME_MAX,
} from './validate-fields';

const MAX_VERSION_NUMBER = 1_000_000;

function variable(value: unknown, path: string): SharedVariable {
  const o = object(value, path, ['name', 'kind'], ['label', 'required', 'defaultValue', 'choices']);
  return {
    name: string(o['name'], `${path}.name`, L.MAX_VARIABLE_NAME_CHARS, false),
    kind: oneOf(o['kind'], `${path}.kind`, VARIABLE_KINDS),
    ...optional(o, 'label', (v, q) => string(v, q, L.MAX_VARIABLE_LABEL_CHARS), path),
    ...optional(o, 'required', boolean, path),
    ...optional(o, 'defaultValue', (v, q) => string(v, q, L.MAX_VARIABLE_DEFAULT_CHARS), path),
    ...optional(
      o,
      'choices',
      (v, q) =>
        array(v, q, L.MAX_CHOICES).map((c, i) => string(c, `${q}[${i}]`, L.MAX_CHOICE_CHARS)),
      path,
    ),
  };
}

function version(value: unknown, path: string): SharedPromptVersion {
  const o = object(
    value,
    path,
    ['number', 'body', 'variables', 'note', 'createdAt'],
    ['revertedFrom'],
  );
  const variables = array(o['variables'], `${path}.variables`, L.MAX_VARIABLES).map((v, i) =>
    variable(v, `${path}.variables[${i}]`),
  );
  const body = string(o['body'], `${path}.body`, L.MAX_TEMPLATE_BODY_CHARS);
  const first = checkTemplate(body, variables).find((p) => p.severity === 'error');
  if (first) {
    const name = first.params['name'];
    fail(
      `${path}.body`,
      'bad-template',
      name === undefined ? first.code : `${first.code} “${name}”`,
    );
  }
  return {
    number: number(o['number'], `${path}.number`, 1, MAX_VERSION_NUMBER, true),
    body,
    variables,
    note: string(o['note'], `${path}.note`, L.MAX_VERSION_NOTE_CHARS),
    ...optional(o, 'revertedFrom', (v, q) => number(v, q, 1, MAX_VERSION_NUMBER, true), path),
    createdAt: number(o['createdAt'], `${path}.createdAt`, 0, TIME_MAX),
  };
}

export function promptTemplate(value: unknown, path: string): PromptTemplateContent {
  const o = object(value, path, ['name', 'description', 'inUseVersion', 'versions']);
  const name = string(o['name'], `${path}.name`, L.MAX_TEMPLATE_NAME_CHARS, false);
  const description = string(
    o['description'],
    `${path}.description`,
    L.MAX_TEMPLATE_DESCRIPTION_CHARS,
  );
  const list = array(o['versions'], `${path}.versions`, L.MAX_TEMPLATE_VERSIONS);
  if (list.length === 0) fail(`${path}.versions`, 'empty');
  const versions = list.map((v, i) => version(v, `${path}.versions[${i}]`));
  const numbers = new Set<number>();
  versions.forEach((v, i) => {
    if (numbers.has(v.number)) fail(`${path}.versions[${i}].number`, 'duplicate', v.number);
    numbers.add(v.number);
  });
  versions.forEach((v, i) => {
    if (v.revertedFrom !== undefined && !numbers.has(v.revertedFrom)) {
      fail(`${path}.versions[${i}].revertedFrom`, 'not-shared', v.revertedFrom);
    }
  });
  const inUse = number(o['inUseVersion'], `${path}.inUseVersion`, 1, MAX_VERSION_NUMBER, true);
  if (!numbers.has(inUse)) fail(`${path}.inUseVersion`, 'not-shared', inUse);
  return { name, description, inUseVersion: inUse, versions };
}
