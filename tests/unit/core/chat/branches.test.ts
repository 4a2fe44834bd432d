import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../src/storage';
import { buildTree, newestLeafUnder, pathTo, siblingsOf } from '../../../../src/core/chat/branches';

function msg(
  id: string,
  parentId: string | null,
  role: ChatMessage['role'],
  createdAt: number,
): ChatMessage {
  return { id, conversationId: 'c1', parentId, role, content: id, createdAt };
}

const ids = (messages: readonly ChatMessage[]): string[] => messages.map((m) => m.id);

// u1 → a1 → u2 → a2
const LINEAR = [
  msg('u1', null, 'user', 1),
  msg('a1', 'u1', 'assistant', 2),
  msg('u2', 'a1', 'user', 3),
  msg('a2', 'u2', 'assistant', 4),
];

describe('linear chat', () => {
  it('walks root to leaf and has one version per message', () => {
    const tree = buildTree([...LINEAR].reverse());
    expect(ids(pathTo(tree, 'a2'))).toEqual(['u1', 'a1', 'u2', 'a2']);
    expect(ids(pathTo(tree, 'u2'))).toEqual(['u1', 'a1', 'u2']);
    expect(ids(pathTo(tree, undefined))).toEqual(['u1', 'a1', 'u2', 'a2']);
    expect(newestLeafUnder(tree, 'u1')).toBe('a2');
    expect(siblingsOf(tree, 'u2')).toEqual({ index: 0, count: 1, previousId: null, nextId: null });
    expect(ids(tree.children.get(null) ?? [])).toEqual(['u1']);
  });

  it('returns nothing for an empty conversation', () => {
    const tree = buildTree([]);
    expect(pathTo(tree, null)).toEqual([]);
    expect(siblingsOf(tree, 'x')).toEqual({ index: -1, count: 0, previousId: null, nextId: null });
    expect(newestLeafUnder(tree, 'x')).toBe('x');
  });
});

describe('edits and regenerations', () => {
  // u2 edited into u2b (a sibling under a1), answered by a3.
  const EDITED = [...LINEAR, msg('u2b', 'a1', 'user', 5), msg('a3', 'u2b', 'assistant', 6)];

  it('an edit makes a sibling user message and the old branch stays reachable', () => {
    const tree = buildTree(EDITED);
    expect(ids(pathTo(tree, null))).toEqual(['u1', 'a1', 'u2b', 'a3']);
    const info = siblingsOf(tree, 'u2b');
    expect(info).toEqual({ index: 1, count: 2, previousId: 'u2', nextId: null });
    const old = pathTo(tree, newestLeafUnder(tree, info.previousId ?? ''));
    expect(ids(old)).toEqual(['u1', 'a1', 'u2', 'a2']);
    expect(siblingsOf(tree, 'u2')).toEqual({ index: 0, count: 2, previousId: null, nextId: 'u2b' });
  });

  it('regenerations are sibling assistant messages, ordered by time then id', () => {
    const tree = buildTree([
      ...LINEAR,
      msg('a2c', 'u2', 'assistant', 7),
      msg('a2b', 'u2', 'assistant', 7),
    ]);
    expect(siblingsOf(tree, 'a2b')).toEqual({
      index: 1,
      count: 3,
      previousId: 'a2',
      nextId: 'a2c',
    });
    expect(newestLeafUnder(tree, 'u2')).toBe('a2c');
    expect(ids(pathTo(tree, 'a2b')).at(-1)).toBe('a2b');
  });

  it('siblings of another role under the same parent are not counted', () => {
    const tree = buildTree([msg('s', null, 'system', 0), msg('u', null, 'user', 1)]);
    expect(siblingsOf(tree, 'u')).toEqual({ index: 0, count: 1, previousId: null, nextId: null });
  });

  it('follows the newest child at each step', () => {
    // The older branch has the newer leaf deep down; the newest child still wins.
    const tree = buildTree([
      msg('r', null, 'user', 1),
      msg('x', 'r', 'assistant', 2),
      msg('y', 'r', 'assistant', 3),
      msg('x1', 'x', 'user', 10),
    ]);
    expect(newestLeafUnder(tree, 'r')).toBe('y');
    expect(ids(pathTo(tree, undefined))).toEqual(['r', 'x', 'x1']);
  });
});

describe('damaged rows', () => {
  it('an unknown leaf falls back to the newest leaf', () => {
    const tree = buildTree([...LINEAR, msg('a2b', 'u2', 'assistant', 9)]);
    expect(ids(pathTo(tree, 'nope'))).toEqual(['u1', 'a1', 'u2', 'a2b']);
  });

  it('a message whose parent is missing is a root', () => {
    const tree = buildTree([
      msg('u1', null, 'user', 1),
      msg('orphan', 'gone', 'user', 2),
      msg('a', 'orphan', 'assistant', 3),
    ]);
    expect(ids(tree.children.get(null) ?? [])).toEqual(['u1', 'orphan']);
    expect(ids(pathTo(tree, 'a'))).toEqual(['orphan', 'a']);
    expect(siblingsOf(tree, 'orphan')).toMatchObject({ index: 1, count: 2, previousId: 'u1' });
  });

  it('cycles do not hang', () => {
    const tree = buildTree([
      msg('x', 'y', 'user', 1),
      msg('y', 'x', 'assistant', 2),
      msg('self', 'self', 'user', 3),
    ]);
    expect(ids(pathTo(tree, 'x'))).toEqual(['y', 'x']);
    expect(ids(pathTo(tree, 'y'))).toEqual(['x', 'y']);
    expect(newestLeafUnder(tree, 'x')).toBe('y');
    expect(ids(pathTo(tree, 'self'))).toEqual(['self']);
    expect(ids(pathTo(tree, null))).toEqual(['self']);
  });
});

describe('scale', () => {
  it('builds and walks a 10,000-message chain', () => {
    const chain: ChatMessage[] = [];
    for (let i = 0; i < 10_000; i++) {
      chain.push(msg(`m${i}`, i === 0 ? null : `m${i - 1}`, i % 2 === 0 ? 'user' : 'assistant', i));
    }
    const started = performance.now();
    const tree = buildTree(chain.reverse());
    const path = pathTo(tree, null);
    expect(path).toHaveLength(10_000);
    expect(path[0]?.id).toBe('m0');
    expect(path.at(-1)?.id).toBe('m9999');
    expect(newestLeafUnder(tree, 'm0')).toBe('m9999');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
