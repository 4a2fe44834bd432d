// Why this file exists: a transcribed recording goes into the Library like any document, and a
// citation should lead back to the moment it was said. The transcript's segments are grouped
// into paragraphs of about half a minute, each carrying its time as `time` and as a readable
// section ("00:01:05–00:01:30").
import { IngestError, type ParsedDocument, type TextBlock } from '../ingest/types';
import { formatTimeRange } from './time-format';
import type { TimedText, Transcript } from './types';

/** A paragraph never grows past this many seconds of audio. */
const PARAGRAPH_MAX_SECONDS = 30;
/** Past this many seconds, a paragraph ends at the next sentence end. */
const PARAGRAPH_MIN_SECONDS = 15;
const SENTENCE_END = /[.!?…。！？]["'”’)\]]*$/u;

/** A paragraph block over the segments, timed from the first start to the last end. */
function paragraph(segments: readonly TimedText[]): TextBlock {
  const start = segments[0]?.start ?? 0;
  const end = segments.reduce((latest, s) => Math.max(latest, s.end), start);
  const time: [number, number] = [start, end];
  return {
    kind: 'paragraph',
    text: segments.map((s) => s.text.trim()).join(' '),
    time,
    section: formatTimeRange(time),
  };
}

/** Consecutive segments grouped into paragraphs of at most ~30 s, closed early at a sentence end past ~15 s. */
export function groupSegments(segments: readonly TimedText[]): TextBlock[] {
  const blocks: TextBlock[] = [];
  let group: TimedText[] = [];
  for (const segment of segments) {
    if (segment.text.trim() === '') continue;
    const groupStart = group[0]?.start;
    if (groupStart !== undefined && segment.end - groupStart > PARAGRAPH_MAX_SECONDS) {
      blocks.push(paragraph(group));
      group = [];
    }
    group.push(segment);
    const span = segment.end - (group[0]?.start ?? segment.start);
    if (span >= PARAGRAPH_MIN_SECONDS && SENTENCE_END.test(segment.text.trim())) {
      blocks.push(paragraph(group));
      group = [];
    }
  }
  if (group.length > 0) blocks.push(paragraph(group));
  return blocks;
}

/**
 * A transcript as a Library document (kind 'audio'): time-coded paragraphs, or, for a
 * transcript made without timestamps, its text as one untimed paragraph.
 *
 * @throws IngestError 'empty' when nothing was said.
 */
export function transcriptDocument(t: Transcript, title: string): ParsedDocument {
  const blocks: TextBlock[] =
    t.segments.length > 0
      ? groupSegments(t.segments)
      : t.text.trim() === ''
        ? []
        : [{ kind: 'paragraph', text: t.text.trim() }];
  if (blocks.length === 0) {
    throw new IngestError({
      code: 'empty',
      message:
        'No speech was found in this recording. Check that it has sound, or pick the language it is spoken in.',
    });
  }
  return { kind: 'audio', title, blocks, warnings: [] };
}
