// Why this file exists: reading a whole table a page at a time, each page its own short read
// that starts where the last one ended (by primary key), so a large library is never held in
// memory at once nor read in one long transaction, however many rows came before.
import type { Table } from 'dexie';

/**
 * Calls `onPage` with every row of `table`, `batchSize` at a time in primary-key order.
 * @example await eachPageByKey(db.chunks, (c) => c.id, 2000, (chunks) => index(chunks));
 */
export async function eachPageByKey<T, TInsert>(
  table: Table<T, string, TInsert>,
  keyOf: (row: T) => string,
  batchSize: number,
  onPage: (rows: T[]) => void | Promise<void>,
): Promise<void> {
  const size = Math.max(1, Math.floor(batchSize));
  let last: string | undefined;
  for (;;) {
    const query = last === undefined ? table.orderBy(':id') : table.where(':id').above(last);
    const page = await query.limit(size).toArray();
    if (page.length === 0) return;
    await onPage(page);
    if (page.length < size) return;
    last = keyOf(page[page.length - 1]!);
  }
}
