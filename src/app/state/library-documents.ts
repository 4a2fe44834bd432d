// Why this file exists: the Library's document list comes from a live query that hands over
// fresh copies of every row after any change, and plain TypeScript here keeps it testable in
// Node (the state class around it uses runes).
import type { DocumentRecord } from '../../storage';

/**
 * `next`, with each document that did not change replaced by the object already shown. The
 * live query hands over fresh copies of every row after any change (several per added file),
 * so without this every visible row would re-render for each add; with it only the rows that
 * changed do.
 */
export function keepUnchanged(
  previous: readonly DocumentRecord[],
  next: readonly DocumentRecord[],
): readonly DocumentRecord[] {
  if (previous.length === 0) return next;
  const shown = new Map(previous.map((d) => [d.id, d]));
  const merged = next.map((doc) => {
    const old = shown.get(doc.id);
    if (old === undefined || old === doc) return doc;
    return JSON.stringify(old) === JSON.stringify(doc) ? old : doc;
  });
  // Nothing changed at all (another table's write woke the query): keep the same array.
  const same = merged.length === previous.length && merged.every((d, i) => d === previous[i]);
  return same ? previous : merged;
}
