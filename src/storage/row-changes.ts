// Which rows a write changed, from Dexie's own bookkeeping (its 'storagemutated' event, which
// also carries other tabs' writes). A view that holds thousands of rows re-reads just those,
// instead of running its whole query again after every streamed save.
import Dexie, { type IntervalTree, type ObservabilitySet } from 'dexie';

/** Changed primary keys per table; null for a table whose change Dexie gave as a range. */
export type RowChanges = Partial<Record<string, readonly string[] | null>>;

/** Single keys of an interval tree, or null when it holds a range (a clear, a ranged delete). */
function keysOf(tree: IntervalTree): string[] | null {
  const keys: string[] = [];
  const stack: IntervalTree[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    // Crossing tabs, the tree arrives as plain objects: walk it by hand, not with its iterator.
    if (!('from' in node)) continue;
    if (typeof node.from !== 'string' || node.from !== node.to) return null;
    keys.push(node.from);
    if (node.l) stack.push(node.l);
    if (node.r) stack.push(node.r);
  }
  return keys;
}

/** The tables among `tables` that a write touched, each with its changed keys (or null). */
export function changedRows(parts: ObservabilitySet, tables: readonly string[]): RowChanges {
  const changes: RowChanges = {};
  for (const [part, tree] of Object.entries(parts)) {
    // Primary-key parts are `idb://<db>/<table>/` (an index would follow the last slash).
    const match = /^idb:\/\/[^/]+\/([^/]+)\/$/.exec(part);
    const table = match?.[1];
    if (table === undefined || !tables.includes(table)) continue;
    const keys = keysOf(tree);
    const known = changes[table];
    changes[table] = keys === null || known === null ? null : [...(known ?? []), ...keys];
  }
  return changes;
}

/**
 * Calls `onChange` after any write to `tables`, in this tab or another, with the keys of the
 * rows it changed (null for a table when Dexie could only say "a range of it").
 */
export function onRowsChanged(
  tables: readonly string[],
  onChange: (changes: RowChanges) => void,
): () => void {
  const listener = (parts: ObservabilitySet): void => {
    const changes = changedRows(parts, tables);
    if (Object.keys(changes).length > 0) onChange(changes);
  };
  Dexie.on('storagemutated', listener);
  return () => Dexie.on('storagemutated').unsubscribe(listener);
}
