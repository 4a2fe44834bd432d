// Timestamps are built with new Date(y, m, d, h) so the expectations hold in any time zone.
import { describe, expect, it } from 'vitest';
import { groupByDate } from '../../../../src/core/chat/date-groups';

interface Item {
  id: string;
  updatedAt: number;
  pinned: boolean;
  archived: boolean;
}

const at = (y: number, m: number, d: number, h = 12, min = 0): number =>
  new Date(y, m, d, h, min).getTime();

function item(id: string, updatedAt: number, extra: Partial<Item> = {}): Item {
  return { id, updatedAt, pinned: false, archived: false, ...extra };
}

function shape(groups: { key: string; items: Item[] }[]): Record<string, string[]> {
  return Object.fromEntries(groups.map((g) => [g.key, g.items.map((i) => i.id)]));
}

describe('groupByDate', () => {
  // Just after midnight on Sunday 15 March 2026.
  const now = at(2026, 2, 15, 0, 30);

  it('splits at local midnights, newest first', () => {
    const groups = groupByDate(
      [
        item('old-month', at(2025, 11, 31, 23, 59)),
        item('today-start', at(2026, 2, 15, 0, 0)),
        item('yesterday-end', at(2026, 2, 14, 23, 59)),
        item('yesterday-start', at(2026, 2, 14, 0, 0)),
        item('two-days', at(2026, 2, 13, 23, 59)),
        item('seven-days', at(2026, 2, 8, 0, 0)),
        item('eight-days', at(2026, 2, 7, 23, 59)),
        item('thirty-days', at(2026, 1, 13, 0, 0)),
        item('feb', at(2026, 1, 12, 23, 59)),
        item('jan', at(2026, 0, 2)),
        item('future', at(2026, 2, 16)),
      ],
      now,
    );
    expect(groups.map((g) => g.key)).toEqual([
      'today',
      'yesterday',
      'previous7',
      'previous30',
      'month:2026-02',
      'month:2026-01',
      'month:2025-12',
    ]);
    expect(shape(groups)).toEqual({
      today: ['future', 'today-start'],
      yesterday: ['yesterday-end', 'yesterday-start'],
      previous7: ['two-days', 'seven-days'],
      previous30: ['eight-days', 'thirty-days'],
      'month:2026-02': ['feb'],
      'month:2026-01': ['jan'],
      'month:2025-12': ['old-month'],
    });
  });

  it('puts every pinned conversation first, whatever its date', () => {
    const groups = groupByDate(
      [
        item('recent', at(2026, 2, 15, 0, 10)),
        item('old-pin', at(2024, 5, 1), { pinned: true }),
        item('new-pin', at(2026, 2, 14), { pinned: true }),
      ],
      now,
    );
    expect(shape(groups)).toEqual({ pinned: ['new-pin', 'old-pin'], today: ['recent'] });
    expect(groups[0]?.key).toBe('pinned');
  });

  it('leaves archived conversations out unless asked', () => {
    const items = [
      item('kept', at(2026, 2, 15, 0, 1)),
      item('archived', at(2026, 2, 15, 0, 2), { archived: true }),
      item('archived-pin', at(2026, 2, 1), { archived: true, pinned: true }),
    ];
    expect(shape(groupByDate(items, now))).toEqual({ today: ['kept'] });
    expect(shape(groupByDate(items, now, { includeArchived: true }))).toEqual({
      pinned: ['archived-pin'],
      today: ['archived', 'kept'],
    });
  });

  it('handles a month change: on 1 April, 31 March is yesterday', () => {
    const april = at(2026, 3, 1, 0, 5);
    const groups = groupByDate(
      [
        item('mar31', at(2026, 2, 31, 23, 0)),
        item('mar25', at(2026, 2, 25, 0, 0)),
        item('mar24', at(2026, 2, 24, 23, 59)),
        item('mar2', at(2026, 2, 2, 0, 0)),
        item('mar1', at(2026, 2, 1, 23, 59)),
        item('apr1', at(2026, 3, 1, 0, 0)),
      ],
      april,
    );
    expect(shape(groups)).toEqual({
      today: ['apr1'],
      yesterday: ['mar31'],
      previous7: ['mar25'],
      previous30: ['mar24', 'mar2'],
      'month:2026-03': ['mar1'],
    });
  });

  it('crosses a year: on 1 January, December is the previous 30 days and November a month', () => {
    const groups = groupByDate(
      [
        item('dec31', at(2025, 11, 31, 22)),
        item('dec2', at(2025, 11, 2)),
        item('nov', at(2025, 10, 20)),
      ],
      at(2026, 0, 1, 9),
    );
    expect(shape(groups)).toEqual({
      yesterday: ['dec31'],
      previous30: ['dec2'],
      'month:2025-11': ['nov'],
    });
  });

  it('returns no groups for no conversations', () => {
    expect(groupByDate([], now)).toEqual([]);
  });
});
