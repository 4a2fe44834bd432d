/**
 * Reads what Whisper generated: its ids mix text tokens, special tokens and timestamp tokens
 * (`<|0.00|>` … `<|30.00|>`, right after `<|notimestamps|>`). Segments are the text between a
 * pair of timestamps, in seconds from the window's start. Kept apart from the adapter so the
 * grouping rules are plain and testable.
 */
import type { TimedText } from '../types';

/** Where the timestamp tokens start and how far apart they are. */
export interface TimestampTokens {
  /** Id of `<|0.00|>` (the id after `<|notimestamps|>`). */
  begin: number;
  /** Seconds per timestamp step (0.02 for Whisper: 30 s over 1500 encoder positions). */
  precision: number;
}

/** Ids Whisper wrote, grouped: segments of text ids between timestamp pairs, and all text ids. */
export interface GroupedIds {
  segments: { start: number; end: number; ids: number[] }[];
  textIds: number[];
}

/** Rounds to 0.01 s so 0.02-step times print as Whisper prints them (7.98, not 7.9799999). */
const toSeconds = (steps: number, precision: number): number =>
  Math.round(steps * precision * 100) / 100;

/**
 * Groups generated ids into timed segments. A segment left open at the end (Whisper's last
 * timestamp before `<|endoftext|>` with text after it) closes at `endOfAudio`.
 * `isText(id)` tells text tokens from specials (`<|endoftext|>`, language and task tokens).
 */
export function groupTimestamped(
  ids: readonly number[],
  timestamps: TimestampTokens,
  isText: (id: number) => boolean,
  endOfAudio: number,
): GroupedIds {
  const segments: GroupedIds['segments'] = [];
  const textIds: number[] = [];
  let start: number | null = null;
  let current: number[] = [];
  for (const id of ids) {
    if (id >= timestamps.begin) {
      const time = toSeconds(id - timestamps.begin, timestamps.precision);
      if (start === null) {
        start = time;
      } else {
        segments.push({ start, end: Math.max(start, time), ids: current });
        start = null;
        current = [];
      }
    } else if (isText(id)) {
      current.push(id);
      textIds.push(id);
    }
  }
  if (current.length > 0) {
    const from = start ?? segments.at(-1)?.end ?? 0;
    segments.push({ start: from, end: Math.max(from, endOfAudio), ids: current });
  }
  return { segments, textIds };
}

/** Decoded segments without the empty ones (a timestamp pair with no words between). */
export function decodeSegments(
  grouped: GroupedIds,
  decode: (ids: number[]) => string,
): TimedText[] {
  return grouped.segments
    .map((s) => ({ start: s.start, end: s.end, text: decode(s.ids).trim() }))
    .filter((s) => s.text !== '');
}

/** `<|en|>` → 'en'; null for anything that is not a language token. */
export function languageOfToken(token: string): string | null {
  const match = /^<\|([a-z]{2,3})\|>$/.exec(token);
  return match?.[1] ?? null;
}

/** 'pt-BR', 'PT', 'pt' → 'pt': Whisper's language tokens are bare lower-case codes. */
export function baseLanguage(code: string): string {
  return code.trim().toLowerCase().split(/[-_]/u)[0] ?? '';
}
