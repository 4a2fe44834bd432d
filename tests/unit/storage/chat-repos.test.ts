// Conversations and messages in IndexedDB: partial updates that never clobber another tab's
// write, message adds that move the conversation, and deletes that take every message along.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createConversation,
  deleteConversation,
  getConversation,
  updateConversation,
  watchConversation,
  type ConversationSnapshot,
} from '../../../src/storage/conversations-repo';
import { getDatabase, openDatabase } from '../../../src/storage/db';
import { StorageWriteError } from '../../../src/storage/errors';
import {
  addMessage,
  allMessages,
  clearRating,
  listMessages,
  updateMessage,
} from '../../../src/storage/messages-repo';
import { deleteAllData } from '../../../src/storage/portability';
import type { ChatMessage } from '../../../src/storage/types';

function message(id: string, createdAt: number, parentId: string | null = null): ChatMessage {
  return { id, conversationId: 'c1', parentId, role: 'user', content: `text ${id}`, createdAt };
}

beforeEach(async () => {
  await deleteAllData();
  await createConversation({ id: 'c1', title: 'First', now: 100 });
});

describe('conversations', () => {
  it('creates with defaults and updates only the named fields', async () => {
    await updateConversation('c1', { pinned: true });
    await updateConversation('c1', { title: 'Renamed', titleSource: 'user' });
    const c = await getConversation('c1');
    expect(c).toMatchObject({ title: 'Renamed', pinned: true, archived: false, updatedAt: 100 });
    expect(c?.collectionIds).toEqual([]);
  });

  it('deleting a conversation deletes its messages and nothing else', async () => {
    await createConversation({ id: 'c2', title: 'Other', now: 100 });
    await addMessage(message('a', 101));
    await addMessage({ ...message('b', 102), conversationId: 'c2' });
    await deleteConversation('c1');
    expect(await getConversation('c1')).toBeUndefined();
    expect((await allMessages()).map((m) => m.id)).toEqual(['b']);
  });
});

describe('messages', () => {
  it('adding a message moves the conversation to it (updatedAt and leafId)', async () => {
    await addMessage(message('a', 150));
    await addMessage(message('b', 160, 'a'));
    expect(await getConversation('c1')).toMatchObject({ updatedAt: 160, leafId: 'b' });
    expect((await listMessages('c1')).map((m) => m.id)).toEqual(['a', 'b']);
  });

  it('a message for a conversation deleted meanwhile fails clearly and stores nothing', async () => {
    const error: unknown = await addMessage({ ...message('x', 1), conversationId: 'gone' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StorageWriteError);
    expect(error).toMatchObject({ kind: 'not-found' });
    expect((error as Error).message).toMatch(/no longer exists/);
    expect(await listMessages('gone')).toEqual([]);
  });

  it('two connections (two tabs) adding to one conversation at once keep every message', async () => {
    const other = openDatabase(getDatabase().name);
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => addMessage(message(`tab1-${i}`, 200 + i))),
      ...Array.from({ length: 20 }, (_, i) => addMessage(message(`tab2-${i}`, 200 + i), other)),
    ]);
    other.close();
    expect((await listMessages('c1')).length).toBe(40);
  });

  it('updates change only the named fields; a rating can be cleared', async () => {
    await addMessage({ ...message('a', 150), role: 'assistant', content: 'partial' });
    await updateMessage('a', { rating: { stars: 4, comment: 'good' } });
    await updateMessage('a', { content: 'partial and more' });
    expect((await listMessages('c1'))[0]).toMatchObject({
      content: 'partial and more',
      rating: { stars: 4, comment: 'good' },
    });
    await clearRating('a');
    expect((await listMessages('c1'))[0]?.rating).toBeUndefined();
  });

  it('watchConversation reports writes made through another connection', async () => {
    const seen: ConversationSnapshot[] = [];
    const stop = watchConversation('c1', (s) => seen.push(s));
    const other = openDatabase(getDatabase().name);
    await addMessage(message('from-other-tab', 300), other);
    await expect.poll(() => seen.at(-1)?.messages.map((m) => m.id)).toEqual(['from-other-tab']);
    stop();
    other.close();
  });
});
