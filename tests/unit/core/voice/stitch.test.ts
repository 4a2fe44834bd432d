// stitchWindows on windows that really overlap: the same words heard by both windows near the
// seam come out once, nothing between the seams is lost, and segments come out ordered, in
// absolute seconds and not overlapping. Windows without timestamps are split by time share.
import { describe, expect, it } from 'vitest';
import { stitchWindows, type StitchInput } from '../../../../src/core/voice/stitch';
import type { TimedText } from '../../../../src/core/voice/types';

/** What a window hears of a script: the segments inside it, times relative to its start. */
function hear(script: readonly TimedText[], start: number, end: number): StitchInput {
  const segments = script
    .filter((s) => s.start >= start && s.start < end)
    .map((s) => ({ start: s.start - start, end: Math.min(s.end, end) - start, text: s.text }));
  return {
    startSeconds: start,
    endSeconds: end,
    segments,
    text: segments.map((s) => s.text).join(''),
  };
}

const textOf = (segments: readonly TimedText[]): string => segments.map((s) => s.text).join(' ');

function expectOrdered(segments: readonly TimedText[]): void {
  segments.forEach((s, i) => {
    expect(s.end).toBeGreaterThan(s.start);
    const next = segments[i + 1];
    if (next) expect(next.start).toBeGreaterThanOrEqual(s.end);
  });
}

describe('stitchWindows', () => {
  it('keeps one copy of words both windows heard across the seam', () => {
    // Window 0 hears "we will meet … office" as one segment (26–29.5 s, past the 27.5 s seam);
    // window 1 splits the same speech in two, and its second half starts after the seam.
    const first: StitchInput = {
      startSeconds: 0,
      endSeconds: 30,
      segments: [
        { start: 0, end: 12, text: ' Good morning everyone.' },
        { start: 12, end: 26, text: ' Here is the plan for the week.' },
        { start: 26, end: 29.5, text: ' We will meet on Friday at noon, in the office.' },
      ],
      text: '',
    };
    const second: StitchInput = {
      startSeconds: 25,
      endSeconds: 55,
      segments: [
        { start: 0, end: 2.5, text: ' we will meet on Friday' },
        { start: 2.6, end: 4.5, text: ' at noon in the office' },
        { start: 4.5, end: 12, text: ' and bring the reports.' },
        { start: 12, end: 30, text: ' Thank you.' },
      ],
      text: '',
    };
    const out = stitchWindows([first, second], 5);
    expect(textOf(out)).toBe(
      'Good morning everyone. Here is the plan for the week. We will meet on Friday at noon, in the office. and bring the reports. Thank you.',
    );
    expect(out.map((s) => [s.start, s.end])).toEqual([
      [0, 12],
      [12, 26],
      [26, 29.5],
      [29.5, 37],
      [37, 55],
    ]);
    expectOrdered(out);
  });

  it('takes a segment across the seam from the earlier window, the rest from the later', () => {
    // A script of 3 s sentences heard by windows 0–30, 25–55, 50–75: each sentence once.
    const script = Array.from({ length: 25 }, (_, i) => ({
      start: i * 3,
      end: i * 3 + 2.8,
      text: ` Sentence ${i} is here.`,
    }));
    const windows = [hear(script, 0, 30), hear(script, 25, 55), hear(script, 50, 75)];
    const out = stitchWindows(windows, 5);
    expect(out.map((s) => s.text)).toEqual(script.map((s) => s.text.trim()));
    expect(out.map((s) => s.start)).toEqual(script.map((s) => s.start));
    expectOrdered(out);
  });

  it('removes a duplicated phrase whatever its case and punctuation, and only that', () => {
    const out = stitchWindows(
      [
        {
          startSeconds: 0,
          endSeconds: 30,
          segments: [{ start: 20, end: 30, text: 'It costs: Forty-two dollars!' }],
          text: '',
        },
        {
          startSeconds: 25,
          endSeconds: 55,
          segments: [{ start: 3, end: 9, text: 'forty two dollars, and tax' }],
          text: '',
        },
      ],
      5,
    );
    // "Forty-two" is one word, "forty two" two: only "dollars" matches the tail exactly.
    expect(textOf(out)).toBe('It costs: Forty-two dollars! forty two dollars, and tax');
    const clean = stitchWindows(
      [
        {
          startSeconds: 0,
          endSeconds: 30,
          segments: [{ start: 20, end: 30, text: 'It costs forty two Dollars!' }],
          text: '',
        },
        {
          startSeconds: 25,
          endSeconds: 55,
          segments: [{ start: 3, end: 9, text: 'FORTY TWO dollars, and tax' }],
          text: '',
        },
      ],
      5,
    );
    expect(textOf(clean)).toBe('It costs forty two Dollars! and tax');
    // The later segment lost 3 of its 5 words: it now starts 3/5 of the way in.
    expect(clean[1]?.start).toBeCloseTo(28 + 0.6 * 6, 6);
  });

  it('splits windows without timestamps at the seam by time share, then drops the repeat', () => {
    // Speech at 2 words/s over 55 s; the second window's text starts 2 words early.
    const words = Array.from({ length: 110 }, (_, i) => `w${i}`);
    const out = stitchWindows(
      [
        { startSeconds: 0, endSeconds: 30, segments: [], text: words.slice(0, 60).join(' ') },
        { startSeconds: 25, endSeconds: 55, segments: [], text: words.slice(48).join(' ') },
      ],
      5,
    );
    expect(textOf(out)).toBe(words.join(' '));
    expect(out).toHaveLength(2);
    expect(out[0]?.start).toBe(0);
    expect(out[1]?.end).toBe(55);
    expectOrdered(out);
  });

  it('clamps overlapping and zero-length segments into order, and to the window', () => {
    const out = stitchWindows(
      [
        {
          startSeconds: 0,
          endSeconds: 10,
          segments: [
            { start: 0, end: 4, text: 'one' },
            { start: 3, end: 6, text: 'two' },
            { start: 6, end: 6, text: 'three' },
            { start: 6, end: 7, text: 'four' },
            { start: 9, end: 14, text: 'five' },
          ],
          text: 'one two three four five',
        },
      ],
      5,
    );
    expect(out).toEqual([
      { start: 0, end: 3, text: 'one' },
      { start: 3, end: 6, text: 'two' },
      { start: 6, end: 7, text: 'three four' },
      { start: 9, end: 10, text: 'five' },
    ]);
  });

  it('gives nothing for silent windows and drops empty segments', () => {
    expect(stitchWindows([], 5)).toEqual([]);
    expect(
      stitchWindows(
        [
          {
            startSeconds: 0,
            endSeconds: 30,
            segments: [{ start: 0, end: 1, text: '  ' }],
            text: '',
          },
          { startSeconds: 25, endSeconds: 40, segments: [], text: '' },
        ],
        5,
      ),
    ).toEqual([]);
  });
});
