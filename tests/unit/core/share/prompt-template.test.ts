// A Prompt Studio template through a share link: round trips in every mode with the version in
// use alone or every version; personal data found and masked in name, description, bodies,
// notes and defaults; and Import through the Studio's merge, with new ids and " (2)" after a
// name already taken.
import { describe, expect, it } from 'vitest';
import type { PromptTemplateContent } from '../../../../src/core/share/format';
import { decodeShare, encodeShare, makePayload } from '../../../../src/core/share/link';
import {
  findTemplatePii,
  maskTemplatePii,
  planTemplateImport,
  templateContent,
  templateProvenance,
} from '../../../../src/core/share/prompt-template';
import { storedTemplate } from './template-fixtures';

const counter = (): (() => string) => {
  let n = 0;
  return () => `new-${n++}`;
};

describe('shared prompt templates', () => {
  it('carries the version in use alone by default shape, or every version with its note', () => {
    const inUse = templateContent(storedTemplate(), 'in-use')!;
    expect(inUse.inUseVersion).toBe(2);
    expect(inUse.versions.map((v) => v.number)).toEqual([2]);
    expect(inUse.versions[0]?.variables.map((v) => v.kind)).toEqual(['text', 'choice', 'number']);
    expect(inUse.versions[0]?.variables[1]?.choices).toEqual(['formal', 'casual']);
    const all = templateContent(storedTemplate(), 'all')!;
    expect(all.versions.map((v) => [v.number, v.note])).toEqual([
      [1, 'first'],
      [2, 'tom e tamanho'],
      [3, 'revert to v1'],
    ]);
    expect(all.versions[2]?.revertedFrom).toBe(1);
    expect(JSON.stringify(all)).not.toMatch(/"(id|templateId)"/);
    // A template with no saved version has nothing to share yet.
    const empty = { ...storedTemplate(), versions: [] };
    expect(templateContent(empty, 'in-use')).toBeUndefined();
  });

  it('round-trips in each mode, in-use only and all versions', async () => {
    for (const scope of ['in-use', 'all'] as const) {
      const payload = await makePayload(
        'prompt-template',
        templateContent(storedTemplate(), scope)!,
        templateProvenance('0.1.0', Date.UTC(2025, 4, 2)),
      );
      expect(payload.provenance.models).toEqual([]);
      for (const protection of [
        { kind: 'none' },
        { kind: 'random-key' },
        { kind: 'passphrase', passphrase: 'senha de teste' },
      ] as const) {
        const body = await encodeShare(payload, protection);
        const secret = protection.kind === 'passphrase' ? protection.passphrase : undefined;
        expect(await decodeShare(body, secret)).toEqual(payload);
      }
    }
  });

  it('finds and masks personal data in name, description, bodies, notes and defaults', () => {
    const content: PromptTemplateContent = templateContent(storedTemplate(), 'all')!;
    content.description = 'Dúvidas: ana@exemplo.com.br';
    content.versions[0]!.body = 'Ligue para (11) 98765-4321 sobre {{topic}}.';
    content.versions[1]!.note = 'CPF 529.982.247-25 removido';
    content.versions[1]!.variables[0]!.defaultValue = 'cartão 4111 1111 1111 1111';
    const found = findTemplatePii(content);
    expect(found.map((f) => [f.kind, f.place.field, f.place.version])).toEqual([
      ['email', 'description', undefined],
      ['phone', 'body', 0],
      ['cpf', 'note', 1],
      ['card', 'default', 1],
    ]);
    const onlyPhone = maskTemplatePii(
      content,
      found.filter((f) => f.kind === 'phone'),
    );
    expect(onlyPhone.versions[0]?.body).toBe('Ligue para (••) •••••-•••• sobre {{topic}}.');
    expect(onlyPhone.description).toContain('ana@exemplo.com.br');
    expect(findTemplatePii(maskTemplatePii(content))).toEqual([]);
    expect(content.versions[1]?.note).toContain('529.982.247-25');
  });

  it('imports with new ids through the Studio merge, the version in use kept', () => {
    const content = templateContent(storedTemplate(), 'all')!;
    const plan = planTemplateImport(content, [], counter(), 99);
    expect(plan.renamed).toEqual([]);
    const [added] = plan.add;
    expect(added?.template.id).toBe('new-0');
    expect(added?.versions.map((v) => v.id)).toEqual(['new-1', 'new-2', 'new-3']);
    expect(added?.versions.every((v) => v.templateId === 'new-0')).toBe(true);
    expect(added?.template.inUseVersionId).toBe('new-2');
    expect(added?.template).toMatchObject({ name: 'Resumo para clientes', createdAt: 99 });
    expect(added?.versions.map((v) => v.number)).toEqual([1, 2, 3]);
  });

  it('gives a name already taken " (2)", even for the very same template', () => {
    const existing = [storedTemplate()];
    const content = templateContent(storedTemplate(), 'in-use')!;
    const plan = planTemplateImport(content, existing, counter(), 99);
    expect(plan.add[0]?.template.name).toBe('Resumo para clientes (2)');
    expect(plan.renamed).toEqual([
      { from: 'Resumo para clientes', to: 'Resumo para clientes (2)' },
    ]);
    expect(plan.add[0]?.template.id).not.toBe('t1');
    const same = planTemplateImport(
      templateContent(storedTemplate(), 'all')!,
      existing,
      counter(),
      1,
    );
    expect(same.skipped).toEqual([]);
    expect(same.add[0]?.template.name).toBe('Resumo para clientes (2)');
  });
});
