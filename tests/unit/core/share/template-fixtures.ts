// A Prompt Studio template as stored, for the template share tests: three versions (the
// second in use, the third a revert to the first), variables of every kind that has options.
import type { PromptTemplateWithVersions } from '../../../../src/storage';

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
      createdAt: 10,
      updatedAt: 30,
    },
    versions: [
      {
        id: 'v1',
        templateId,
        number: 1,
        body: 'Resuma {{topic}}.',
        variables: [variables[0]!],
        note: 'first',
        createdAt: 10,
      },
      {
        id: 'v2',
        templateId,
        number: 2,
        body: 'Resuma {{topic}} em tom {{tone}}{{#words}}, em até {{words}} palavras{{/words}}.',
        variables,
        note: 'tom e tamanho',
        createdAt: 20,
      },
      {
        id: 'v3',
        templateId,
        number: 3,
        body: 'Resuma {{topic}}.',
        variables: [variables[0]!],
        note: 'revert to v1',
        revertedFrom: 1,
        createdAt: 30,
      },
    ],
  };
}
