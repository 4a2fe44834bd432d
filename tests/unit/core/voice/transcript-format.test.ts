// formatTranscript's TXT, SRT and VTT, checked by our own validators and by exact text; the
// validators themselves reject broken files (bad numbering, time syntax, order, separation).
import { describe, expect, it } from 'vitest';
import {
  formatTranscript,
  transcriptFileName,
  validateSrt,
  validateVtt,
} from '../../../../src/core/voice/transcript-format';
import type { Transcript } from '../../../../src/core/voice/types';

const transcript: Transcript = {
  language: 'en',
  durationSeconds: 3725,
  segments: [
    { start: 1, end: 4.5, text: 'Hello there.' },
    { start: 65.25, end: 70, text: 'A line with --> an arrow\n\nand a blank line.' },
    { start: 3723.0004, end: 3723.0004, text: 'Past the hour.' },
  ],
  text: 'Hello there. A line with --> an arrow and a blank line. Past the hour.',
  windows: 150,
};

describe('formatTranscript', () => {
  it('writes TXT with a clock per segment, or the plain text without segments', () => {
    expect(formatTranscript(transcript, 'txt')).toBe(
      '[00:00:01] Hello there.\n[00:01:05] A line with --> an arrow\n\nand a blank line.\n[01:02:03] Past the hour.\n',
    );
    expect(formatTranscript({ ...transcript, segments: [], text: ' Just text. ' }, 'txt')).toBe(
      'Just text.\n',
    );
  });

  it('writes SRT cues a strict reader accepts', () => {
    const srt = formatTranscript(transcript, 'srt');
    expect(srt).toBe(
      [
        '1\n00:00:01,000 --> 00:00:04,500\nHello there.\n',
        '2\n00:01:05,250 --> 00:01:10,000\nA line with -> an arrow\nand a blank line.\n',
        '3\n01:02:03,000 --> 01:02:03,001\nPast the hour.\n',
      ].join('\n'),
    );
    expect(validateSrt(srt)).toEqual([]);
  });

  it('writes WebVTT a strict reader accepts', () => {
    const vtt = formatTranscript(transcript, 'vtt');
    expect(vtt.startsWith('WEBVTT\n\n00:00:01.000 --> 00:00:04.500\nHello there.\n\n')).toBe(true);
    expect(vtt).toContain('01:02:03.000 --> 01:02:03.001\nPast the hour.\n');
    expect(validateVtt(vtt)).toEqual([]);
  });

  it('makes one cue of a transcript without segments', () => {
    const plain: Transcript = { ...transcript, segments: [], durationSeconds: 12.5 };
    const srt = formatTranscript(plain, 'srt');
    expect(srt.split('\n').slice(0, 2)).toEqual(['1', '00:00:00,000 --> 00:00:12,500']);
    expect(validateSrt(srt)).toEqual([]);
    expect(validateVtt(formatTranscript(plain, 'vtt'))).toEqual([]);
  });
});

describe('validateSrt', () => {
  const good = '1\n00:00:01,000 --> 00:00:02,000\nOne\n\n2\n00:00:03,000 --> 00:00:04,000\nTwo\n';

  it('accepts a good file, with CRLF line ends and a BOM too', () => {
    expect(validateSrt(good)).toEqual([]);
    expect(validateSrt(`\uFEFF${good.replaceAll('\n', '\r\n')}`)).toEqual([]);
  });

  it('rejects broken numbering, time syntax, order, duration and separation', () => {
    expect(validateSrt('')).toEqual(['The file has no cues']);
    expect(validateSrt(good.replace('2\n', '3\n'))).toEqual([
      'Cue 2 (line 5): numbered "3", expected 2',
    ]);
    expect(validateSrt(good.replace('00:00:01,000', '00:00:01.000'))[0]).toMatch(
      /Cue 1 .*timing line "00:00:01.000 --> 00:00:02,000"/,
    );
    expect(validateSrt(good.replace('00:00:03,000', '00:00:00,500'))).toEqual([
      'Cue 2 (line 5): starts before the cue above',
    ]);
    expect(validateSrt(good.replace('00:00:02,000', '00:00:01,000'))).toEqual([
      'Cue 1 (line 1): starts at or after its end',
    ]);
    expect(validateSrt(good.replace('One\n\n', 'One\n'))).toContain(
      'Cue 1 (line 1): a timing line inside the text (missing blank line between cues?)',
    );
    expect(validateSrt('1\n00:00:01,000 --> 00:00:02,000\n')).toEqual([
      'Cue 1 (line 1): has no text',
    ]);
  });
});

describe('validateVtt', () => {
  const good =
    'WEBVTT\n\nNOTE made by hand\n\nintro\n00:01.000 --> 00:02.000 align:start\nOne\n\n00:00:03.000 --> 00:00:04.000\nTwo\n';

  it('accepts a good file with notes, cue ids, short times and settings', () => {
    expect(validateVtt(good)).toEqual([]);
  });

  it('rejects a missing header, bad times, disorder and missing separation', () => {
    expect(validateVtt(good.replace('WEBVTT', 'WEBVTX'))).toEqual([
      'The file does not start with "WEBVTT"',
    ]);
    expect(validateVtt('WEBVTT\n00:01.000 --> 00:02.000\nOne\n')).toEqual([
      'No blank line after the "WEBVTT" header',
      'The file has no cues',
    ]);
    expect(validateVtt(good.replace('00:00:03.000', '00:00:03,000'))[0]).toMatch(
      /Cue 2 .*timing line/,
    );
    expect(validateVtt(good.replace('00:00:03.000', '00:00:00.500'))).toEqual([
      'Cue 2 (line 9): starts before the cue above',
    ]);
    expect(validateVtt(good.replace('One\n\n', 'One\n'))).toContain(
      'Cue 1 (line 5): a timing line inside the text (missing blank line between cues?)',
    );
    expect(validateVtt('WEBVTT\n')).toEqual(['The file has no cues']);
  });
});

describe('transcriptFileName', () => {
  it('swaps the extension and makes the name safe', () => {
    expect(transcriptFileName('meeting.mp3', 'srt')).toBe('meeting.srt');
    expect(transcriptFileName('a/b:c?.final.wav', 'vtt')).toBe('a_b_c_.final.vtt');
    expect(transcriptFileName('notes', 'txt')).toBe('notes.txt');
    expect(transcriptFileName('', 'txt')).toBe('transcript.txt');
    expect(transcriptFileName('.wav', 'srt')).toBe('transcript.srt');
  });
});
