// The schema check of a shared prompt template: every field of the wrong type, out of range,
// too long, missing or extra is refused naming the field (in the message and in the error's
// detail, which the app words in en and pt-BR); so is a version that does not render, a
// repeated version number, and a version in use or "reverted from" that is not shared.
import { describe, expect, it } from 'vitest';
import { type ShareError } from '../../../../src/core/share/errors';
import type { PromptTemplateShare } from '../../../../src/core/share/format';
import * as L from '../../../../src/core/share/limits';
import { templateContent } from '../../../../src/core/share/prompt-template';
import { validatePayload } from '../../../../src/core/share/validate';
import { DELETE, refusal, type Path } from './refusal';
import { storedTemplate } from './template-fixtures';

function valid(): PromptTemplateShare {
  return {
    format: 'omnia-share',
    version: 1,
    kind: 'prompt-template',
    content: templateContent(storedTemplate(), 'all')!,
    provenance: {
      appVersion: '0.1.0',
      createdAt: 3,
      models: [],
      sources: [],
      contentSha256: 'a'.repeat(64),
    },
  };
}

/** The valid payload with the value at `path` replaced (or deleted), validated: the error. */
const refused = (path: Path, value: unknown): ShareError => refusal(valid(), path, value);

const C = ['content'] as const;
const V0 = ['content', 'versions', 0] as const;
const X1 = [...V0, 'variables', 0] as const;
const long = (n: number): string => 'x'.repeat(n + 1);

describe('validatePayload: prompt templates', () => {
  it('keeps a valid template as it is', () => {
    expect(validatePayload(valid())).toEqual(valid());
  });

  it('refuses every kind of wrong field, naming it', () => {
    const version = valid().content.versions[0];
    const cases: [Path, unknown, string, string][] = [
      [[...C, 'extra'], 1, 'share.content.extra', 'not-allowed'],
      [[...C, 'name'], DELETE, 'share.content.name', 'missing'],
      [[...C, 'name'], 5, 'share.content.name', 'not-text'],
      [[...C, 'name'], '  ', 'share.content.name', 'empty'],
      [[...C, 'name'], long(L.MAX_TEMPLATE_NAME_CHARS), 'share.content.name', 'too-long'],
      [[...C, 'description'], DELETE, 'share.content.description', 'missing'],
      [
        [...C, 'description'],
        long(L.MAX_TEMPLATE_DESCRIPTION_CHARS),
        'share.content.description',
        'too-long',
      ],
      [[...C, 'inUseVersion'], '2', 'share.content.inUseVersion', 'not-number'],
      [[...C, 'inUseVersion'], 2.5, 'share.content.inUseVersion', 'not-whole'],
      [[...C, 'inUseVersion'], 9, 'share.content.inUseVersion', 'not-shared'],
      [[...C, 'versions'], [], 'share.content.versions', 'empty'],
      [[...C, 'versions'], {}, 'share.content.versions', 'not-list'],
      [
        [...C, 'versions'],
        Array(L.MAX_TEMPLATE_VERSIONS + 1).fill(version),
        'share.content.versions',
        'too-many',
      ],
      [[...C, 'versions', 1], 'v2', 'share.content.versions[1]', 'not-object'],
      [[...V0, 'id'], 'v1', 'versions[0].id', 'not-allowed'],
      [[...V0, 'number'], 0, 'versions[0].number', 'out-of-range'],
      [[...V0, 'number'], 2, 'versions[1].number', 'duplicate'],
      [[...V0, 'body'], DELETE, 'versions[0].body', 'missing'],
      [[...V0, 'body'], long(L.MAX_TEMPLATE_BODY_CHARS), 'versions[0].body', 'too-long'],
      [[...V0, 'body'], 'Hi {{who}}', 'versions[0].body', 'bad-template'],
      [[...V0, 'body'], 'Hi {{#topic}}', 'versions[0].body', 'bad-template'],
      [[...V0, 'body'], '   ', 'versions[0].body', 'bad-template'],
      [[...V0, 'note'], null, 'versions[0].note', 'not-text'],
      [[...V0, 'note'], long(L.MAX_VERSION_NOTE_CHARS), 'versions[0].note', 'too-long'],
      [[...V0, 'createdAt'], -1, 'versions[0].createdAt', 'out-of-range'],
      [[...V0, 'revertedFrom'], 7, 'versions[0].revertedFrom', 'not-shared'],
      [[...V0, 'revertedFrom'], 'v1', 'versions[0].revertedFrom', 'not-number'],
      [[...V0, 'variables'], 'topic', 'versions[0].variables', 'not-list'],
      [
        [...V0, 'variables'],
        Array(L.MAX_VARIABLES + 1).fill({ name: 'a', kind: 'text' }),
        'versions[0].variables',
        'too-many',
      ],
      [[...X1, 'name'], '', 'variables[0].name', 'empty'],
      [[...X1, 'name'], long(L.MAX_VARIABLE_NAME_CHARS), 'variables[0].name', 'too-long'],
      [[...X1, 'kind'], 'html', 'variables[0].kind', 'not-one-of'],
      [[...X1, 'label'], 3, 'variables[0].label', 'not-text'],
      [[...X1, 'required'], 'yes', 'variables[0].required', 'not-true-false'],
      [[...X1, 'defaultValue'], {}, 'variables[0].defaultValue', 'not-text'],
      [[...X1, 'choices'], 'a,b', 'variables[0].choices', 'not-list'],
      [[...X1, 'choices'], [1], 'variables[0].choices[0]', 'not-text'],
      [[...X1, 'choices'], Array(L.MAX_CHOICES + 1).fill('a'), 'variables[0].choices', 'too-many'],
      [[...X1, 'script'], 'alert(1)', 'variables[0].script', 'not-allowed'],
      [[...X1, 'name'], 'bad name', 'versions[0].body', 'bad-template'],
      [['provenance', 'models'], [{ id: '' }], 'provenance.models[0].id', 'empty'],
    ];
    for (const [path, value, field, problem] of cases) {
      const error = refused(path, value);
      const where = `${path.join('.')} = ${JSON.stringify(value)?.slice(0, 40)}`;
      expect(error.kind, where).toBe('bad-schema');
      expect(error.message, where).toContain(field);
      expect(error.schema?.field, where).toContain(field);
      expect(error.schema?.problem, where).toBe(problem);
    }
  });

  it('refuses a second variable of the same name', () => {
    const p = valid();
    const v = p.content.versions[1]!;
    v.variables.push({ ...v.variables[0]! });
    expect(() => validatePayload(p)).toThrow(/versions\[1\]\.body .*variable-duplicate/);
  });
});
