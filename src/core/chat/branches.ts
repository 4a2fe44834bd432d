// Editing a message or regenerating an answer never overwrites: the new message is a sibling
// of the old one (same parent), so every version stays reachable. Messages are therefore a
// tree through parentId, and the view shows one root-to-leaf path of it. Rows come from
// storage and may be damaged (a parent that was never written, a cycle from a bad import),
// so every walk here is guarded and finishes.
import type { ChatMessage } from '../../storage';

/** Messages indexed by id and by (effective) parent; `null` holds the roots. */
export interface MessageTree {
  byId: ReadonlyMap<string, ChatMessage>;
  /** Children of each parent, sorted by createdAt, then id. */
  children: ReadonlyMap<string | null, readonly ChatMessage[]>;
}

/** Where a message sits among its versions, for the "‹ 2 / 3 ›" switcher. */
export interface SiblingInfo {
  /** Zero-based; -1 when the message is unknown. */
  index: number;
  count: number;
  previousId: string | null;
  nextId: string | null;
}

function compareMessages(a: ChatMessage, b: ChatMessage): number {
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The parent a message hangs under: null when its parent is missing, unknown or itself. */
function parentKey(byId: ReadonlyMap<string, ChatMessage>, message: ChatMessage): string | null {
  const parentId = message.parentId;
  return parentId !== null && parentId !== message.id && byId.has(parentId) ? parentId : null;
}

/**
 * Indexes `messages` into a tree in O(n log n). A message whose parent is unknown is a root;
 * when two rows share an id, the later one wins.
 */
export function buildTree(messages: readonly ChatMessage[]): MessageTree {
  const byId = new Map<string, ChatMessage>();
  for (const message of messages) byId.set(message.id, message);
  const children = new Map<string | null, ChatMessage[]>();
  for (const message of byId.values()) {
    const key = parentKey(byId, message);
    const list = children.get(key);
    if (list) list.push(message);
    else children.set(key, [message]);
  }
  for (const list of children.values()) list.sort(compareMessages);
  return { byId, children };
}

function newestLeaf(tree: MessageTree): ChatMessage | undefined {
  let newest: ChatMessage | undefined;
  for (const message of tree.byId.values()) {
    if (tree.children.has(message.id)) continue;
    if (!newest || compareMessages(message, newest) > 0) newest = message;
  }
  return newest;
}

/**
 * Root-to-leaf path ending at `leafId`; when leafId is missing or unknown, ends at the newest
 * leaf (latest createdAt) of the whole tree. Cycles/broken parents must not hang: a message
 * whose parent is unknown is treated as a root, and a walk that comes back to a message it
 * has seen stops there.
 */
export function pathTo(tree: MessageTree, leafId: string | undefined | null): ChatMessage[] {
  const known = leafId === undefined || leafId === null ? undefined : tree.byId.get(leafId);
  let current = known ?? newestLeaf(tree);
  const path: ChatMessage[] = [];
  const seen = new Set<string>();
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.push(current);
    const key = parentKey(tree.byId, current);
    current = key === null ? undefined : tree.byId.get(key);
  }
  return path.reverse();
}

/**
 * The newest leaf below (or equal to) `messageId`, following the newest child at each step.
 * An unknown id comes back unchanged.
 * @example pathTo(tree, newestLeafUnder(tree, siblingsOf(tree, id).previousId!)) // switch branch
 */
export function newestLeafUnder(tree: MessageTree, messageId: string): string {
  let current = messageId;
  const seen = new Set<string>([current]);
  for (;;) {
    const kids = tree.children.get(current);
    const newest = kids?.[kids.length - 1];
    if (!newest || seen.has(newest.id)) return current;
    seen.add(newest.id);
    current = newest.id;
  }
}

/** Position of `messageId` among its siblings (same parent and same role). */
export function siblingsOf(tree: MessageTree, messageId: string): SiblingInfo {
  const message = tree.byId.get(messageId);
  if (!message) return { index: -1, count: 0, previousId: null, nextId: null };
  const siblings = (tree.children.get(parentKey(tree.byId, message)) ?? []).filter(
    (m) => m.role === message.role,
  );
  const index = siblings.findIndex((m) => m.id === messageId);
  return {
    index,
    count: siblings.length,
    previousId: siblings[index - 1]?.id ?? null,
    nextId: siblings[index + 1]?.id ?? null,
  };
}
