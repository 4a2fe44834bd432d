// A template's history: the next number, reverting as a new version equal to an old one (old
// versions untouched), the version in use, and the diff between any two.
import { describe, expect, it } from 'vitest';
import {
  diffVersions,
  newVersion,
  revertVersion,
  sameContent,
  versionInUse,
} from '../../../../src/core/prompts/versions';
import type { PromptTemplateRow, PromptVersionRow } from '../../../../src/storage';

const v1: PromptVersionRow = {
  id: 'a',
  templateId: 't',
  number: 1,
  body: 'Summarise {{doc}}.\nBe brief.\n',
  variables: [{ name: 'doc', kind: 'document' }],
  note: 'first',
  createdAt: 1,
};
const v2: PromptVersionRow = {
  ...v1,
  id: 'b',
  number: 2,
  body: 'Summarise {{doc}} for {{who}}.\nBe brief.\n',
  variables: [
    { name: 'doc', kind: 'document', label: 'Document' },
    { name: 'who', kind: 'text' },
  ],
  note: 'audience',
  createdAt: 2,
};
const template: PromptTemplateRow = { id: 't', name: 'T', createdAt: 1, updatedAt: 2 };

describe('versions', () => {
  it('numbers a new version after the highest, with the note trimmed', () => {
    const v = newVersion('t', [v2, v1], { body: 'x', variables: [], note: ' why ' }, 'c', 3);
    expect(v).toEqual({
      id: 'c',
      templateId: 't',
      number: 3,
      body: 'x',
      variables: [],
      note: 'why',
      createdAt: 3,
    });
  });

  it('reverts by adding a version equal to the old one, leaving history untouched', () => {
    const history = [v1, v2];
    const frozen = JSON.stringify(history);
    const reverted = revertVersion(v1, history, 'back to v1', 'c', 3);
    expect(reverted).toMatchObject({
      number: 3,
      body: v1.body,
      variables: v1.variables,
      revertedFrom: 1,
      note: 'back to v1',
    });
    expect(reverted.variables).not.toBe(v1.variables);
    expect(JSON.stringify(history)).toBe(frozen);
    expect(sameContent(reverted, v1)).toBe(true);
    expect(diffVersions(v1, reverted).identical).toBe(true);
  });

  it('uses the version marked in use, else the newest', () => {
    expect(versionInUse(template, [v1, v2])?.id).toBe('b');
    expect(versionInUse({ ...template, inUseVersionId: 'a' }, [v1, v2])?.id).toBe('a');
    expect(versionInUse({ ...template, inUseVersionId: 'gone' }, [v2, v1])?.id).toBe('b');
    expect(versionInUse(template, [])).toBeUndefined();
  });
});

describe('diffVersions', () => {
  it('shows removed and added lines and what changed in the variables', () => {
    const diff = diffVersions(v1, v2);
    expect(diff.lines).toEqual([
      { kind: 'removed', text: 'Summarise {{doc}}.' },
      { kind: 'added', text: 'Summarise {{doc}} for {{who}}.' },
      { kind: 'same', text: 'Be brief.' },
    ]);
    expect(diff.variables).toEqual([
      { name: 'doc', change: 'changed' },
      { name: 'who', change: 'added' },
    ]);
    expect(diff.identical).toBe(false);
  });

  it('goes both ways', () => {
    const back = diffVersions(v2, v1);
    expect(back.lines.map((l) => l.kind)).toEqual(['removed', 'added', 'same']);
    expect(back.variables).toEqual([
      { name: 'doc', change: 'changed' },
      { name: 'who', change: 'removed' },
    ]);
  });

  it('handles bodies without a final newline', () => {
    const diff = diffVersions({ body: 'a\nb', variables: [] }, { body: 'a\nc', variables: [] });
    expect(diff.lines).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'c' },
    ]);
  });
});
