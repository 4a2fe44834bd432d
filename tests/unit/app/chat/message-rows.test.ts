// The message list keeps its place from the end (virtua's `shift`) exactly when older rows
// arrive above the ones on screen.
import { describe, expect, it } from 'vitest';
import { isPrepend, type Row } from '../../../../src/app/components/chat/message-rows';

const row = (id: string): Row => ({
  kind: 'message',
  message: {
    id,
    conversationId: 'c',
    parentId: null,
    role: 'user',
    content: id,
    createdAt: 0,
  },
});
const rows = (...ids: string[]): Row[] =>
  ids.map((id) => (id === '…' ? { kind: 'pending' } : row(id)));

describe('isPrepend', () => {
  it('is true when rows were added only before the old ones (or the list was empty)', () => {
    expect(isPrepend(rows('c', 'd'), rows('a', 'b', 'c', 'd'))).toBe(true);
    expect(isPrepend([], rows('a', 'b'))).toBe(true);
  });

  it('is false for appends, the pending row, replacements and shrinking', () => {
    expect(isPrepend(rows('a', 'b'), rows('a', 'b', 'c'))).toBe(false);
    expect(isPrepend(rows('a', 'b'), rows('a', 'b', '…'))).toBe(false);
    expect(isPrepend(rows('a', 'b'), rows('x', 'a', 'c'))).toBe(false);
    expect(isPrepend(rows('a', 'b'), rows('b'))).toBe(false);
    expect(isPrepend(rows('a'), rows('a'))).toBe(false);
    expect(isPrepend([], [])).toBe(false);
  });
});
