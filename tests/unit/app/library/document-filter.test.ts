/** The documents list's filters: name and folder, collection, status, date range; newest first. */
import { describe, expect, it } from 'vitest';
import {
  dayBounds,
  EMPTY_FILTER,
  filterDocuments,
  folderOf,
  isFiltering,
  NO_COLLECTION,
  type DocumentFilter,
} from '../../../../src/app/components/library/document-filter';
import type { DocumentRecord } from '../../../../src/storage';

const day = (y: number, m: number, d: number, h = 12): number => new Date(y, m - 1, d, h).getTime();

function doc(id: string, patch: Partial<DocumentRecord> = {}): DocumentRecord {
  return {
    id,
    name: `${id}.pdf`,
    mimeType: 'application/pdf',
    size: 1000,
    addedAt: day(2024, 1, 1),
    status: 'ready',
    collectionIds: [],
    ...patch,
  };
}

const docs: DocumentRecord[] = [
  doc('relatorio', {
    name: 'Relatório anual.pdf',
    addedAt: day(2024, 3, 10),
    collectionIds: ['c1'],
  }),
  doc('budget', {
    name: 'budget.xlsx',
    relativePath: 'finance/2024/budget.xlsx',
    addedAt: day(2024, 3, 12),
    documentDate: day(2023, 12, 31),
    status: 'failed',
  }),
  doc('scan', { addedAt: day(2024, 3, 11), status: 'waiting', collectionIds: ['c1', 'c2'] }),
];

const ids = (filter: Partial<DocumentFilter>): string[] =>
  filterDocuments(docs, { ...structuredClone(EMPTY_FILTER), ...filter }).map((d) => d.id);

describe('document filters', () => {
  it('lists every document newest first when nothing is filtered', () => {
    expect(ids({})).toEqual(['budget', 'scan', 'relatorio']);
    expect(isFiltering(EMPTY_FILTER)).toBe(false);
  });

  it('filters by name without accents and by folder path', () => {
    expect(ids({ name: 'relatorio' })).toEqual(['relatorio']);
    expect(ids({ name: 'finance/2024' })).toEqual(['budget']);
    expect(isFiltering({ ...EMPTY_FILTER, name: 'x' })).toBe(true);
  });

  it('filters by collection, by no collection, and by status', () => {
    expect(ids({ collectionId: 'c1' })).toEqual(['scan', 'relatorio']);
    expect(ids({ collectionId: 'c2' })).toEqual(['scan']);
    expect(ids({ collectionId: NO_COLLECTION })).toEqual(['budget']);
    expect(ids({ status: 'failed' })).toEqual(['budget']);
  });

  it('filters by inclusive day ranges on the date added or the document date', () => {
    expect(ids({ date: { field: 'addedAt', from: '2024-03-11', to: '2024-03-11' } })).toEqual([
      'scan',
    ]);
    expect(ids({ date: { field: 'addedAt', from: '2024-03-11', to: '' } })).toEqual([
      'budget',
      'scan',
    ]);
    // Documents without a date of their own drop out of a document-date range.
    expect(ids({ date: { field: 'documentDate', from: '', to: '2024-01-01' } })).toEqual([
      'budget',
    ]);
  });

  it('reads day bounds as local whole days and ignores malformed input', () => {
    const { from, to } = dayBounds({ from: '2024-03-11', to: '2024-03-11' });
    expect(from).toBe(new Date(2024, 2, 11).getTime());
    expect(to).toBe(new Date(2024, 2, 12).getTime() - 1);
    expect(dayBounds({ from: 'yesterday', to: '' })).toEqual({});
  });

  it('shows the folder part of a path', () => {
    expect(folderOf({ relativePath: 'finance/2024/budget.xlsx' })).toBe('finance/2024/');
    expect(folderOf({})).toBe('');
  });

  it('filters 10,000 documents quickly enough to run on every keystroke', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      doc(`d${i}`, { name: `Relatório ${i}.pdf`, addedAt: i }),
    );
    const started = performance.now();
    const found = filterDocuments(many, { ...structuredClone(EMPTY_FILTER), name: 'relatorio 99' });
    expect(found.map((d) => d.id).slice(0, 2)).toEqual(['d9999', 'd9998']);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
