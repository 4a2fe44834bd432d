/**
 * The documents list's filters and order, as pure functions: name (accent-insensitive, also
 * the folder path), collection, status, and a date range on the date added or the document's
 * own date. Kept out of the component so thousands of rows can be tested without a DOM.
 */
import { foldAccents } from '../../../core/text/fold';
import type { DocumentRecord, DocumentStatus } from '../../../storage';

/** '' = any collection; NO_COLLECTION = documents in none. */
export const NO_COLLECTION = '__none__';

export interface DateRangeFilter {
  field: 'addedAt' | 'documentDate';
  /** 'YYYY-MM-DD' as an <input type="date"> gives it; '' = open. */
  from: string;
  to: string;
}

export interface DocumentFilter {
  name: string;
  collectionId: string;
  status: DocumentStatus | '';
  date: DateRangeFilter;
}

export const EMPTY_FILTER: DocumentFilter = {
  name: '',
  collectionId: '',
  status: '',
  date: { field: 'addedAt', from: '', to: '' },
};

/** Local-time epoch-ms bounds of a date range (from: start of day; to: end of day). */
export function dayBounds(range: Pick<DateRangeFilter, 'from' | 'to'>): {
  from?: number;
  to?: number;
} {
  const bound = (value: string, endOfDay: boolean): number | undefined => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return undefined;
    const [, y, m, d] = match.map(Number) as [number, number, number, number];
    return endOfDay
      ? new Date(y, m - 1, d, 23, 59, 59, 999).getTime()
      : new Date(y, m - 1, d).getTime();
  };
  const result: { from?: number; to?: number } = {};
  const from = bound(range.from, false);
  const to = bound(range.to, true);
  if (from !== undefined) result.from = from;
  if (to !== undefined) result.to = to;
  return result;
}

export function isFiltering(filter: DocumentFilter): boolean {
  return (
    filter.name.trim() !== '' ||
    filter.collectionId !== '' ||
    filter.status !== '' ||
    filter.date.from !== '' ||
    filter.date.to !== ''
  );
}

/** The documents that pass `filter`, newest added first. */
export function filterDocuments(
  documents: readonly DocumentRecord[],
  filter: DocumentFilter,
): DocumentRecord[] {
  const name = foldAccents(filter.name.trim());
  const { from, to } = dayBounds(filter.date);
  const dated = from !== undefined || to !== undefined;
  return documents
    .filter((doc) => {
      if (name && !foldAccents(doc.relativePath ?? doc.name).includes(name)) return false;
      if (filter.collectionId === NO_COLLECTION) {
        if (doc.collectionIds.length > 0) return false;
      } else if (filter.collectionId && !doc.collectionIds.includes(filter.collectionId)) {
        return false;
      }
      if (filter.status && doc.status !== filter.status) return false;
      if (dated) {
        const when = filter.date.field === 'addedAt' ? doc.addedAt : doc.documentDate;
        if (when === undefined) return false;
        if (from !== undefined && when < from) return false;
        if (to !== undefined && when > to) return false;
      }
      return true;
    })
    .sort((a, b) => b.addedAt - a.addedAt);
}

/** "notes/2024/" for "notes/2024/a.pdf": the folder part shown muted before the name. */
export function folderOf(doc: Pick<DocumentRecord, 'relativePath'>): string {
  const path = doc.relativePath ?? '';
  const cut = path.lastIndexOf('/');
  return cut >= 0 ? path.slice(0, cut + 1) : '';
}
