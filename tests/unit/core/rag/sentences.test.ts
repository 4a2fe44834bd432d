// Sentence splitting in Portuguese and English: abbreviations, initials, decimals,
// ellipses, quotes and line breaks, with offsets back into the original text.
import { describe, expect, it } from 'vitest';
import { splitSentences, termsOf } from '../../../../src/core/rag/sentences';

const texts = (text: string): string[] => splitSentences(text).map((s) => s.text);

describe('splitSentences', () => {
  it('splits at sentence ends and keeps offsets into the original', () => {
    const text = '  Primeira frase.  Second one?  Terceira!  ';
    const spans = splitSentences(text);
    expect(spans.map((s) => s.text)).toEqual(['Primeira frase.', 'Second one?', 'Terceira!']);
    for (const span of spans) expect(text.slice(span.start, span.end)).toBe(span.text);
  });

  it('does not split after titles, initials, e.g./i.e., or inside decimals', () => {
    expect(texts('O Dr. Silva e a Sra. Souza chegaram. A Profa. Lima também.')).toEqual([
      'O Dr. Silva e a Sra. Souza chegaram.',
      'A Profa. Lima também.',
    ]);
    expect(
      texts('Mr. J. R. Smith moved to the U.S. Army base. It cost 3.5 million, e.g. Per year.'),
    ).toEqual([
      'Mr. J. R. Smith moved to the U.S. Army base.',
      'It cost 3.5 million, e.g. Per year.',
    ]);
    expect(texts('Ver fig. 3 e pág. 12. Depois, o cap. 4.')).toEqual([
      'Ver fig. 3 e pág. 12.',
      'Depois, o cap. 4.',
    ]);
  });

  it('splits after etc. before a capital, but not before a lowercase word', () => {
    expect(texts('Bombas, válvulas etc. A revisão terminou.')).toEqual([
      'Bombas, válvulas etc.',
      'A revisão terminou.',
    ]);
    expect(texts('Use version 2. then restart.')).toEqual(['Use version 2. then restart.']);
  });

  it('treats ellipses as an end only before a capital, and keeps closing quotes', () => {
    expect(texts('Ele hesitou... e continuou. Depois… Nada mais.')).toEqual([
      'Ele hesitou... e continuou.',
      'Depois…',
      'Nada mais.',
    ]);
    expect(texts('She said "Stop." Then left. (See note.) Next.')).toEqual([
      'She said "Stop."',
      'Then left.',
      '(See note.)',
      'Next.',
    ]);
  });

  it('ends a sentence at a line break and drops empty lines', () => {
    expect(texts('Segurança\n\nUse luvas sempre\n- item um\n')).toEqual([
      'Segurança',
      'Use luvas sempre',
      '- item um',
    ]);
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n ')).toEqual([]);
  });

  it('gives the folded, stemmed terms of a text without stopwords', () => {
    expect(termsOf('As informações da manutenção')).toEqual(['informacao', 'manutencao']);
  });
});
