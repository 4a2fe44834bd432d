// Why this file exists: long audio is transcribed in overlapping windows (windows.ts), so the
// same words come out twice around every overlap. Stitching keeps one copy: a seam at the
// overlap's midpoint decides which window speaks for which moment, and the words still said by
// both windows at the seam (one window's segment ran past it) are removed from the later one.
import type { TimedText } from '../../models/engines/types';

/** One window's transcription: its place in the audio, and segments relative to its start. */
export interface StitchInput {
  startSeconds: number;
  endSeconds: number;
  /** Relative to the window's start; empty when the window was transcribed without timestamps. */
  segments: TimedText[];
  text: string;
}

/** Zero-length segments (Whisper gives some) are widened to this, so every cue has a duration. */
const MIN_SEGMENT_SECONDS = 0.01;
/** Longest run of words looked at on each side of a seam when removing duplicates. */
const MAX_DUPLICATE_WORDS = 40;
const NOT_WORD = /[^\p{L}\p{N}]/gu;

/** Words with absolute times; a window without timestamps has one piece per word. */
interface Piece {
  start: number;
  end: number;
  words: string[];
}

const splitWords = (text: string): string[] => text.split(/\s+/u).filter((w) => w !== '');

/** A word as compared across the seam: lower case, no punctuation ('' for pure punctuation). */
const wordKey = (word: string): string => word.toLocaleLowerCase().replace(NOT_WORD, '');

/** The window's words in absolute seconds, clamped to the window. */
function absolutePieces(window: StitchInput): Piece[] {
  const duration = Math.max(0, window.endSeconds - window.startSeconds);
  const at = (t: number): number => window.startSeconds + Math.min(Math.max(t, 0), duration);
  if (window.segments.length > 0) {
    return window.segments
      .map((s) => ({
        start: at(s.start),
        end: at(Math.max(s.start, s.end)),
        words: splitWords(s.text),
      }))
      .filter((p) => p.words.length > 0);
  }
  // No timestamps: each word gets an equal share of the window's time.
  const words = splitWords(window.text);
  return words.map((word, i) => ({
    start: at((duration * i) / words.length),
    end: at((duration * (i + 1)) / words.length),
    words: [word],
  }));
}

/** Where window `i + 1` takes over from window `i`: the middle of their overlap. */
function seamBetween(earlier: StitchInput, later: StitchInput, overlapSeconds: number): number {
  const overlapEnd = Math.min(earlier.endSeconds, later.startSeconds + Math.max(0, overlapSeconds));
  return later.startSeconds + Math.max(0, overlapEnd - later.startSeconds) / 2;
}

/** Keys of the last words of `pieces`, oldest first. */
function tailKeys(pieces: readonly Piece[]): string[] {
  const keys: string[] = [];
  for (let p = pieces.length - 1; p >= 0 && keys.length < MAX_DUPLICATE_WORDS; p--) {
    const words = pieces[p]?.words ?? [];
    for (let w = words.length - 1; w >= 0 && keys.length < MAX_DUPLICATE_WORDS; w--) {
      const key = wordKey(words[w] ?? '');
      if (key !== '') keys.unshift(key);
    }
  }
  return keys;
}

/** Keys of the first words of `pieces`. */
function headKeys(pieces: readonly Piece[]): string[] {
  const keys: string[] = [];
  for (const piece of pieces) {
    for (const word of piece.words) {
      const key = wordKey(word);
      if (key !== '') keys.push(key);
      if (keys.length >= MAX_DUPLICATE_WORDS) return keys;
    }
  }
  return keys;
}

/** The longest k ≥ 1 where the last k words of `tail` are the first k of `head`; 0 when none. */
function duplicateLength(tail: readonly string[], head: readonly string[]): number {
  for (let k = Math.min(tail.length, head.length); k >= 1; k--) {
    let same = true;
    for (let i = 0; i < k && same; i++) same = tail[tail.length - k + i] === head[i];
    if (same) return k;
  }
  return 0;
}

/** Removes the first `count` words (punctuation between them too) from `pieces`, in place. */
function dropLeadingWords(pieces: Piece[], count: number): void {
  let remaining = count;
  while (remaining > 0 && pieces.length > 0) {
    const piece = pieces[0];
    if (piece === undefined) break;
    let cut = 0;
    while (cut < piece.words.length && remaining > 0) {
      if (wordKey(piece.words[cut] ?? '') !== '') remaining--;
      cut++;
    }
    if (cut >= piece.words.length) {
      pieces.shift();
      continue;
    }
    // The segment now starts later, by the share of its words removed.
    piece.start += ((piece.end - piece.start) * cut) / piece.words.length;
    piece.words = piece.words.slice(cut);
  }
}

/** Sorted, every segment at least MIN long, none overlapping the next (same start: merged). */
function orderedSegments(pieces: readonly Piece[], audioEnd: number): TimedText[] {
  const sorted = pieces
    .map((p) => ({
      start: p.start,
      end: Math.max(p.end, p.start + MIN_SEGMENT_SECONDS),
      text: p.words.join(' '),
    }))
    .sort((a, b) => a.start - b.start);
  const out: TimedText[] = [];
  for (const segment of sorted) {
    const last = out.at(-1);
    if (last !== undefined && segment.start < last.end) {
      if (segment.start > last.start) last.end = segment.start;
      else {
        last.text += ` ${segment.text}`;
        last.end = Math.max(last.end, segment.end);
        continue;
      }
    }
    out.push(segment);
  }
  const round = (t: number): number => Math.round(t * 1000) / 1000;
  return out.map((s) => {
    const end = s.end > audioEnd && audioEnd > s.start ? audioEnd : s.end;
    return { start: round(s.start), end: round(end), text: s.text };
  });
}

/**
 * One transcript from overlapping windows, in absolute seconds: in each overlap the earlier
 * window keeps its segments starting before the seam (the overlap's midpoint), the later one
 * those starting at or after it; then the longest run of words that ends the text so far and
 * starts the later window's (case and punctuation ignored) is dropped from the later window.
 * Windows without segments are split at the seam by their words' share of the time and give
 * one segment each. Segments come out ordered and not overlapping.
 *
 * @example stitchWindows([{ startSeconds: 0, endSeconds: 30, … }, { startSeconds: 25, … }], 5)
 */
export function stitchWindows(
  windows: readonly StitchInput[],
  overlapSeconds: number,
): TimedText[] {
  const kept: Piece[] = [];
  windows.forEach((window, i) => {
    const before = windows[i - 1];
    const after = windows[i + 1];
    const from = before === undefined ? -Infinity : seamBetween(before, window, overlapSeconds);
    const to = after === undefined ? Infinity : seamBetween(window, after, overlapSeconds);
    const mine = absolutePieces(window).filter((p) => p.start >= from && p.start < to);
    if (i > 0) dropLeadingWords(mine, duplicateLength(tailKeys(kept), headKeys(mine)));
    const first = mine[0];
    const last = mine.at(-1);
    if (window.segments.length === 0 && first !== undefined && last !== undefined) {
      kept.push({ start: first.start, end: last.end, words: mine.flatMap((p) => p.words) });
    } else kept.push(...mine);
  });
  const audioEnd = windows.reduce((end, w) => Math.max(end, w.endSeconds), 0);
  return orderedSegments(kept, audioEnd);
}
