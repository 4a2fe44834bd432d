// videoDocument and sampleTimes: what is said and what is seen, side by side in timed slices,
// repeated captions merged into one from–to entry, and frame times that stay inside the video.
import { describe, expect, it } from 'vitest';
import { IngestError } from '../../../../src/core/ingest/types';
import { sampleTimes, videoDocument } from '../../../../src/core/vision/video-document';
import type { Transcript } from '../../../../src/core/voice/types';

const transcript: Transcript = {
  language: 'en',
  durationSeconds: 25,
  segments: [
    { start: 0.5, end: 4, text: 'Welcome to the lab.' },
    { start: 8, end: 12.5, text: 'This is the centrifuge.' },
    { start: 21, end: 24, text: 'Thanks for watching.' },
  ],
  text: 'Welcome to the lab. This is the centrifuge. Thanks for watching.',
  windows: 1,
};

const frames = [
  { time: 1, caption: 'a person in a lab coat' },
  { time: 3, caption: 'A person in a lab coat ' },
  { time: 5, caption: 'a person in a lab coat' },
  { time: 7, caption: 'a white machine', ocrText: 'DANGER' },
  { time: 9, caption: 'a white machine', ocrText: 'DANGER' },
  { time: 13, caption: 'a white machine' },
];

describe('videoDocument', () => {
  it('puts speech and merged captions side by side in 10 s slices', () => {
    const doc = videoDocument({ title: 'lab.mp4', durationSeconds: 25, transcript, frames });
    expect(doc.kind).toBe('video');
    expect(doc.title).toBe('lab.mp4');
    expect(doc.blocks).toEqual([
      {
        kind: 'paragraph',
        text:
          'Said: Welcome to the lab. This is the centrifuge.\n' +
          'Seen: a person in a lab coat (00:01–00:05); a white machine (00:07–00:09)\n' +
          'Text on screen: DANGER (00:07–00:09)',
        time: [0, 12.5],
        section: '00:00:00–00:00:12',
      },
      {
        kind: 'paragraph',
        text: 'Seen: a white machine (00:13)',
        time: [10, 20],
        section: '00:00:10–00:00:20',
      },
      {
        kind: 'paragraph',
        text: 'Said: Thanks for watching.',
        time: [20, 25],
        section: '00:00:20–00:00:25',
      },
    ]);
  });

  it('works with only frames, or only untimed speech', () => {
    const seen = videoDocument({
      title: 'v',
      durationSeconds: 4,
      transcript: null,
      frames: frames.slice(0, 2),
    });
    expect(seen.blocks.map((b) => b.text)).toEqual(['Seen: a person in a lab coat (00:01–00:03)']);
    const said = videoDocument({
      title: 'v',
      durationSeconds: 30,
      transcript: { ...transcript, segments: [] },
      frames: [],
    });
    expect(said.blocks).toEqual([
      {
        kind: 'paragraph',
        text: `Said: ${transcript.text}`,
        time: [0, 30],
        section: '00:00:00–00:00:30',
      },
    ]);
  });

  it('refuses a video with neither speech nor frames', () => {
    expect(() =>
      videoDocument({
        title: 'v',
        durationSeconds: 10,
        transcript: null,
        frames: [{ time: 1, caption: ' ' }],
      }),
    ).toThrow(IngestError);
  });
});

describe('sampleTimes', () => {
  it('samples in the middle of every 1/fps step', () => {
    expect(sampleTimes(3, 1)).toEqual([0.5, 1.5, 2.5]);
    expect(sampleTimes(1, 2)).toEqual([0.25, 0.75]);
  });

  it('clamps fps to 1–5', () => {
    expect(sampleTimes(2, 0.1)).toEqual([0.5, 1.5]);
    expect(sampleTimes(1, 50)).toEqual([0.1, 0.3, 0.5, 0.7, 0.9]);
  });

  it('spreads at most maxFrames over a long video', () => {
    const times = sampleTimes(3600, 5);
    expect(times).toHaveLength(600);
    expect(times[0]).toBe(3);
    expect(times.at(-1)).toBe(3597);
    expect(sampleTimes(100, 1, 4)).toEqual([12.5, 37.5, 62.5, 87.5]);
  });

  it('gives one frame for a very short video and none for no video', () => {
    expect(sampleTimes(0.2, 1)).toEqual([0.1]);
    expect(sampleTimes(0, 1)).toEqual([]);
    expect(sampleTimes(Number.NaN, 1)).toEqual([]);
  });
});
