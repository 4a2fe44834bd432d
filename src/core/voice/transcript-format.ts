// Why this file exists: transcripts leave the app as files people open elsewhere (players,
// subtitle editors), so the TXT, SRT and WebVTT they get must follow those formats exactly.
// The validators check our own output the way a strict player would (the browser tests run
// them on what the app downloads).
import { formatClock } from './time-format';
import type { TimedText, Transcript, TranscriptFormat } from './types';

/** "00:01:05,250" (SRT) or "00:01:05.250" (VTT); hours always two digits or more. */
function cueTime(seconds: number, separator: ',' | '.'): string {
  return formatClock(seconds, { millis: true, hours: true }).replace('.', separator);
}

/** Cue text on its own lines: no blank line (it would end the cue) and no "-->" (a timing line). */
function cueText(text: string): string {
  return text
    .split(/\r?\n/u)
    .map((line) => line.trim().replaceAll('-->', '->'))
    .filter((line) => line !== '')
    .join('\n');
}

/** The cues to write: the segments, or the whole text as one cue when there are none. */
function cuesOf(t: Transcript): TimedText[] {
  const segments =
    t.segments.length > 0 ? t.segments : [{ start: 0, end: t.durationSeconds, text: t.text }];
  return segments
    .map((s) => ({ ...s, text: cueText(s.text) }))
    .filter((s) => s.text !== '')
    .map((s) => {
      // A cue needs a duration once rounded to milliseconds.
      const start = Math.max(0, Math.round(s.start * 1000) / 1000);
      const end = Math.max(Math.round(s.end * 1000) / 1000, start + 0.001);
      return { start, end, text: s.text };
    });
}

/**
 * The transcript as a file's text. TXT: "[00:01:05] text" per segment, or the plain text when
 * there are no segments; SRT: numbered cues "00:00:01,000 --> 00:00:04,500"; VTT: "WEBVTT" then
 * cues "00:00:01.000 --> 00:00:04.500". Every format ends with a newline.
 */
export function formatTranscript(t: Transcript, format: TranscriptFormat): string {
  if (format === 'txt') {
    if (t.segments.length === 0) return `${t.text.trim()}\n`;
    const lines = t.segments.map(
      (s) => `[${formatClock(s.start, { hours: true })}] ${s.text.trim()}`,
    );
    return `${lines.join('\n')}\n`;
  }
  const cues = cuesOf(t);
  if (format === 'srt') {
    return cues
      .map((c, i) => `${i + 1}\n${cueTime(c.start, ',')} --> ${cueTime(c.end, ',')}\n${c.text}\n`)
      .join('\n');
  }
  const body = cues.map((c) => `${cueTime(c.start, '.')} --> ${cueTime(c.end, '.')}\n${c.text}\n`);
  return ['WEBVTT\n', ...body].join('\n');
}

const UNSAFE_IN_NAME = /[\\/:*?"<>|\p{Cc}]+/gu;

/** "meeting.mp3" → "meeting.srt": the recording's name without its extension, safe on every OS. */
export function transcriptFileName(name: string, format: TranscriptFormat): string {
  const base = name
    .replace(/\.[^./\\]{1,8}$/u, '')
    .replace(UNSAFE_IN_NAME, '_')
    .trim()
    .replace(/^\.+/u, '');
  return `${base === '' ? 'transcript' : base}.${format}`;
}

const SRT_TIME = /^(\d{2,}):([0-5]\d):([0-5]\d),(\d{3})$/u;
const VTT_TIME = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/u;

/** Seconds of a timestamp matched by SRT_TIME or VTT_TIME, or null when it does not match. */
function parseTime(text: string, pattern: RegExp): number | null {
  const m = pattern.exec(text.trim());
  if (m === null) return null;
  const [hours, minutes, seconds, millis] = [m[1] ?? '0', m[2], m[3], m[4]].map(Number);
  return (hours ?? 0) * 3600 + (minutes ?? 0) * 60 + (seconds ?? 0) + (millis ?? 0) / 1000;
}

/** Blocks separated by blank lines, with the line number each starts on. */
function blocksOf(text: string): { line: number; lines: string[] }[] {
  const lines = text
    .replace(/^\uFEFF/u, '')
    .replace(/\r\n?/gu, '\n')
    .split('\n');
  const blocks: { line: number; lines: string[] }[] = [];
  let current: { line: number; lines: string[] } | null = null;
  lines.forEach((line, i) => {
    if (line.trim() === '') current = null;
    else if (current === null) {
      current = { line: i + 1, lines: [line] };
      blocks.push(current);
    } else current.lines.push(line);
  });
  return blocks;
}

/** How one format writes a cue's timing line. */
interface CueSyntax {
  time: RegExp;
  /** WebVTT allows cue settings ("align:start") after the end time; SRT does not. */
  settings: boolean;
}
const SRT_CUES: CueSyntax = { time: SRT_TIME, settings: false };
const VTT_CUES: CueSyntax = { time: VTT_TIME, settings: true };

/** Checks one timing line; pushes problems; returns the cue's times, or null when unreadable. */
function checkTiming(
  timing: string | undefined,
  syntax: CueSyntax,
  where: string,
  problems: string[],
): { start: number; end: number } | null {
  const parts = (timing ?? '').split(' --> ');
  const endField = syntax.settings
    ? ((parts[1] ?? '').trim().split(/\s+/u)[0] ?? '')
    : (parts[1] ?? '');
  const start = parseTime(parts[0] ?? '', syntax.time);
  const end = parts.length === 2 ? parseTime(endField, syntax.time) : null;
  if (start === null || end === null) {
    problems.push(`${where}: the timing line "${timing ?? ''}" is not "start --> end"`);
    return null;
  }
  if (!(start < end)) problems.push(`${where}: starts at or after its end`);
  return { start, end };
}

/**
 * Checks one cue's timing and text, the same in SRT and WebVTT; pushes problems and returns
 * the start the next cue must not come before.
 */
function checkCue(
  cue: { where: string; timing: string | undefined; textLines: readonly string[] },
  syntax: CueSyntax,
  previousStart: number,
  problems: string[],
): number {
  const { where, textLines } = cue;
  const times = checkTiming(cue.timing, syntax, where, problems);
  if (textLines.length === 0) problems.push(`${where}: has no text`);
  if (textLines.some((l) => l.includes('-->'))) {
    problems.push(`${where}: a timing line inside the text (missing blank line between cues?)`);
  }
  if (times === null) return previousStart;
  if (times.start < previousStart) problems.push(`${where}: starts before the cue above`);
  return times.start;
}

/** Problems a strict reader would find in an SRT file (empty: valid). */
export function validateSrt(text: string): string[] {
  const problems: string[] = [];
  const blocks = blocksOf(text);
  if (blocks.length === 0) return ['The file has no cues'];
  let previousStart = -Infinity;
  blocks.forEach((block, i) => {
    const where = `Cue ${i + 1} (line ${block.line})`;
    const [number, timing, ...textLines] = block.lines;
    if (number?.trim() !== String(i + 1)) {
      problems.push(`${where}: numbered "${number ?? ''}", expected ${i + 1}`);
    }
    previousStart = checkCue({ where, timing, textLines }, SRT_CUES, previousStart, problems);
  });
  return problems;
}

/** Problems a strict reader would find in a WebVTT file (empty: valid). */
export function validateVtt(text: string): string[] {
  const problems: string[] = [];
  const [header, ...blocks] = blocksOf(text);
  const signature = header?.lines[0] ?? '';
  if (header?.line !== 1 || !/^WEBVTT(?:[ \t].*)?$/u.test(signature)) {
    problems.push('The file does not start with "WEBVTT"');
  } else if (header.lines.slice(1).some((l) => l.includes('-->'))) {
    problems.push('No blank line after the "WEBVTT" header');
  }
  let previousStart = -Infinity;
  let cueNumber = 0;
  for (const block of blocks) {
    const first = block.lines[0] ?? '';
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/u.test(first)) continue;
    cueNumber++;
    const where = `Cue ${cueNumber} (line ${block.line})`;
    const hasId = !first.includes('-->');
    const [timing, ...textLines] = hasId ? block.lines.slice(1) : block.lines;
    previousStart = checkCue({ where, timing, textLines }, VTT_CUES, previousStart, problems);
  }
  if (cueNumber === 0) problems.push('The file has no cues');
  return problems;
}
