// Reading a long conversation in pages (newest first, overlapping at boundary times) and
// merging the rows a write changed, against an in-memory reader that pages like IndexedDB.
import { describe, expect, it } from 'vitest';
import { readBranchPreview } from '../../../../src/core/chat/branch-preview';
import {
  compareStored,
  readAllMessages,
  withChanges,
  type MessageReader,
} from '../../../../src/core/chat/message-pages';
import type { ChatMessage, Conversation } from '../../../../src/storage';

function msg(id: string, createdAt: number, parentId: string | null = null): ChatMessage {
  return { id, conversationId: 'c', parentId, role: 'user', content: id, createdAt };
}

/** Pages like the [conversationId+createdAt] index (ties by id); counts its reads. */
function memoryReader(rows: ChatMessage[], conversation?: Conversation) {
  const sorted = [...rows].sort(compareStored);
  const reads = { pages: 0, singles: 0 };
  const reader: MessageReader = {
    conversation: () => Promise.resolve(conversation),
    page: (id, below, limit) => {
      reads.pages++;
      const fit = sorted.filter(
        (m) =>
          m.conversationId === id &&
          (below === null ||
            m.createdAt < below.createdAt ||
            (below.inclusive && m.createdAt === below.createdAt)),
      );
      return Promise.resolve(fit.reverse().slice(0, limit));
    },
    createdAt: (id, at) =>
      Promise.resolve(sorted.filter((m) => m.conversationId === id && m.createdAt === at)),
    messages: (ids) => {
      reads.singles += ids.length;
      return Promise.resolve(ids.map((id) => sorted.find((m) => m.id === id)));
    },
  };
  return { reader, reads };
}

const ids = (rows: readonly ChatMessage[]): string[] => rows.map((m) => m.id);

describe('readAllMessages', () => {
  it('reads every message oldest first, a page at a time, pausing between pages', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => msg(`m${i}`, i * 10));
    const { reader, reads } = memoryReader(rows);
    let pauses = 0;
    const all = await readAllMessages(reader, 'c', {
      pageSize: 10,
      pause: () => {
        pauses++;
        return Promise.resolve();
      },
    });
    expect(ids(all)).toEqual(ids(rows));
    expect(reads.pages).toBe(3);
    expect(pauses).toBe(2);
  });

  it('skips nothing when messages share a millisecond across a page boundary', async () => {
    const rows = [msg('a', 1), msg('b', 2), msg('c', 2), msg('d', 2), msg('e', 3), msg('f', 4)];
    const { reader } = memoryReader([...rows, { ...msg('x', 2), conversationId: 'other' }]);
    expect(ids(await readAllMessages(reader, 'c', { pageSize: 2 }))).toEqual(ids(rows));
  });

  it('moves on when a whole page was written in one millisecond', async () => {
    const rows = [
      msg('a', 1),
      ...Array.from({ length: 7 }, (_, i) => msg(`s${i}`, 5)),
      msg('z', 9),
    ];
    const { reader } = memoryReader(rows);
    const all = await readAllMessages(reader, 'c', { pageSize: 3 });
    expect(ids(all)).toEqual(ids([...rows].sort(compareStored)));
  });

  it('reads an empty conversation', async () => {
    expect(await readAllMessages(memoryReader([]).reader, 'c')).toEqual([]);
  });
});

describe('withChanges', () => {
  const base = [msg('a', 1), msg('b', 2, 'a'), msg('c', 3, 'b')];

  it('replaces updated rows, drops deleted ones and appends new ones in order', () => {
    const next = withChanges(base, 'c', [
      ['b', { ...base[1]!, content: 'edited' }],
      ['c', undefined],
      ['d', msg('d', 4, 'b')],
    ]);
    expect(ids(next)).toEqual(['a', 'b', 'd']);
    expect(next[1]!.content).toBe('edited');
  });

  it('keeps storage order when a changed row belongs earlier', () => {
    const next = withChanges(base, 'c', [['early', msg('early', 0)]]);
    expect(ids(next)).toEqual(['early', 'a', 'b', 'c']);
  });

  it('returns the same array when nothing of this conversation changed', () => {
    const other = { ...msg('z', 9), conversationId: 'other' };
    expect(withChanges(base, 'c', [['z', other]])).toBe(base);
    expect(withChanges(base, 'c', [['gone', undefined]])).toBe(base);
  });
});

describe('readBranchPreview', () => {
  const conversation = (leafId?: string): Conversation => ({
    id: 'c',
    title: 'c',
    createdAt: 0,
    updatedAt: 0,
    pinned: false,
    archived: false,
    collectionIds: [],
    ...(leafId ? { leafId } : {}),
  });
  const line = Array.from({ length: 100 }, (_, i) => msg(`m${i}`, i, i ? `m${i - 1}` : null));

  it('a short conversation comes whole, with its path', async () => {
    const rows = line.slice(0, 5);
    const preview = await readBranchPreview(memoryReader(rows, conversation('m4')).reader, 'c', 10);
    expect(ids(preview.all ?? [])).toEqual(ids(rows));
    expect(ids(preview.path)).toEqual(ids(rows));
  });

  it('a long one gives the end of its branch from one ranged read', async () => {
    const { reader, reads } = memoryReader(line, conversation('m99'));
    const preview = await readBranchPreview(reader, 'c', 10);
    expect(preview.all).toBeNull();
    expect(ids(preview.path)).toEqual(ids(line.slice(90)));
    expect(reads).toEqual({ pages: 1, singles: 0 });
  });

  it('walks an old branch up from its leaf, one read per message, at most `size`', async () => {
    const edit = msg('edit', 10.5, 'm9');
    const { reader, reads } = memoryReader([...line, edit], conversation('edit'));
    const preview = await readBranchPreview(reader, 'c', 4);
    expect(ids(preview.path)).toEqual(['m7', 'm8', 'm9', 'edit']);
    expect(reads.singles).toBe(4);
  });

  it('without a stored leaf, ends at the newest leaf; damaged parents end the walk', async () => {
    const cycle = [msg('x', 1, 'y'), msg('y', 2, 'x'), msg('z', 3, 'y')];
    const preview = await readBranchPreview(memoryReader(cycle, conversation()).reader, 'c', 3);
    expect(ids(preview.path)).toEqual(['x', 'y', 'z']);
    const orphan = [msg('p', 1, 'missing'), msg('q', 2, 'p'), msg('r', 3, 'q')];
    const cut = await readBranchPreview(memoryReader(orphan, conversation('r')).reader, 'c', 3);
    expect(ids(cut.path)).toEqual(['p', 'q', 'r']);
  });

  it('an unknown conversation has no path', async () => {
    const preview = await readBranchPreview(memoryReader(line).reader, 'c', 10);
    expect(preview).toEqual({ conversation: undefined, path: [], all: [] });
  });
});
