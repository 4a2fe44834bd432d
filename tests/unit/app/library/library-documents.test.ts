// The document list keeps the objects of rows that did not change, so a live-query update
// after one add re-renders that row only, not every row shown.
import { describe, expect, it } from 'vitest';
import { keepUnchanged } from '../../../../src/app/state/library-documents';
import type { DocumentRecord } from '../../../../src/storage';

const doc = (id: string, status: DocumentRecord['status'] = 'ready'): DocumentRecord => ({
  id,
  name: `${id}.txt`,
  mimeType: 'text/plain',
  size: 1,
  addedAt: 1,
  status,
  collectionIds: ['k'],
});

describe('keepUnchanged', () => {
  it('reuses unchanged rows, takes changed and new ones, and keeps the array when nothing moved', () => {
    const shown = [doc('b'), doc('a')];
    const next = keepUnchanged(shown, [doc('c', 'queued'), doc('b', 'processing'), doc('a')]);
    expect(next[0]).toEqual(doc('c', 'queued'));
    expect(next[1]).toEqual(doc('b', 'processing'));
    expect(next[1]).not.toBe(shown[0]);
    expect(next[2]).toBe(shown[1]);
    const again = keepUnchanged(next, structuredClone([...next]));
    expect(again).toBe(next);
    expect(keepUnchanged(next, [doc('a')])).toEqual([doc('a')]);
  });
});
