// Range and validator parsing, checked without a server.
import { describe, expect, it } from 'vitest';
import { parseRange } from '../../../src/relay/byte-range.ts';
import { entityTag, isNotModified, rangeStillValid } from '../../../src/relay/conditional.ts';

describe('parseRange', () => {
  it.each([
    [undefined, { kind: 'whole' }],
    ['bytes=0-499', { kind: 'partial', start: 0, end: 499 }],
    ['BYTES = 10-', { kind: 'partial', start: 10, end: 999 }],
    ['bytes=-500', { kind: 'partial', start: 500, end: 999 }],
    ['bytes=900-99999999999999999999', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=0-1,2-3', { kind: 'whole' }],
    ['bytes=0-1,', { kind: 'partial', start: 0, end: 1 }],
    ['bytes=1-x', { kind: 'whole' }],
    ['pages=1-2', { kind: 'whole' }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=5-4', { kind: 'unsatisfiable' }],
  ])('%j of 1000 bytes → %j', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});

describe('validators', () => {
  const stats = { size: 500, mtimeMs: 1_700_000_000_123.456 };

  it('makes a strong tag that changes with size and time', () => {
    const tag = entityTag(stats);
    expect(tag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(entityTag({ ...stats, size: 501 })).not.toBe(tag);
    expect(entityTag({ ...stats, mtimeMs: stats.mtimeMs + 0.001 })).not.toBe(tag);
  });

  it('lets If-None-Match win over If-Modified-Since', () => {
    const tag = entityTag(stats);
    const future = 'Mon, 01 Jan 2100 00:00:00 GMT';
    expect(isNotModified({ 'if-none-match': '"x"', 'if-modified-since': future }, tag, stats)).toBe(
      false,
    );
    expect(isNotModified({ 'if-modified-since': future }, tag, stats)).toBe(true);
    expect(isNotModified({ 'if-modified-since': 'not a date' }, tag, stats)).toBe(false);
  });

  it('refuses a weak or repeated If-Range', () => {
    const tag = entityTag(stats);
    expect(rangeStillValid({}, tag, stats)).toBe(true);
    expect(rangeStillValid({ 'if-range': tag }, tag, stats)).toBe(true);
    expect(rangeStillValid({ 'if-range': `W/${tag}` }, tag, stats)).toBe(false);
  });
});
