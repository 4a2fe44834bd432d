// Templates travel as one JSON file: every template with all its versions and which one is in
// use. Import checks the whole file first (shape, sizes, variables, and that every version is a
// template Omnia can render), then only ADDS: a template already here with the same history is
// skipped, one whose id or name is taken arrives under a new id and a new name. Nothing stored
// is changed or lost.
import type { PromptTemplateWithVersions, PromptVersionRow } from '../../storage';
import { checkTemplate } from './template';
import { hasErrors, VARIABLE_KINDS, type PromptProblem, type PromptVariableRow } from './variables';

export const PROMPTS_FORMAT = 'omnia-prompts';
export const PROMPTS_FORMAT_VERSION = 1;
export const MAX_PROMPTS_FILE_BYTES = 5 * 1024 * 1024;
const MAX_TEMPLATES = 1000;
const MAX_VERSIONS = 500;
const MAX_BODY = 100_000;
const MAX_NAME = 200;

export type ImportErrorCode =
  'not-json' | 'not-prompts-file' | 'newer-format' | 'too-large' | 'empty' | 'invalid';

/** Why a file was refused; `where` names the template (1-based, with its name) and version. */
export interface PromptsImportError {
  code: ImportErrorCode;
  field?: string;
  template?: number;
  templateName?: string;
  version?: number;
  /** For a version whose template does not check: the first error. */
  problem?: PromptProblem;
  formatVersion?: number;
}

export type ImportCheck =
  { ok: true; templates: PromptTemplateWithVersions[] } | { ok: false; error: PromptsImportError };

/** The export file's text, templates by name. */
export function exportTemplates(items: readonly PromptTemplateWithVersions[], now: Date): string {
  const templates = items.map(({ template, versions }) => ({
    id: template.id,
    name: template.name,
    ...(template.description ? { description: template.description } : {}),
    inUseVersion: versions.find((v) => v.id === template.inUseVersionId)?.number,
    createdAt: template.createdAt,
    updatedAt: template.updatedAt,
    versions: versions.map((v) => ({
      number: v.number,
      body: v.body,
      variables: v.variables,
      note: v.note,
      ...(v.revertedFrom !== undefined ? { revertedFrom: v.revertedFrom } : {}),
      createdAt: v.createdAt,
    })),
  }));
  const file = {
    format: PROMPTS_FORMAT,
    formatVersion: PROMPTS_FORMAT_VERSION,
    exportedAt: now.toISOString(),
    templates,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

class Refused extends Error {
  constructor(readonly error: PromptsImportError) {
    super(error.code);
  }
}

function readVariable(raw: unknown): PromptVariableRow | null {
  if (!isObject(raw) || !isText(raw['name'], 100)) return null;
  const kind = raw['kind'];
  if (!VARIABLE_KINDS.includes(kind as PromptVariableRow['kind'])) return null;
  const v: PromptVariableRow = { name: raw['name'], kind: kind as PromptVariableRow['kind'] };
  if (raw['label'] !== undefined) {
    if (!isText(raw['label'], MAX_NAME)) return null;
    v.label = raw['label'];
  }
  if (raw['required'] !== undefined) {
    if (typeof raw['required'] !== 'boolean') return null;
    v.required = raw['required'];
  }
  if (raw['defaultValue'] !== undefined) {
    if (!isText(raw['defaultValue'], MAX_BODY)) return null;
    v.defaultValue = raw['defaultValue'];
  }
  if (raw['choices'] !== undefined) {
    const choices = raw['choices'];
    if (!Array.isArray(choices) || !choices.every((c) => isText(c, MAX_NAME))) return null;
    v.choices = choices;
  }
  return v;
}

function readVersion(
  raw: unknown,
  where: PromptsImportError,
): Omit<PromptVersionRow, 'id' | 'templateId'> {
  const bad = (field: string): Refused => new Refused({ ...where, code: 'invalid', field });
  if (!isObject(raw)) throw bad('version');
  const number = raw['number'];
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) throw bad('number');
  const at = { ...where, version: number };
  if (!isText(raw['body'], MAX_BODY)) throw new Refused({ ...at, code: 'invalid', field: 'body' });
  const note = raw['note'] ?? '';
  if (!isText(note, 2000)) throw new Refused({ ...at, code: 'invalid', field: 'note' });
  const rawVariables = raw['variables'] ?? [];
  if (!Array.isArray(rawVariables) || rawVariables.length > 100) {
    throw new Refused({ ...at, code: 'invalid', field: 'variables' });
  }
  const variables = rawVariables.map(readVariable);
  if (variables.some((v) => v === null)) {
    throw new Refused({ ...at, code: 'invalid', field: 'variables' });
  }
  const checked = variables as PromptVariableRow[];
  const problems = checkTemplate(raw['body'], checked);
  if (hasErrors(problems)) {
    const first = problems.find((p) => p.severity === 'error');
    throw new Refused({
      ...at,
      code: 'invalid',
      field: 'template',
      ...(first ? { problem: first } : {}),
    });
  }
  const revertedFrom = raw['revertedFrom'];
  return {
    number,
    body: raw['body'],
    variables: checked,
    note,
    ...(typeof revertedFrom === 'number' && Number.isInteger(revertedFrom) ? { revertedFrom } : {}),
    createdAt: isTime(raw['createdAt']) ? raw['createdAt'] : 0,
  };
}

function readTemplate(
  raw: unknown,
  index: number,
  newId: () => string,
): PromptTemplateWithVersions {
  const where: PromptsImportError = { code: 'invalid', template: index + 1 };
  if (!isObject(raw)) throw new Refused({ ...where, field: 'template' });
  const name = raw['name'];
  if (!isText(name, MAX_NAME) || name.trim() === '') throw new Refused({ ...where, field: 'name' });
  const at = { ...where, templateName: name };
  const rawVersions = raw['versions'];
  if (
    !Array.isArray(rawVersions) ||
    rawVersions.length === 0 ||
    rawVersions.length > MAX_VERSIONS
  ) {
    throw new Refused({ ...at, field: 'versions' });
  }
  const id = isText(raw['id'], 200) && raw['id'] !== '' ? raw['id'] : newId();
  const parsed = rawVersions.map((v) => readVersion(v, at));
  const numbers = new Set<number>();
  for (const v of parsed) {
    if (numbers.has(v.number)) throw new Refused({ ...at, version: v.number, field: 'duplicate' });
    numbers.add(v.number);
  }
  const versions = parsed
    .sort((a, b) => a.number - b.number)
    .map((v) => ({ ...v, id: newId(), templateId: id }));
  const inUse = versions.find((v) => v.number === raw['inUseVersion']);
  const description = raw['description'];
  return {
    template: {
      id,
      name: name.trim(),
      ...(isText(description, 2000) && description !== '' ? { description } : {}),
      ...(inUse ? { inUseVersionId: inUse.id } : {}),
      createdAt: isTime(raw['createdAt']) ? raw['createdAt'] : 0,
      updatedAt: isTime(raw['updatedAt']) ? raw['updatedAt'] : 0,
    },
    versions,
  };
}

/**
 * Parses and checks a templates file; on success every version has a fresh id and templates
 * keep the file's ids (merge decides which may stay).
 */
export function readTemplatesFile(text: string, newId: () => string): ImportCheck {
  let doc: unknown;
  try {
    doc = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch {
    return { ok: false, error: { code: 'not-json' } };
  }
  if (!isObject(doc) || doc['format'] !== PROMPTS_FORMAT) {
    return { ok: false, error: { code: 'not-prompts-file' } };
  }
  const formatVersion = doc['formatVersion'];
  if (typeof formatVersion === 'number' && formatVersion > PROMPTS_FORMAT_VERSION) {
    return { ok: false, error: { code: 'newer-format', formatVersion } };
  }
  const templates = doc['templates'];
  if (!Array.isArray(templates)) return { ok: false, error: { code: 'not-prompts-file' } };
  if (templates.length === 0) return { ok: false, error: { code: 'empty' } };
  if (templates.length > MAX_TEMPLATES) return { ok: false, error: { code: 'too-large' } };
  try {
    return { ok: true, templates: templates.map((t, i) => readTemplate(t, i, newId)) };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.error };
    throw error;
  }
}

export interface MergePlan {
  /** Templates to add, with ids and names that clash with nothing stored. */
  add: PromptTemplateWithVersions[];
  /** Names of templates skipped because the same history is already here. */
  skipped: string[];
  /** Templates added under another name because theirs was taken. */
  renamed: { from: string; to: string }[];
}

const historyOf = (versions: readonly PromptVersionRow[]): string =>
  JSON.stringify(versions.map((v) => [v.number, v.body, v.variables]));

/**
 * What importing `incoming` next to `existing` adds, skips and renames. `skipKnown: false`
 * adds a template even when the same history is already here under its id or name (a share
 * link's Import, asked for that one copy); it is then renamed like any name clash.
 */
export function planMerge(
  existing: readonly PromptTemplateWithVersions[],
  incoming: readonly PromptTemplateWithVersions[],
  newId: () => string,
  { skipKnown = true }: { skipKnown?: boolean } = {},
): MergePlan {
  const ids = new Set(existing.map((e) => e.template.id));
  const names = new Set(existing.map((e) => e.template.name));
  const histories = new Set(existing.map((e) => historyOf(e.versions)));
  const plan: MergePlan = { add: [], skipped: [], renamed: [] };
  for (const item of incoming) {
    const history = historyOf(item.versions);
    const known = histories.has(history);
    if (skipKnown && known && (ids.has(item.template.id) || names.has(item.template.name))) {
      plan.skipped.push(item.template.name);
      continue;
    }
    let { id, name } = item.template;
    if (ids.has(id)) id = newId();
    if (names.has(name)) {
      let n = 2;
      while (names.has(`${item.template.name} (${n})`)) n += 1;
      name = `${item.template.name} (${n})`;
      plan.renamed.push({ from: item.template.name, to: name });
    }
    ids.add(id);
    names.add(name);
    histories.add(history);
    plan.add.push({
      template: { ...item.template, id, name },
      versions: item.versions.map((v) => ({ ...v, templateId: id })),
    });
  }
  return plan;
}
