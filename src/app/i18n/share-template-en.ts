/** English strings of template share links and of the field-level schema errors (merged into en.ts). */
export const shareTemplateEn = {
  'share.templateDialogTitle': 'Share the template “{name}”',
  'share.templateIntro':
    'The link holds the template itself, compressed in the part after # — it is never sent to any server.',
  'share.templateVersions': 'Versions to share',
  'share.templateInUse': 'Only the version in use (v{number})',
  'share.templateAll':
    '{count, plural, one {The one version, with its note} other {All # versions, with their notes}}',
  'share.previewTemplateTitle': 'Shared prompt template',
  'share.previewTemplateIntro':
    'A read-only preview. Nothing was loaded, fetched or saved; “Import” adds it to Prompt Studio.',
  'share.templateShared':
    '{count, plural, one {# version shared} other {# versions shared}}; version {number} is the one in use.',
  'share.templateVersion': 'Version {number}',
  'share.templateNoVariables': 'No variables.',
  'share.templateRequired': 'required',
  'share.templateOptional': 'optional',
  'share.templateChoices': 'Options:',
  'share.schemaField': 'The field {field} {problem}.',
  'share.schema.not-object': 'is not an object',
  'share.schema.not-allowed': 'is not part of the format',
  'share.schema.missing': 'is missing',
  'share.schema.not-text': 'is not text',
  'share.schema.too-long': 'is longer than {limit} characters',
  'share.schema.empty': 'is empty',
  'share.schema.not-number': 'is not a number',
  'share.schema.not-whole': 'is not a whole number',
  'share.schema.out-of-range': 'is outside {limit}',
  'share.schema.not-list': 'is not a list',
  'share.schema.too-many': 'has more than {limit} entries',
  'share.schema.not-one-of': 'is not one of {limit}',
  'share.schema.not-true-false': 'is not true or false',
  'share.schema.duplicate': 'repeats {limit}',
  'share.schema.not-shared': 'names version {limit}, which the link does not hold',
  'share.schema.bad-template': 'is not a template Omnia can use ({limit})',
  'share.schema.not-value': 'is not {limit}',
} as const;
