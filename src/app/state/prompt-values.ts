/**
 * Turns a form's raw values into what a template renders: a Library document's id into its
 * text, a collection's id into its documents' texts (each under its name), and fills the
 * built-ins (date, time and language of the UI; the selection given). Files were read into text
 * by the form already. Then renders with core/prompts.
 */
import { collectionText, documentText } from '../../core/prompts/document-text';
import { renderPrompt, type RenderResult } from '../../core/prompts/template';
import { builtinValues, problem, textValue } from '../../core/prompts/variables';
import type { PromptVariableRow, PromptVersionRow } from '../../storage';
import { i18n } from '../i18n/i18n.svelte';

/**
 * Renders `version` with raw form `values`; a document or collection that no longer exists is
 * a problem like a missing value.
 */
export async function renderWithValues(
  version: Pick<PromptVersionRow, 'body' | 'variables'>,
  values: Readonly<Record<string, string>>,
  selection = '',
  now: Date = new Date(),
): Promise<RenderResult> {
  const resolved: Record<string, string> = { ...values };
  const lost: PromptVariableRow[] = [];
  for (const v of version.variables) {
    const raw = textValue(values, v.name);
    if (raw === '' || (v.kind !== 'document' && v.kind !== 'collection')) continue;
    const text = v.kind === 'document' ? await documentText(raw) : await collectionText(raw);
    if (text === null) lost.push(v);
    else resolved[v.name] = text;
  }
  const builtins = builtinValues(now, i18n.locale, textValue(values, 'selection') || selection);
  const result = renderPrompt(version.body, version.variables, resolved, builtins);
  if (lost.length === 0) return result;
  const problems = lost.map((v) =>
    problem('not-found', { name: v.name, label: v.label || v.name }),
  );
  return { ok: false, problems: [...problems, ...(result.ok ? [] : result.problems)] };
}
