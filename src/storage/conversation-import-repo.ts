// Adds a whole conversation at once (a shared one being imported): the conversation and all its
// messages in one transaction, so a failure leaves nothing half-imported. Ids are new (the caller
// makes them), so nothing already stored can be overwritten: `add`, never `put`.
import { getDatabase, type OmniaDatabase } from './db';
import { toStorageWriteError } from './errors';
import type { ChatMessage, Conversation } from './types';

export async function addConversationWithMessages(
  conversation: Conversation,
  messages: readonly ChatMessage[],
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  try {
    await db.transaction('rw', db.conversations, db.messages, async () => {
      await db.conversations.add(conversation);
      await db.messages.bulkAdd([...messages]);
    });
  } catch (error) {
    throw toStorageWriteError(error, 'importing the conversation');
  }
}
