// transcriptDocument: time-coded paragraphs of about half a minute that close at a sentence
// end, and that survive chunking with their time (the chunk's time and section widen together).
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../../../src/core/ingest/chunk';
import { IngestError } from '../../../../src/core/ingest/types';
import { transcriptDocument } from '../../../../src/core/voice/transcript-document';
import type { TimedText, Transcript } from '../../../../src/core/voice/types';

const transcriptOf = (segments: TimedText[]): Transcript => ({
  language: 'en',
  durationSeconds: segments.at(-1)?.end ?? 0,
  segments,
  text: segments.map((s) => s.text).join(' '),
  windows: 1,
});

/** 5 s segments; every third ends a sentence. */
const segments = (n: number): TimedText[] =>
  Array.from({ length: n }, (_, i) => ({
    start: i * 5,
    end: i * 5 + 5,
    text: i % 3 === 2 ? `part ${i} ends.` : `part ${i}`,
  }));

describe('transcriptDocument', () => {
  it('groups segments into timed paragraphs closed at a sentence end past 15 s', () => {
    const doc = transcriptDocument(transcriptOf(segments(8)), 'meeting.mp3');
    expect(doc.kind).toBe('audio');
    expect(doc.title).toBe('meeting.mp3');
    expect(doc.blocks).toEqual([
      {
        kind: 'paragraph',
        text: 'part 0 part 1 part 2 ends.',
        time: [0, 15],
        section: '00:00:00–00:00:15',
      },
      {
        kind: 'paragraph',
        text: 'part 3 part 4 part 5 ends.',
        time: [15, 30],
        section: '00:00:15–00:00:30',
      },
      { kind: 'paragraph', text: 'part 6 part 7', time: [30, 40], section: '00:00:30–00:00:40' },
    ]);
  });

  it('never lets a paragraph pass 30 s when no sentence ends', () => {
    const long = segments(20).map((s) => ({ ...s, text: s.text.replace('.', '') }));
    const doc = transcriptDocument(transcriptOf(long), 'talk');
    expect(doc.blocks.map((b) => b.time)).toEqual([
      [0, 30],
      [30, 60],
      [60, 90],
      [90, 100],
    ]);
  });

  it('keeps untimed text as one paragraph, and refuses a silent recording', () => {
    const plain = { ...transcriptOf([]), text: ' Hello. ' };
    expect(transcriptDocument(plain, 'memo').blocks).toEqual([
      { kind: 'paragraph', text: 'Hello.' },
    ]);
    expect(() => transcriptDocument(transcriptOf([]), 'silence')).toThrow(IngestError);
    expect(() => transcriptDocument(transcriptOf([]), 'silence')).toThrow(/No speech was found/);
  });

  it('gives chunks the time they cover, and a section that says it', async () => {
    const doc = transcriptDocument(transcriptOf(segments(8)), 'meeting.mp3');
    const counter = (texts: readonly string[]): Promise<number[]> =>
      Promise.resolve(texts.map((t) => t.split(/\s+/).length));
    const chunks = await chunkDocument(doc, {
      maxTokens: 16,
      overlapTokens: 0,
      countTokens: counter,
    });
    expect(chunks.map((c) => [c.text, c.time, c.section])).toEqual([
      ['part 0 part 1 part 2 ends.\n\npart 3 part 4 part 5 ends.', [0, 30], '00:00:00–00:00:30'],
      ['part 6 part 7', [30, 40], '00:00:30–00:00:40'],
    ]);
  });
});
