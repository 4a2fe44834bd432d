/**
 * A Prompt Studio template as shared: name, description, and the version in use alone or every
 * version with its note (the sharer's choice), ids left behind; personal data found and masked
 * over the text that travels; and the way back, where "Import" goes through the Studio's own
 * merge (core/prompts/transfer.ts): new ids, and " (2)" after a name already taken.
 */
import { planMerge, type MergePlan } from '../prompts/transfer';
import { versionInUse } from '../prompts/versions';
import type { PromptTemplateWithVersions, PromptVersionRow } from '../../storage';
import type { PromptTemplateContent, SharedPromptVersion, ShareProvenance } from './format';
import { findPii, maskPii, type PiiFinding } from './pii';

/** Which versions travel: the one in use (the default), or all of them with their notes. */
export type TemplateScope = 'in-use' | 'all';

function sharedVersion(v: PromptVersionRow, shared: ReadonlySet<number>): SharedPromptVersion {
  return {
    number: v.number,
    body: v.body,
    variables: v.variables.map((x) => ({
      name: x.name,
      kind: x.kind,
      ...(x.label !== undefined ? { label: x.label } : {}),
      ...(x.required !== undefined ? { required: x.required } : {}),
      ...(x.defaultValue !== undefined ? { defaultValue: x.defaultValue } : {}),
      ...(x.choices !== undefined ? { choices: [...x.choices] } : {}),
    })),
    note: v.note,
    ...(v.revertedFrom !== undefined && shared.has(v.revertedFrom)
      ? { revertedFrom: v.revertedFrom }
      : {}),
    createdAt: v.createdAt,
  };
}

/** The shareable part of a template; undefined while it has no version yet. */
export function templateContent(
  item: PromptTemplateWithVersions,
  scope: TemplateScope,
): PromptTemplateContent | undefined {
  const inUse = versionInUse(item.template, item.versions);
  if (!inUse) return undefined;
  const chosen = scope === 'all' ? item.versions : [inUse];
  const numbers = new Set(chosen.map((v) => v.number));
  return {
    name: item.template.name,
    description: item.template.description ?? '',
    inUseVersion: inUse.number,
    versions: chosen.map((v) => sharedVersion(v, numbers)),
  };
}

/** A template is written by a person, not a model: no models, no sources. */
export function templateProvenance(
  appVersion: string,
  now: number,
): Omit<ShareProvenance, 'contentSha256'> {
  return { appVersion, createdAt: now, models: [], sources: [] };
}

/** Where a finding is: the name, the description, or version `version`'s body, note or a default. */
export interface TemplatePlace {
  field: 'name' | 'description' | 'body' | 'note' | 'default';
  /** Index in `versions`. */
  version?: number;
  /** Index in that version's `variables`. */
  variable?: number;
}

export interface TemplateFinding extends PiiFinding {
  place: TemplatePlace;
}

/** Every piece of personal data in the text a template link would carry. */
export function findTemplatePii(content: PromptTemplateContent): TemplateFinding[] {
  const out: TemplateFinding[] = [];
  const add = (text: string, place: TemplatePlace): void => {
    for (const f of findPii(text)) out.push({ ...f, place });
  };
  add(content.name, { field: 'name' });
  add(content.description, { field: 'description' });
  content.versions.forEach((v, version) => {
    add(v.body, { field: 'body', version });
    add(v.note, { field: 'note', version });
    v.variables.forEach((x, variable) => {
      // A choice's default must stay one of its choices: masking it would break the form.
      if (x.defaultValue !== undefined && x.kind !== 'choice') {
        add(x.defaultValue, { field: 'default', version, variable });
      }
    });
  });
  return out;
}

const samePlace = (a: TemplatePlace, b: TemplatePlace): boolean =>
  a.field === b.field && a.version === b.version && a.variable === b.variable;

/** The content with the given findings masked (all of them by default). */
export function maskTemplatePii(
  content: PromptTemplateContent,
  findings: readonly TemplateFinding[] = findTemplatePii(content),
): PromptTemplateContent {
  const mask = (text: string, place: TemplatePlace): string =>
    maskPii(
      text,
      findings.filter((f) => samePlace(f.place, place)),
    );
  return {
    ...content,
    name: mask(content.name, { field: 'name' }),
    description: mask(content.description, { field: 'description' }),
    versions: content.versions.map((v, version) => ({
      ...v,
      body: mask(v.body, { field: 'body', version }),
      note: mask(v.note, { field: 'note', version }),
      variables: v.variables.map((x, variable) =>
        x.defaultValue === undefined || x.kind === 'choice'
          ? x
          : { ...x, defaultValue: mask(x.defaultValue, { field: 'default', version, variable }) },
      ),
    })),
  };
}

/** The shared template as Studio rows: a new id for it and for every version. */
export function templateRows(
  content: PromptTemplateContent,
  newId: () => string,
  now: number,
): PromptTemplateWithVersions {
  const id = newId();
  const versions: PromptVersionRow[] = [...content.versions]
    .sort((a, b) => a.number - b.number)
    .map((v) => ({
      id: newId(),
      templateId: id,
      number: v.number,
      body: v.body,
      variables: v.variables.map((x) => ({ ...x })),
      note: v.note,
      ...(v.revertedFrom !== undefined ? { revertedFrom: v.revertedFrom } : {}),
      createdAt: v.createdAt,
    }));
  const inUse = versions.find((v) => v.number === content.inUseVersion);
  const name = content.name.trim();
  return {
    template: {
      id,
      name,
      ...(content.description.trim() !== '' ? { description: content.description.trim() } : {}),
      ...(inUse ? { inUseVersionId: inUse.id } : {}),
      createdAt: now,
      updatedAt: now,
    },
    versions,
  };
}

/**
 * What importing the shared template next to `existing` adds: Prompt Studio's merge, asked to
 * keep it even when the same template is already here (Import was asked for this one copy).
 */
export function planTemplateImport(
  content: PromptTemplateContent,
  existing: readonly PromptTemplateWithVersions[],
  newId: () => string,
  now: number,
): MergePlan {
  return planMerge(existing, [templateRows(content, newId, now)], newId, { skipKnown: false });
}
