// The conversation list is grouped the way people remember chats: pinned ones on top, then
// by how recently they were used. Day boundaries are local midnights (built with the Date
// constructor, so DST days of 23 or 25 hours still start at midnight), never multiples of
// 24 hours. The UI only localises the keys; `month:YYYY-MM` carries the month to format.
import type { Conversation } from '../../storage';

export type DateGroupKey =
  'pinned' | 'today' | 'yesterday' | 'previous7' | 'previous30' | `month:${string}`;

/** One heading of the list and its conversations, newest first. */
export interface DateGroup<T> {
  key: DateGroupKey;
  items: T[];
}

type Datable = Pick<Conversation, 'updatedAt' | 'pinned' | 'archived'>;

function startOfDay(date: Date, daysBack: number): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() - daysBack).getTime();
}

/** A damaged row (NaN time) sorts as the oldest instead of breaking the sort. */
function timeOf(item: Datable): number {
  return Number.isFinite(item.updatedAt) ? item.updatedAt : 0;
}

function monthKey(time: number): DateGroupKey {
  const date = new Date(time);
  return `month:${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/**
 * Pinned first (all pinned, any date), then by updatedAt into today / yesterday / previous 7
 * days / previous 30 days / one group per calendar month (newest first), in the local time
 * zone; archived excluded unless includeArchived; items newest first within a group. Empty
 * groups are left out; a time after `now` (another device's clock) counts as today.
 * "Previous 7 days" is the 6 days before yesterday; "previous 30 days" reaches back to the
 * local midnight 30 days before today.
 */
export function groupByDate<T extends Datable>(
  items: readonly T[],
  now: number,
  options?: { includeArchived?: boolean },
): DateGroup<T>[] {
  const today = new Date(now);
  const bounds: { key: DateGroupKey; from: number }[] = [
    { key: 'today', from: startOfDay(today, 0) },
    { key: 'yesterday', from: startOfDay(today, 1) },
    { key: 'previous7', from: startOfDay(today, 7) },
    { key: 'previous30', from: startOfDay(today, 30) },
  ];
  const visible = items.filter((item) => options?.includeArchived === true || !item.archived);
  const sorted = [...visible].sort((a, b) => timeOf(b) - timeOf(a));

  const pinned: T[] = [];
  const groups = new Map<DateGroupKey, T[]>();
  for (const item of sorted) {
    if (item.pinned) {
      pinned.push(item);
      continue;
    }
    const time = timeOf(item);
    const key = bounds.find((b) => time >= b.from)?.key ?? monthKey(time);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }

  // Items arrive newest first, so groups (relative ones, then months) are created in order.
  const result: DateGroup<T>[] = pinned.length > 0 ? [{ key: 'pinned', items: pinned }] : [];
  for (const [key, list] of groups) result.push({ key, items: list });
  return result;
}
