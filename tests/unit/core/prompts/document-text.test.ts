// A document as a variable's text: chunks joined without the overlap neighbours share, and long
// texts cut at a word with a mark.
import { describe, expect, it } from 'vitest';
import { capText, joinChunks, overlapLength } from '../../../../src/core/prompts/document-text';

describe('document text', () => {
  it('drops the overlap between neighbouring chunks', () => {
    const chunks = [
      { text: 'The first part of the report ends here.' },
      { text: 'of the report ends here. Then the second part.' },
      { text: 'A new section with nothing shared.' },
    ];
    expect(overlapLength(chunks[0]!.text, chunks[1]!.text)).toBe(24);
    expect(joinChunks(chunks)).toBe(
      'The first part of the report ends here. Then the second part.\n\nA new section with nothing shared.',
    );
  });

  it('cuts long texts at a word, marking the cut', () => {
    expect(capText('short', 10)).toBe('short');
    expect(capText('alpha beta gamma delta', 20)).toBe('alpha beta gamma […]');
  });
});
