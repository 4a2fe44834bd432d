// The demo space is a database of its own: a tab in demo reads and writes 'omnia-demo' while
// model installs stay in the person's 'omnia'; a worker learns the space from its name;
// deleting the demo space leaves the person's database exactly as it was; and a shared
// conversation is imported whole, in one transaction, never over an existing row.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { addConversationWithMessages } from '../../../src/storage/conversation-import-repo';
import { openDatabase } from '../../../src/storage/db';
import { createInstallStore } from '../../../src/storage/model-installs-repo';
import {
  currentSpace,
  resetSpaceForTests,
  SPACE_DATABASES,
  workerNameInSpace,
} from '../../../src/storage/space';
import { deleteDemoSpace } from '../../../src/storage/spaces-repo';
import type { ChatMessage, Conversation } from '../../../src/storage/types';

const conversation = (id: string): Conversation => ({
  id,
  title: 'T',
  createdAt: 1,
  updatedAt: 1,
  pinned: false,
  archived: false,
  collectionIds: [],
});
const message = (id: string, conversationId: string): ChatMessage => ({
  id,
  conversationId,
  parentId: null,
  role: 'user',
  content: 'x',
  createdAt: 1,
});

afterEach(() => {
  resetSpaceForTests(undefined);
  delete (globalThis as { name?: string }).name;
});

describe('spaces', () => {
  it('reads a worker’s space from its name', () => {
    (globalThis as { name?: string }).name = 'omnia-library@space:demo';
    expect(currentSpace()).toBe('demo');
    resetSpaceForTests(undefined);
    (globalThis as { name?: string }).name = 'omnia-library';
    expect(currentSpace()).toBe('personal');
    expect(workerNameInSpace('omnia-library')).toBe('omnia-library');
    resetSpaceForTests('demo');
    expect(workerNameInSpace('omnia-library')).toBe('omnia-library@space:demo');
  });

  it('keeps model installs in the person’s database in a demo tab, and deleting the demo leaves it alone', async () => {
    const personal = openDatabase(SPACE_DATABASES.personal);
    await personal.conversations.add(conversation('mine'));
    resetSpaceForTests('demo');
    const demo = openDatabase(SPACE_DATABASES.demo);
    await addConversationWithMessages(conversation('demo-c'), [message('demo-m', 'demo-c')], demo);
    await createInstallStore(personal).put({ modelId: 'm', updatedAt: 1 } as never);
    demo.close();
    expect(await deleteDemoSpace()).toBe(true);
    expect(await Dexie.exists(SPACE_DATABASES.demo)).toBe(false);
    expect((await personal.conversations.toArray()).map((c) => c.id)).toEqual(['mine']);
    expect(await personal.modelInstalls.count()).toBe(1);
    personal.close();
  });

  it('imports a conversation whole or not at all', async () => {
    const db = openDatabase('omnia-import-test');
    await addConversationWithMessages(
      conversation('c1'),
      [message('m1', 'c1'), message('m2', 'c1')],
      db,
    );
    expect(await db.messages.count()).toBe(2);
    // A clashing id fails the whole import: no conversation row is left behind.
    await expect(
      addConversationWithMessages(conversation('c2'), [message('m1', 'c2')], db),
    ).rejects.toThrow();
    expect(await db.conversations.get('c2')).toBeUndefined();
    db.close();
  });
});
