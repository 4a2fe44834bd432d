// The history search index stays warm: after it is built, a write to messages (a new turn, a
// streamed answer saved again, a deleted conversation) is re-read row by row and applied in
// place, so the next search needs no rebuild and sees the change.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { WarmHistoryIndex } from '../../../../src/app/state/chat-search-index';
import { createConversation, deleteConversation } from '../../../../src/storage/conversations-repo';
import { addMessage, updateMessage } from '../../../../src/storage/messages-repo';
import { deleteAllData } from '../../../../src/storage/portability';
import type { ChatMessage } from '../../../../src/storage/types';

const message = (id: string, content: string, createdAt: number): ChatMessage => ({
  id,
  conversationId: 'c1',
  parentId: null,
  role: 'user',
  content,
  createdAt,
});

/** Resolves once the index can answer at once again (it catches up in the background). */
async function warmed(index: WarmHistoryIndex): Promise<void> {
  for (let i = 0; i < 100 && !index.warm; i++) await new Promise((r) => setTimeout(r, 5));
}

beforeEach(async () => {
  await deleteAllData();
  await createConversation({ id: 'c1', title: 'First', now: 100 });
});

describe('WarmHistoryIndex', () => {
  it('is cold until built, then answers at once', async () => {
    await addMessage(message('a', 'the turbine report', 101));
    const index = new WarmHistoryIndex();
    expect(index.warm).toBeNull();
    const built = await index.ready();
    expect(index.warm).toBe(built);
    expect(built.search('turbine').map((h) => h.messageId)).toEqual(['a']);
    expect(index.lastBuildMs).not.toBeNull();
  });

  it('follows new, edited and deleted messages without building again', async () => {
    await addMessage(message('a', 'the turbine report', 101));
    const index = new WarmHistoryIndex();
    const built = await index.ready();
    const firstBuild = index.lastBuildMs;

    await addMessage(message('b', 'a new orchid', 102));
    await warmed(index);
    expect(index.warm).toBe(built);
    expect(built.search('orchid').map((h) => h.messageId)).toEqual(['b']);

    await updateMessage('a', { content: 'the violin lesson' });
    await warmed(index);
    expect(built.search('turbine')).toEqual([]);
    expect(built.search('violin').map((h) => h.messageId)).toEqual(['a']);

    await deleteConversation('c1');
    await warmed(index);
    expect(built.search('violin')).toEqual([]);
    expect(built.size).toBe(0);
    expect(await index.ready()).toBe(built);
    expect(index.lastBuildMs).toBe(firstBuild);
  });

  it('a search right after a write waits for the row, not for a rebuild', async () => {
    const index = new WarmHistoryIndex();
    const built = await index.ready();
    await addMessage(message('c', 'sourdough bread', 103));
    const ready = await index.ready();
    expect(ready).toBe(built);
    expect(ready.search('sourdough').map((h) => h.messageId)).toEqual(['c']);
  });
});
