/** Strings em português dos links de templates e dos erros de formato por campo. */
import type { shareTemplateEn } from './share-template-en';

export const shareTemplatePtBR: Readonly<Record<keyof typeof shareTemplateEn, string>> = {
  'share.templateDialogTitle': 'Compartilhar o template “{name}”',
  'share.templateIntro':
    'O link contém o próprio template, comprimido na parte depois do # — ele nunca é enviado a nenhum servidor.',
  'share.templateVersions': 'Versões a compartilhar',
  'share.templateInUse': 'Só a versão em uso (v{number})',
  'share.templateAll':
    '{count, plural, =0 {Nenhuma versão} one {A única versão, com sua nota} other {Todas as # versões, com suas notas}}',
  'share.previewTemplateTitle': 'Template de prompt compartilhado',
  'share.previewTemplateIntro':
    'Uma prévia somente leitura. Nada foi carregado, baixado ou salvo; “Importar” adiciona o template ao Prompt Studio.',
  'share.templateShared':
    '{count, plural, =0 {0 versões compartilhadas} one {# versão compartilhada} other {# versões compartilhadas}}; a versão {number} é a que está em uso.',
  'share.templateVersion': 'Versão {number}',
  'share.templateNoVariables': 'Sem variáveis.',
  'share.templateRequired': 'obrigatória',
  'share.templateOptional': 'opcional',
  'share.templateChoices': 'Opções:',
  'share.schemaField': 'O campo {field} {problem}.',
  'share.schema.not-object': 'não é um objeto',
  'share.schema.not-allowed': 'não faz parte do formato',
  'share.schema.missing': 'está faltando',
  'share.schema.not-text': 'não é texto',
  'share.schema.too-long': 'tem mais de {limit} caracteres',
  'share.schema.empty': 'está vazio',
  'share.schema.not-number': 'não é um número',
  'share.schema.not-whole': 'não é um número inteiro',
  'share.schema.out-of-range': 'está fora de {limit}',
  'share.schema.not-list': 'não é uma lista',
  'share.schema.too-many': 'tem mais de {limit} itens',
  'share.schema.not-one-of': 'não é um de {limit}',
  'share.schema.not-true-false': 'não é verdadeiro nem falso',
  'share.schema.duplicate': 'repete {limit}',
  'share.schema.not-shared': 'cita a versão {limit}, que o link não contém',
  'share.schema.bad-template': 'não é um template que o Omnia consiga usar ({limit})',
  'share.schema.not-value': 'não é {limit}',
};
