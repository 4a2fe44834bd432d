// A template's history: versions are immutable and numbered 1, 2, 3…; saving makes the next,
// reverting makes the next as a copy of an old one (history only grows), and any two can be
// compared line by line (jsdiff) with what changed in their variables.
import { diffLines } from 'diff';
import type { PromptTemplateRow, PromptVariableRow, PromptVersionRow } from '../../storage';

/** The version "/" and new test runs use: the one marked in use, else the newest. */
export function versionInUse(
  template: PromptTemplateRow,
  versions: readonly PromptVersionRow[],
): PromptVersionRow | undefined {
  return (
    versions.find((v) => v.id === template.inUseVersionId) ??
    versions.reduce<PromptVersionRow | undefined>(
      (newest, v) => (newest === undefined || v.number > newest.number ? v : newest),
      undefined,
    )
  );
}

export function nextVersionNumber(versions: readonly PromptVersionRow[]): number {
  return versions.reduce((max, v) => Math.max(max, v.number), 0) + 1;
}

export interface VersionDraft {
  body: string;
  variables: readonly PromptVariableRow[];
  note: string;
}

/** The next version of `templateId` from a draft. */
export function newVersion(
  templateId: string,
  versions: readonly PromptVersionRow[],
  draft: VersionDraft,
  id: string,
  now: number,
): PromptVersionRow {
  return {
    id,
    templateId,
    number: nextVersionNumber(versions),
    body: draft.body,
    variables: draft.variables.map((v) => ({ ...v })),
    note: draft.note.trim(),
    createdAt: now,
  };
}

/** Whether a draft says the same as a version (saving it would add nothing). */
export function sameContent(a: VersionDraft, b: VersionDraft): boolean {
  return a.body === b.body && JSON.stringify(a.variables) === JSON.stringify(b.variables);
}

/**
 * Reverting: a NEW version, equal in body and variables to `target`, numbered next; the old
 * versions stay as they were. `note` defaults to the caller's wording of "revert to vN".
 */
export function revertVersion(
  target: PromptVersionRow,
  versions: readonly PromptVersionRow[],
  note: string,
  id: string,
  now: number,
): PromptVersionRow {
  return {
    ...newVersion(target.templateId, versions, { ...target, note }, id, now),
    revertedFrom: target.number,
  };
}

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface VariableChange {
  name: string;
  change: 'added' | 'removed' | 'changed';
}

export interface VersionDiff {
  lines: DiffLine[];
  variables: VariableChange[];
  /** Whether bodies and variables are all equal. */
  identical: boolean;
}

function splitLines(value: string): string[] {
  const lines = value.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** What changed from `from` to `to`: body lines (added, removed, kept) and variables. */
export function diffVersions(
  from: Pick<PromptVersionRow, 'body' | 'variables'>,
  to: Pick<PromptVersionRow, 'body' | 'variables'>,
): VersionDiff {
  const lines: DiffLine[] = [];
  for (const part of diffLines(from.body, to.body)) {
    const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    for (const text of splitLines(part.value)) lines.push({ kind, text });
  }
  const before = new Map(from.variables.map((v) => [v.name, JSON.stringify(v)]));
  const after = new Map(to.variables.map((v) => [v.name, JSON.stringify(v)]));
  const variables: VariableChange[] = [];
  for (const [name, spec] of after) {
    if (!before.has(name)) variables.push({ name, change: 'added' });
    else if (before.get(name) !== spec) variables.push({ name, change: 'changed' });
  }
  for (const name of before.keys()) {
    if (!after.has(name)) variables.push({ name, change: 'removed' });
  }
  const identical = variables.length === 0 && lines.every((l) => l.kind === 'same');
  return { lines, variables, identical };
}
