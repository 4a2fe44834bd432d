// A long conversation opens at its end: reading and indexing 10,000 messages takes longer than
// a person should wait, yet the screen shows only the last few. So a conversation is first read
// as a preview — its newest messages in one small ranged read, and the branch on screen walked
// up from its leaf through them — and only then in full. The preview's path is always a true
// suffix of the branch's path (the view prepends the older part when every message is in).
import type { ChatMessage, Conversation } from '../../storage';
import { buildTree, pathTo } from './branches';
import type { MessageReader } from './message-pages';

export interface BranchPreview {
  conversation: Conversation | undefined;
  /** The end of the branch on screen, oldest first: at most `size` messages. */
  path: ChatMessage[];
  /**
   * Every message of the conversation, when the preview read them all (a short
   * conversation); null when there are more.
   */
  all: ChatMessage[] | null;
}

/**
 * The last `size` messages of the branch ending at the conversation's leaf. A leaf outside the
 * newest messages (a person went back to an old branch) is walked up one read per message, so
 * a preview costs at most one ranged read and `size` single reads. Damaged rows (a cycle, a
 * parent never written) end the walk instead of hanging it.
 */
export async function readBranchPreview(
  reader: MessageReader,
  conversationId: string,
  size: number,
): Promise<BranchPreview> {
  const [conversation, newestFirst] = await Promise.all([
    reader.conversation(conversationId),
    reader.page(conversationId, null, size),
  ]);
  const newest = newestFirst.reverse();
  if (!conversation) return { conversation, path: [], all: [] };
  if (newest.length < size) {
    const path = pathTo(buildTree(newest), conversation.leafId);
    return { conversation, path, all: newest };
  }
  const byId = new Map(newest.map((m) => [m.id, m]));
  // A row of another conversation is no parent here (branches.ts treats it as unknown).
  const read = async (id: string): Promise<ChatMessage | undefined> => {
    const message = byId.get(id) ?? (await reader.messages([id]))[0];
    return message?.conversationId === conversationId ? message : undefined;
  };
  const leafId = conversation.leafId;
  // No leaf stored (or it is gone): the newest leaf, as pathTo does with every message.
  let current = (leafId ? await read(leafId) : undefined) ?? newestLeaf(newest);
  const path: ChatMessage[] = [];
  const seen = new Set<string>();
  while (current && path.length < size && !seen.has(current.id)) {
    seen.add(current.id);
    path.push(current);
    const parentId = current.parentId;
    current = parentId === null || path.length === size ? undefined : await read(parentId);
  }
  return { conversation, path: path.reverse(), all: null };
}

/** The newest message that is no other message's parent (as pathTo picks without a leaf). */
function newestLeaf(messages: readonly ChatMessage[]): ChatMessage | undefined {
  return pathTo(buildTree(messages), undefined).at(-1);
}
