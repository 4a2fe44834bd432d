// Why this file exists: a video is searchable through what is said in it (its transcript) and
// what is seen (captions and on-screen text of sampled frames). Both go into the Library side
// by side, in slices of a few seconds, so a citation leads to the moment in the video and a
// question can be answered from either. A captioner repeats itself on a still scene, so
// identical consecutive captions become one "from–to" entry.
import { IngestError, type ParsedDocument, type TextBlock } from '../ingest/types';
import { formatClock, formatTimeRange } from '../voice/time-format';
import type { FrameDescription, TimedText, Transcript } from '../voice/types';

/** Seconds of video per Library block. */
export const VIDEO_SLICE_SECONDS = 10;
const MIN_FPS = 1;
const MAX_FPS = 5;

/**
 * When to sample frames: every 1/fps seconds (fps clamped to 1–5), each in the middle of its
 * step (0.5/fps, 1.5/fps, …) so the first frame is past any fade-in; when that gives more than
 * `maxFrames`, the steps widen to spread `maxFrames` over the whole video; a video shorter than
 * one step gives its middle frame. Times in seconds, rounded to milliseconds; no length, none.
 *
 * @example sampleTimes(3, 1) // [0.5, 1.5, 2.5]
 */
export function sampleTimes(durationSeconds: number, fps: number, maxFrames = 600): number[] {
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0 || maxFrames < 1) return [];
  const rate = Math.min(MAX_FPS, Math.max(MIN_FPS, Number.isFinite(fps) ? fps : MIN_FPS));
  const count = Math.min(Math.floor(maxFrames), Math.max(1, Math.floor(durationSeconds * rate)));
  // A video shorter than one step gets its middle frame.
  const step =
    durationSeconds * rate < 1 ? durationSeconds : Math.max(1 / rate, durationSeconds / count);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = (i + 0.5) * step;
    times.push(Math.round(Math.min(t, durationSeconds) * 1000) / 1000);
  }
  return times;
}

/** Identical consecutive texts as one entry, with the time they first and last appeared. */
interface Run {
  text: string;
  from: number;
  to: number;
}

function runsOf(entries: readonly { time: number; text: string }[]): Run[] {
  const runs: Run[] = [];
  for (const { time, text } of entries) {
    const clean = text.replace(/\s+/gu, ' ').trim();
    if (clean === '') continue;
    const last = runs.at(-1);
    if (last !== undefined && last.text.toLocaleLowerCase() === clean.toLocaleLowerCase()) {
      last.to = time;
    } else runs.push({ text: clean, from: time, to: time });
  }
  return runs;
}

const runLabel = (run: Run): string =>
  run.from === run.to
    ? `${run.text} (${formatClock(run.from)})`
    : `${run.text} (${formatClock(run.from)}–${formatClock(run.to)})`;

/** One slice's block: "Said: …", "Seen: …" and "Text on screen: …" lines, timed. */
function sliceBlock(
  range: [number, number],
  said: readonly TimedText[],
  frames: readonly FrameDescription[],
): TextBlock | null {
  const lines: string[] = [];
  const speech = said
    .map((s) => s.text.trim())
    .filter((s) => s !== '')
    .join(' ');
  if (speech !== '') lines.push(`Said: ${speech}`);
  const seen = runsOf(frames.map((f) => ({ time: f.time, text: f.caption })));
  if (seen.length > 0) lines.push(`Seen: ${seen.map(runLabel).join('; ')}`);
  const onScreen = runsOf(frames.map((f) => ({ time: f.time, text: f.ocrText ?? '' })));
  if (onScreen.length > 0) lines.push(`Text on screen: ${onScreen.map(runLabel).join('; ')}`);
  if (lines.length === 0) return null;
  const end = said.reduce((latest, s) => Math.max(latest, s.end), range[1]);
  const time: [number, number] = [range[0], end];
  return { kind: 'paragraph', text: lines.join('\n'), time, section: formatTimeRange(time) };
}

/**
 * A video as a Library document (kind 'video'): one block per {@link VIDEO_SLICE_SECONDS}
 * seconds with what is said there (segments by their start) and what is seen (frames by
 * their time), each block timed. A transcript without timestamps becomes one block over the
 * whole video. Slices with nothing in them are left out.
 *
 * @throws IngestError 'empty' when there is neither speech nor any described frame.
 */
export function videoDocument(input: {
  title: string;
  durationSeconds: number;
  transcript: Transcript | null;
  frames: FrameDescription[];
}): ParsedDocument {
  const blocks: TextBlock[] = [];
  const transcript = input.transcript;
  const untimedText =
    transcript !== null && transcript.segments.length === 0 ? transcript.text.trim() : '';
  const duration = Math.max(0, input.durationSeconds);
  if (untimedText !== '') {
    const time: [number, number] = [0, duration];
    blocks.push({
      kind: 'paragraph',
      text: `Said: ${untimedText}`,
      time,
      section: formatTimeRange(time),
    });
  }
  const segments = transcript?.segments ?? [];
  const frames = [...input.frames].sort((a, b) => a.time - b.time);
  const lastMoment = Math.max(
    duration,
    ...segments.map((s) => s.start),
    ...frames.map((f) => f.time),
  );
  const sliceOf = (t: number): number => Math.max(0, Math.floor(t / VIDEO_SLICE_SECONDS));
  const slices = sliceOf(lastMoment) + 1;
  for (let i = 0; i < slices; i++) {
    const start = i * VIDEO_SLICE_SECONDS;
    const range: [number, number] = [
      start,
      Math.min(start + VIDEO_SLICE_SECONDS, Math.max(duration, start)),
    ];
    const block = sliceBlock(
      range,
      segments.filter((s) => sliceOf(s.start) === i),
      frames.filter((f) => sliceOf(f.time) === i),
    );
    if (block !== null) blocks.push(block);
  }
  if (blocks.length === 0) {
    throw new IngestError({
      code: 'empty',
      message:
        'Nothing was found in this video: no speech and no described frames. Install a speech-to-text or image-description model, then add it again.',
    });
  }
  return { kind: 'video', title: input.title, blocks, warnings: [] };
}
