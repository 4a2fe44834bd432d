// Which rows a write changed, read from Dexie's own 'storagemutated' bookkeeping: single keys
// per table, null when Dexie only knows a range, and plain objects (as another tab sends them).
import 'fake-indexeddb/auto';
import { RangeSet } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { createConversation, deleteConversation } from '../../../src/storage/conversations-repo';
import { addMessage, updateMessage } from '../../../src/storage/messages-repo';
import { deleteAllData } from '../../../src/storage/portability';
import { changedRows, onRowsChanged, type RowChanges } from '../../../src/storage/row-changes';
import type { ChatMessage } from '../../../src/storage/types';

const message = (id: string, createdAt: number): ChatMessage => ({
  id,
  conversationId: 'c1',
  parentId: null,
  role: 'user',
  content: id,
  createdAt,
});

/** Runs `write` and returns what the listener heard (storagemutated fires on commit). */
async function heard(write: () => Promise<unknown>): Promise<RowChanges[]> {
  const seen: RowChanges[] = [];
  const stop = onRowsChanged(['messages', 'conversations'], (changes) => seen.push(changes));
  try {
    await write();
    await new Promise((resolve) => setTimeout(resolve, 10));
  } finally {
    stop();
  }
  return seen;
}

beforeEach(async () => {
  await deleteAllData();
  await createConversation({ id: 'c1', title: 'First', now: 100 });
});

describe('changedRows', () => {
  it('lists single keys per table and ignores index parts and other tables', () => {
    const parts = {
      'idb://omnia/messages/': new RangeSet().addKeys(['b', 'a']),
      'idb://omnia/messages/conversationId': new RangeSet().addKey('c1'),
      'idb://omnia/documents/': new RangeSet().addKey('d'),
    };
    const changes = changedRows(parts, ['messages', 'conversations']);
    expect([...(changes['messages'] ?? [])].sort()).toEqual(['a', 'b']);
    expect(Object.keys(changes)).toEqual(['messages']);
  });

  it('gives null for a range, and reads trees that crossed a tab as plain objects', () => {
    const range = { 'idb://omnia/messages/': new RangeSet('a', 'z') };
    expect(changedRows(range, ['messages'])).toEqual({ messages: null });
    const plain = JSON.parse(
      JSON.stringify({ 'idb://omnia/conversations/': new RangeSet().addKeys(['x', 'y', 'z']) }),
    ) as typeof range;
    expect([...(changedRows(plain, ['conversations'])['conversations'] ?? [])].sort()).toEqual([
      'x',
      'y',
      'z',
    ]);
  });
});

describe('onRowsChanged', () => {
  it('hears the message and the conversation a new message changes, by key', async () => {
    const seen = await heard(() => addMessage(message('m1', 150)));
    expect(seen).toEqual([{ messages: ['m1'], conversations: ['c1'] }]);
    const update = await heard(() => updateMessage('m1', { content: 'edited' }));
    expect(update).toEqual([{ messages: ['m1'] }]);
  });

  it('hears a deleted conversation and its messages, by key', async () => {
    await addMessage(message('m1', 150));
    const seen = await heard(() => deleteConversation('c1'));
    expect(seen).toEqual([{ messages: ['m1'], conversations: ['c1'] }]);
  });
});
