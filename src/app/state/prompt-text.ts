// Prompt Studio's codes in words: template and value problems, and why an import was refused.
import type { PromptsImportError } from '../../core/prompts/transfer';
import type { PromptProblem } from '../../core/prompts/variables';
import { i18n } from '../i18n/i18n.svelte';
import type { MessageKey } from '../i18n/en';

export function problemText(p: PromptProblem): string {
  return i18n.t(`prompts.problem.${p.code}` as MessageKey, p.params);
}

export function importErrorText(error: PromptsImportError): string {
  if (error.code !== 'invalid') return i18n.t(`prompts.importError.${error.code}` as MessageKey);
  const where =
    error.version !== undefined
      ? i18n.t('prompts.importWhere.version', { version: error.version })
      : i18n.t('prompts.importWhere.template');
  const problem = error.problem
    ? problemText(error.problem)
    : i18n.t(`prompts.importField.${error.field ?? 'template'}` as MessageKey);
  return i18n.t('prompts.importError.invalid', {
    template: error.template ?? 1,
    name: error.templateName ?? '—',
    where,
    problem,
  });
}

export function formatDate(ms: number): string {
  return new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    ms,
  );
}

/** "That did not work: …" with the error's own message (storage errors are written for people). */
export function failureText(error: unknown): string {
  return i18n.t('prompts.failed', {
    detail: error instanceof Error ? error.message : String(error),
  });
}
