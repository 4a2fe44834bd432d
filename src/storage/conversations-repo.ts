// Conversations: the chat list and each thread's settings. Writes change only the fields
// they name (Dexie `update`, not `put`), so two tabs editing the same conversation (one
// renames, the other sends) never overwrite each other's changes.
import Dexie, { liveQuery } from 'dexie';
import { getDatabase, type OmniaDatabase } from './db';
import { toStorageWriteError } from './errors';
import type { ChatMessage, Conversation } from './types';

export type ConversationPatch = Partial<
  Pick<
    Conversation,
    | 'title'
    | 'titleSource'
    | 'pinned'
    | 'archived'
    | 'personaId'
    | 'modelId'
    | 'params'
    | 'leafId'
    | 'collectionIds'
    | 'libraryScope'
  >
>;

export interface NewConversation {
  id: string;
  title: string;
  now: number;
  personaId?: string;
  modelId?: string;
  params?: Conversation['params'];
  libraryScope?: Conversation['libraryScope'];
  collectionIds?: string[];
}

export async function createConversation(
  init: NewConversation,
  db: OmniaDatabase = getDatabase(),
): Promise<Conversation> {
  const conversation: Conversation = {
    id: init.id,
    title: init.title,
    createdAt: init.now,
    updatedAt: init.now,
    pinned: false,
    archived: false,
    collectionIds: init.collectionIds ?? [],
    ...(init.libraryScope !== undefined ? { libraryScope: init.libraryScope } : {}),
    ...(init.personaId !== undefined ? { personaId: init.personaId } : {}),
    ...(init.modelId !== undefined ? { modelId: init.modelId } : {}),
    ...(init.params !== undefined ? { params: init.params } : {}),
  };
  try {
    await db.conversations.add(conversation);
  } catch (error) {
    throw toStorageWriteError(error, 'creating the conversation');
  }
  return conversation;
}

/** Changes only the given fields; `updatedAt` is left alone (renaming does not reorder). */
export async function updateConversation(
  id: string,
  patch: ConversationPatch,
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  try {
    await db.conversations.update(id, patch);
  } catch (error) {
    throw toStorageWriteError(error, 'saving the conversation');
  }
}

/** Deletes the conversation and every message in it, together or not at all. */
export async function deleteConversation(
  id: string,
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  try {
    await db.transaction('rw', db.conversations, db.messages, async () => {
      await db.messages.where('conversationId').equals(id).delete();
      await db.conversations.delete(id);
    });
  } catch (error) {
    throw toStorageWriteError(error, 'deleting the conversation');
  }
}

export function getConversation(
  id: string,
  db: OmniaDatabase = getDatabase(),
): Promise<Conversation | undefined> {
  return db.conversations.get(id);
}

/** Every conversation, newest activity first, now and after every change in any tab. */
export function watchConversations(
  onChange: (conversations: Conversation[]) => void,
  db: OmniaDatabase = getDatabase(),
): () => void {
  const subscription = liveQuery(() =>
    db.conversations.orderBy('updatedAt').reverse().toArray(),
  ).subscribe({
    next: onChange,
    error: (error: unknown) => console.warn('Omnia: could not read conversations', error),
  });
  return () => subscription.unsubscribe();
}

export interface ConversationSnapshot {
  conversation: Conversation | undefined;
  messages: ChatMessage[];
}

/**
 * One conversation and all its messages (oldest first), now and after every change from
 * this tab or another: a message another tab adds shows up here without a reload.
 */
export function watchConversation(
  id: string,
  onChange: (snapshot: ConversationSnapshot) => void,
  db: OmniaDatabase = getDatabase(),
): () => void {
  const subscription = liveQuery(async () => ({
    conversation: await db.conversations.get(id),
    messages: await db.messages
      .where('[conversationId+createdAt]')
      .between([id, Dexie.minKey], [id, Dexie.maxKey])
      .toArray(),
  })).subscribe({
    next: onChange,
    error: (error: unknown) => console.warn('Omnia: could not read the conversation', error),
  });
  return () => subscription.unsubscribe();
}
