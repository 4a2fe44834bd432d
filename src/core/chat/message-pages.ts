// Every message of a conversation, read page by page (newest first) so that reading 10,000 of
// them never holds the page for long: between pages the caller may pause for a frame. Later,
// only the rows a write changed are read again and merged in (withChanges), instead of the
// whole conversation after every streamed save.
import type { ChatMessage, Conversation, PageBound } from '../../storage';

/** The reads a conversation needs (the storage layer's functions fit). */
export interface MessageReader {
  conversation(id: string): Promise<Conversation | undefined>;
  /** At most `limit` messages created at or below `below` (all when null), newest first. */
  page(conversationId: string, below: PageBound | null, limit: number): Promise<ChatMessage[]>;
  /** Every message of the conversation created at exactly `createdAt`. */
  createdAt(conversationId: string, createdAt: number): Promise<ChatMessage[]>;
  /** Messages by id, in order; undefined where there is none. */
  messages(ids: readonly string[]): Promise<(ChatMessage | undefined)[]>;
}

export const PAGE_SIZE = 1000;

/** Storage order: creation time, then id (IndexedDB's order for the compound index). */
export function compareStored(a: ChatMessage, b: ChatMessage): number {
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Every message of `conversationId`, oldest first. Pages overlap by their boundary time (two
 * messages may share a millisecond), and a page made of one single time is read whole at
 * that time, so no message is skipped and the walk always moves on.
 */
export async function readAllMessages(
  reader: MessageReader,
  conversationId: string,
  options: { pageSize?: number; pause?: () => Promise<void> } = {},
): Promise<ChatMessage[]> {
  const size = Math.max(2, options.pageSize ?? PAGE_SIZE);
  const byId = new Map<string, ChatMessage>();
  const keep = (rows: readonly ChatMessage[]): void => {
    for (const row of rows) if (!byId.has(row.id)) byId.set(row.id, row);
  };
  let below: PageBound | null = null;
  for (;;) {
    const rows = await reader.page(conversationId, below, size);
    keep(rows);
    if (rows.length < size) break;
    const oldest = rows[rows.length - 1]!.createdAt;
    if (below?.inclusive && oldest === below.createdAt) {
      // A whole page at one time: take everything at it, then go strictly below it.
      keep(await reader.createdAt(conversationId, oldest));
      below = { createdAt: oldest, inclusive: false };
    } else {
      below = { createdAt: oldest, inclusive: true };
    }
    await options.pause?.();
  }
  return [...byId.values()].sort(compareStored);
}

/**
 * `current` (oldest first) with the rows read again after a write: `fresh` pairs each changed
 * id with its row now (undefined: deleted). Rows of other conversations are left out. Returns
 * `current` itself when nothing of this conversation changed.
 */
export function withChanges(
  current: readonly ChatMessage[],
  conversationId: string,
  fresh: Iterable<readonly [string, ChatMessage | undefined]>,
): readonly ChatMessage[] {
  const changed = new Map<string, ChatMessage | undefined>();
  for (const [id, row] of fresh) {
    changed.set(id, row?.conversationId === conversationId ? row : undefined);
  }
  let touched = false;
  const next: ChatMessage[] = [];
  for (const row of current) {
    if (!changed.has(row.id)) {
      next.push(row);
      continue;
    }
    const now = changed.get(row.id);
    changed.delete(row.id);
    touched = true;
    if (now) next.push(now);
  }
  for (const row of changed.values()) {
    if (!row) continue;
    touched = true;
    next.push(row);
  }
  if (!touched) return current;
  // New rows usually come last already: check the order, and sort only when it is not.
  for (let i = 1; i < next.length; i++) {
    if (compareStored(next[i - 1]!, next[i]!) > 0) return next.sort(compareStored);
  }
  return next;
}
