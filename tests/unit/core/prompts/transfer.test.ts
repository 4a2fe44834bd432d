// Templates as JSON: an export reads back as the same templates; a bad file is refused with a
// reason that names the template and version; an import only adds (same history skipped,
// taken ids and names replaced), so nothing stored is lost.
import { describe, expect, it } from 'vitest';
import {
  exportTemplates,
  planMerge,
  readTemplatesFile,
  type ImportCheck,
} from '../../../../src/core/prompts/transfer';
import type { PromptTemplateWithVersions } from '../../../../src/storage';

let n = 0;
const newId = (): string => `id-${++n}`;

const item: PromptTemplateWithVersions = {
  template: { id: 't1', name: 'Resumo', inUseVersionId: 'v1', createdAt: 5, updatedAt: 6 },
  versions: [
    {
      id: 'v1',
      templateId: 't1',
      number: 1,
      body: 'Resuma {{texto}}',
      variables: [{ name: 'texto', kind: 'longText' }],
      note: 'a',
      createdAt: 5,
    },
    {
      id: 'v2',
      templateId: 't1',
      number: 2,
      body: 'Resuma {{texto}} em {{language}}',
      variables: [{ name: 'texto', kind: 'longText' }],
      note: 'b',
      createdAt: 6,
    },
  ],
};

function fileWith(templates: unknown): string {
  return JSON.stringify({ format: 'omnia-prompts', formatVersion: 1, templates });
}
function refused(check: ImportCheck): unknown {
  expect(check.ok).toBe(false);
  return check.ok ? null : check.error;
}
const good = (): Record<string, unknown> =>
  (JSON.parse(exportTemplates([item], new Date(0))) as { templates: Record<string, unknown>[] })
    .templates[0]!;

describe('export and import', () => {
  it('reads back what it wrote, with fresh version ids and the version in use kept', () => {
    const check = readTemplatesFile(exportTemplates([item], new Date(0)), newId);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    const [back] = check.templates;
    expect(back?.template).toMatchObject({ id: 't1', name: 'Resumo', createdAt: 5 });
    expect(back?.versions.map((v) => [v.number, v.body, v.note, v.templateId])).toEqual([
      [1, 'Resuma {{texto}}', 'a', 't1'],
      [2, 'Resuma {{texto}} em {{language}}', 'b', 't1'],
    ]);
    expect(back?.template.inUseVersionId).toBe(back?.versions[0]?.id);
    expect(back?.versions[0]?.id).not.toBe('v1');
  });

  it('refuses files that are not JSON, not ours, newer or empty', () => {
    expect(refused(readTemplatesFile('{nope', newId))).toEqual({ code: 'not-json' });
    expect(refused(readTemplatesFile('{"format":"omnia-export"}', newId))).toEqual({
      code: 'not-prompts-file',
    });
    expect(
      refused(
        readTemplatesFile(
          JSON.stringify({ format: 'omnia-prompts', formatVersion: 9, templates: [] }),
          newId,
        ),
      ),
    ).toEqual({ code: 'newer-format', formatVersion: 9 });
    expect(refused(readTemplatesFile(fileWith([]), newId))).toEqual({ code: 'empty' });
  });

  it('names the template, version and field that are wrong', () => {
    expect(refused(readTemplatesFile(fileWith([{ ...good(), name: '' }]), newId))).toMatchObject({
      code: 'invalid',
      template: 1,
      field: 'name',
    });
    expect(
      refused(readTemplatesFile(fileWith([{ ...good(), versions: [] }]), newId)),
    ).toMatchObject({ code: 'invalid', templateName: 'Resumo', field: 'versions' });
    const versions = (good()['versions'] as Record<string, unknown>[]).map((v) => ({ ...v }));
    const withBad = (patch: Record<string, unknown>): unknown =>
      refused(
        readTemplatesFile(
          fileWith([good(), { ...good(), versions: [versions[0], { ...versions[1], ...patch }] }]),
          newId,
        ),
      );
    expect(withBad({ body: 42 })).toMatchObject({ template: 2, version: 2, field: 'body' });
    expect(withBad({ variables: [{ name: 'texto', kind: 'spreadsheet' }] })).toMatchObject({
      version: 2,
      field: 'variables',
    });
    expect(withBad({ number: 1 })).toMatchObject({ version: 1, field: 'duplicate' });
    expect(withBad({ body: 'Hi {{who' })).toMatchObject({
      version: 2,
      field: 'template',
      problem: { code: 'unclosed-tag' },
    });
    expect(withBad({ body: 'Hi {{who}}' })).toMatchObject({
      field: 'template',
      problem: { code: 'undeclared', params: { name: 'who' } },
    });
  });
});

describe('planMerge', () => {
  const incoming = (): PromptTemplateWithVersions[] => {
    const check = readTemplatesFile(exportTemplates([item], new Date(0)), newId);
    return check.ok ? check.templates : [];
  };

  it('skips a template whose history is already here', () => {
    const plan = planMerge([item], incoming(), newId);
    expect(plan).toEqual({ add: [], skipped: ['Resumo'], renamed: [] });
  });

  it('adds a changed template with the same id and name under a new id and name', () => {
    const changed = incoming().map((t) => ({ ...t, versions: t.versions.slice(0, 1) }));
    const plan = planMerge([item], changed, newId);
    expect(plan.skipped).toEqual([]);
    expect(plan.renamed).toEqual([{ from: 'Resumo', to: 'Resumo (2)' }]);
    const [added] = plan.add;
    expect(added?.template.id).not.toBe('t1');
    expect(added?.versions.every((v) => v.templateId === added.template.id)).toBe(true);
  });

  it('keeps ids and names that are free', () => {
    const plan = planMerge([], incoming(), newId);
    expect(plan.add[0]?.template).toMatchObject({ id: 't1', name: 'Resumo' });
  });
});
