/**
 * The rows of the message list, kept apart from the component so the one rule that matters
 * for scrolling is testable: when older messages arrive above the ones on screen (a long
 * conversation's preview becoming the whole branch), the list must keep its place from the
 * end — virtua's `shift` — or the person would be thrown to the top.
 */
import type { ChatMessage } from '../../../storage';

export type Row = { kind: 'message'; message: ChatMessage } | { kind: 'pending' };

export const PENDING_KEY = '__pending';

export function rowKey(row: Row): string {
  return row.kind === 'message' ? row.message.id : PENDING_KEY;
}

/** Whether `next` is `previous` with rows added before it (and only there). */
export function isPrepend(previous: readonly Row[], next: readonly Row[]): boolean {
  const added = next.length - previous.length;
  if (added <= 0) return false;
  for (let i = previous.length - 1; i >= 0; i--) {
    if (rowKey(previous[i]!) !== rowKey(next[i + added]!)) return false;
  }
  return true;
}
