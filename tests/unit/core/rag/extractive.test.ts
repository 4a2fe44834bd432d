// Extractive answers: the sentences that answer the question, each cited to its passage,
// and a fallback when nothing matches.
import { describe, expect, it } from 'vitest';
import { citePassages, extractiveAnswer, shorten } from '../../../../src/core/rag/extractive';
import type { Passage } from '../../../../src/core/rag/types';

const passage = (chunkId: string, text: string, extra: Partial<Passage> = {}): Passage => ({
  chunkId,
  documentId: chunkId.split(':')[0] ?? chunkId,
  documentName: `${chunkId.split(':')[0] ?? chunkId}.pdf`,
  text,
  score: 0.03,
  ...extra,
});

const passages: Passage[] = [
  passage(
    'report:1',
    'Manutenção\n\nO relatório cobre o ano de 2024. A manutenção preventiva das bombas ocorre a cada seis meses. ' +
      'A equipe registrou três paradas não planejadas.',
    { page: 4 },
  ),
  passage(
    'handbook:7',
    'Pumps need new seals when pressure drops below 3 bar. Seal replacement takes two hours. ' +
      'Bombas reserva ficam no galpão B.',
    { section: 'Pumps' },
  ),
  passage('budget:2', 'Item: selos das bombas | Custo: 420 | Trimestre: Q2', {
    sheet: 'Despesas',
    rows: [5, 9],
  }),
];

describe('extractiveAnswer', () => {
  it('numbers passages 1..n and cites the sentences that answer the question', () => {
    const answer = extractiveAnswer('Quando ocorre a manutenção das bombas?', passages);
    expect(answer.query).toBe('Quando ocorre a manutenção das bombas?');
    expect(answer.passages.map((p) => [p.chunkId, p.index])).toEqual([
      ['report:1', 1],
      ['handbook:7', 2],
      ['budget:2', 3],
    ]);
    expect(answer.highlights[0]).toEqual({
      text: 'A manutenção preventiva das bombas ocorre a cada seis meses. [1]',
      citation: 1,
    });
    expect(answer.highlights.length).toBeLessThanOrEqual(4);
    for (const { text, citation } of answer.highlights) {
      expect(text.endsWith(` [${citation}]`)).toBe(true);
      const source = answer.passages[citation - 1];
      expect(source?.text).toContain(text.slice(0, -` [${citation}]`.length));
    }
    // The heading "Manutenção" matches too, but is never a highlight on its own.
    expect(answer.highlights.map((h) => h.text)).not.toContain('Manutenção [1]');
  });

  it('finds English and folded terms across passages, at most two per passage', () => {
    const answer = extractiveAnswer('pump seal pressure bombas', passages, { maxHighlights: 5 });
    const citations = answer.highlights.map((h) => h.citation);
    expect(citations).toContain(2);
    expect(citations.filter((c) => c === 2).length).toBeLessThanOrEqual(2);
    expect(answer.highlights[0]?.text).toBe(
      'Pumps need new seals when pressure drops below 3 bar. [2]',
    );
  });

  it('falls back to the first full sentence of the top passages when nothing matches', () => {
    const answer = extractiveAnswer('zebra quantum', passages, { maxHighlights: 2 });
    expect(answer.highlights).toEqual([
      { text: 'O relatório cobre o ano de 2024. [1]', citation: 1 },
      { text: 'Pumps need new seals when pressure drops below 3 bar. [2]', citation: 2 },
    ]);
  });

  it('answers nothing from no passages and shortens long sentences at a word', () => {
    expect(extractiveAnswer('bombas', [])).toEqual({
      query: 'bombas',
      highlights: [],
      passages: [],
    });
    const long = `${'palavra '.repeat(60)}fim.`;
    const short = shorten(long, 50);
    expect(short.endsWith('palavra…')).toBe(true);
    expect(short.length).toBeLessThanOrEqual(51);
    expect(citePassages(passages.slice(0, 1))[0]?.index).toBe(1);
  });
});
