// Chat messages. Each message is its own row with its own id, so turns written by two tabs
// at once never replace each other; adding a message also moves its conversation to the top
// and onto the new message's branch, in the same transaction.
import Dexie from 'dexie';
import { getDatabase, type OmniaDatabase } from './db';
import { StorageWriteError, toStorageWriteError } from './errors';
import type { ChatMessage } from './types';

export type MessagePatch = Partial<
  Pick<
    ChatMessage,
    | 'content'
    | 'tokens'
    | 'timings'
    | 'params'
    | 'rating'
    | 'modelId'
    | 'personaId'
    | 'generation'
    | 'citations'
  >
>;

/** Stores a new message; its conversation's `updatedAt` and `leafId` follow it. */
export async function addMessage(
  message: ChatMessage,
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  try {
    await db.transaction('rw', db.conversations, db.messages, async () => {
      const changed = await db.conversations.update(message.conversationId, (c) => {
        c.updatedAt = Math.max(c.updatedAt, message.createdAt);
        c.leafId = message.id;
      });
      // Another tab may have deleted the conversation: an orphan message would be invisible.
      if (changed === 0) {
        throw new StorageWriteError(
          'not-found',
          'This conversation no longer exists (it may have been deleted in another tab). Start a new chat; nothing else was changed.',
        );
      }
      await db.messages.add(message);
    });
  } catch (error) {
    throw toStorageWriteError(error, 'saving the message');
  }
}

/** Changes only the given fields of a message (streamed text, timings, rating…). */
export async function updateMessage(
  id: string,
  patch: MessagePatch,
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  try {
    await db.messages.update(id, patch);
  } catch (error) {
    throw toStorageWriteError(error, 'saving the message');
  }
}

/** Removes a rating (Dexie cannot unset a field through a partial update's `undefined`). */
export async function clearRating(id: string, db: OmniaDatabase = getDatabase()): Promise<void> {
  try {
    await db.messages.update(id, (m) => {
      delete m.rating;
    });
  } catch (error) {
    throw toStorageWriteError(error, 'saving the message');
  }
}

export function listMessages(
  conversationId: string,
  db: OmniaDatabase = getDatabase(),
): Promise<ChatMessage[]> {
  return db.messages
    .where('[conversationId+createdAt]')
    .between([conversationId, Dexie.minKey], [conversationId, Dexie.maxKey])
    .toArray();
}

/** Where a page of messages ends: at (inclusive) or below a creation time. */
export interface PageBound {
  createdAt: number;
  inclusive: boolean;
}

/**
 * At most `limit` messages of a conversation, NEWEST FIRST, created at or below `below` (all
 * when null): a long conversation is read page by page, its end first.
 */
export function messagesPage(
  conversationId: string,
  below: PageBound | null,
  limit: number,
  db: OmniaDatabase = getDatabase(),
): Promise<ChatMessage[]> {
  const upper = below === null ? Dexie.maxKey : below.createdAt;
  return db.messages
    .where('[conversationId+createdAt]')
    .between(
      [conversationId, Dexie.minKey],
      [conversationId, upper],
      true,
      below?.inclusive ?? true,
    )
    .reverse()
    .limit(limit)
    .toArray();
}

/** Every message of a conversation created at exactly `createdAt`. */
export function messagesCreatedAt(
  conversationId: string,
  createdAt: number,
  db: OmniaDatabase = getDatabase(),
): Promise<ChatMessage[]> {
  return db.messages
    .where('[conversationId+createdAt]')
    .equals([conversationId, createdAt])
    .toArray();
}

/** Messages by id, in the same order (undefined where there is none). */
export function getMessages(
  ids: readonly string[],
  db: OmniaDatabase = getDatabase(),
): Promise<(ChatMessage | undefined)[]> {
  return db.messages.bulkGet([...ids]);
}

/** Every message of every conversation (history search, ratings export). */
export function allMessages(db: OmniaDatabase = getDatabase()): Promise<ChatMessage[]> {
  return db.messages.toArray();
}

/** Calls `onChange` after any write to messages, in this tab or another (search goes stale). */
export function onMessagesChanged(onChange: () => void): () => void {
  const listener = (parts: Record<string, unknown>): void => {
    if (Object.keys(parts).some((key) => key.includes('/messages/'))) onChange();
  };
  Dexie.on('storagemutated', listener);
  return () => Dexie.on('storagemutated').unsubscribe(listener);
}
