// A Prompt Studio template as stored, for the template share tests: three versions (the
// second in use, the third a revert to the first), variables of every kind that has options.
import type { PromptTemplateWithVersions } from '../../../../src/storage';

/** Times in May 2025, a day apart per step. */
const DAY = 86_400_000;
const MAY = Date.UTC(2025, 4, 1);

export function storedTemplate(): PromptTemplateWithVersions {
  const templateId = 't1';
  const variables = [
    { name: 'topic', kind: 'text' as const, label: 'Assunto', defaultValue: 'trocas' },
    { name: 'tone', kind: 'choice' as const, choices: ['formal', 'casual'], required: true },
    { name: 'words', kind: 'number' as const, required: false },
  ];
  return {
    template: {
      id: templateId,
      name: 'Resumo para clientes',
      description: 'Resume uma política em poucas palavras.',
      inUseVersionId: 'v2',
      createdAt: MAY + DAY,
      updatedAt: MAY + DAY * 3,
    },
    versions: [
      {
        id: 'v1',
        templateId,
        number: 1,
        body: 'Resuma {{topic}}.',
        variables: [variables[0]!],
        note: 'first',
        createdAt: MAY + DAY,
      },
      {
        id: 'v2',
        templateId,
        number: 2,
        body: 'Resuma {{topic}} em tom {{tone}}{{#words}}, em até {{words}} palavras{{/words}}.',
        variables,
        note: 'tom e tamanho',
        createdAt: MAY + DAY * 2,
      },
      {
        id: 'v3',
        templateId,
        number: 3,
        body: 'Resuma {{topic}}.',
        variables: [variables[0]!],
        note: 'revert to v1',
        revertedFrom: 1,
        createdAt: MAY + DAY * 3,
      },
    ],
  };
}
