/** The Library marks the question's words in passages the way the keyword index matched them. */
import { describe, expect, it } from 'vitest';
import {
  excerptAround,
  matchRanges,
  queryTerms,
} from '../../../../src/app/components/library/query-highlight';

const marked = (text: string, ranges: [number, number][]): string[] =>
  ranges.map(([s, e]) => text.slice(s, e));

describe('query highlighting', () => {
  it('matches across accents, case and plural, and skips stop words', () => {
    const terms = queryTerms('Qual o orcamento das informacoes?');
    const text = 'O Orçamento de 2024 reúne as informações e os orçamentos anteriores.';
    expect(marked(text, matchRanges(text, terms))).toEqual([
      'Orçamento',
      'informações',
      'orçamentos',
    ]);
  });

  it('marks months and numbers the way the keyword index matches them (pt and en)', () => {
    const text = 'Mês: jul; Receita (R$): 112.730,40 — July was up 1,377 units.';
    expect(marked(text, matchRanges(text, queryTerms('receita de julho 112730,4')))).toEqual([
      'jul',
      'Receita',
      '112.730,40',
      'July',
    ]);
    expect(marked(text, matchRanges(text, queryTerms('1377 units in Jul')))).toEqual([
      'jul',
      'July',
      '1,377',
      'units',
    ]);
  });

  it('marks nothing for a query of stop words only', () => {
    expect(matchRanges('the budget of the year', queryTerms('the of'))).toEqual([]);
  });

  it('keeps a short passage whole', () => {
    const text = 'Travel budget: 12,000.';
    const excerpt = excerptAround(text, queryTerms('budget'));
    expect(excerpt.text).toBe(text);
    expect(marked(excerpt.text, excerpt.ranges)).toEqual(['budget']);
  });

  it('cuts a long passage around the first match, at spaces, and moves the ranges', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(30);
    const text = `${filler}the pump maintenance happens every six months ${filler}`;
    const excerpt = excerptAround(text, queryTerms('maintenance'), 120);
    expect(excerpt.text.startsWith('…')).toBe(true);
    expect(excerpt.text.endsWith('…')).toBe(true);
    expect(excerpt.text.length).toBeLessThanOrEqual(122);
    expect(marked(excerpt.text, excerpt.ranges)).toEqual(['maintenance']);
    // Cut at spaces: the inner text sits in the passage between a space and a space.
    const inner = excerpt.text.slice(1, -1);
    const at = text.indexOf(inner);
    expect(at).toBeGreaterThan(0);
    expect(text[at - 1]).toBe(' ');
    expect(text[at + inner.length]).toBe(' ');
  });
});
