// Extractive answers: the sentences that answer the question, each cited to its passage,
// and a fallback when nothing matches.
import { describe, expect, it } from 'vitest';
import { citePassages, extractiveAnswer, shorten } from '../../../../src/core/rag/extractive';
import { plainText } from '../../../../src/core/rag/plain-text';
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
      expect(plainText(source?.text ?? '')).toContain(text.slice(0, -` [${citation}]`.length));
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

/** A sales sheet that says "jul", a report in markdown, and the board minutes' title line. */
const ordinary: Passage[] = [
  passage(
    'vendas:0',
    [
      'Mês: mai; Receita (R$): 101.250,00; Clientes novos: 39',
      'Mês: jun; Receita (R$): 108.600,20; Clientes novos: 44',
      'Mês: jul; Receita (R$): 112.730,40; Clientes novos: 52',
      'Mês: ago; Receita (R$): 110.480,00; Clientes novos: 47',
    ].join('\n'),
    { documentName: 'vendas-2025.csv', rows: [6, 9] },
  ),
  passage(
    'relatorio:0',
    'Relatório Trimestral\n\nPublicado em **março de 2026** pela equipa.\n\n' +
      'A receita do trimestre chegou a **R$ 1.234.567,89**, com café [especial](https://x.org).',
    { documentName: 'relatorio.md', section: 'Relatório Trimestral' },
  ),
  passage('ata:0', 'Ata da reunião de julho\n\nO saldo de caixa era de R$ 48.300,00.', {
    documentName: 'ata.txt',
  }),
];

describe('extractiveAnswer on ordinary documents', () => {
  it('answers "julho" from the row that says "jul", cited to its passage (pt)', () => {
    const answer = extractiveAnswer('Qual foi a receita de julho?', ordinary);
    expect(answer.highlights[0]).toEqual({
      text: 'Mês: jul; Receita (R$): 112.730,40; Clientes novos: 52 [1]',
      citation: 1,
    });
  });

  it('leaves out rows that match only what the answering row matched, and worse', () => {
    // "receita" is in every month's row; only July's also holds "julho". The other rows, and
    // the report's sentence about the quarter's "receita", answer nothing more.
    const answer = extractiveAnswer('Qual foi a receita de julho?', ordinary);
    expect(answer.highlights.map((h) => h.text)).toEqual([
      'Mês: jul; Receita (R$): 112.730,40; Clientes novos: 52 [1]',
    ]);
    // Sentences matching different words of the question both stay.
    const both = extractiveAnswer('Quando foi publicado o relatório e qual a receita?', ordinary);
    expect(both.highlights.map((h) => h.citation)).toContain(2);
    expect(both.highlights.length).toBeGreaterThan(1);
  });

  it('answers "July" and a number written without separators (en)', () => {
    expect(extractiveAnswer('revenue in July', ordinary).highlights[0]?.text).toMatch(/^Mês: jul;/);
    expect(extractiveAnswer('which month had 110480 reais', ordinary).highlights[0]?.text).toMatch(
      /^Mês: ago;/,
    );
  });

  it('shows plain text: no emphasis, no link syntax', () => {
    const answer = extractiveAnswer('Quando foi publicado? Qual a receita do trimestre?', ordinary);
    const texts = answer.highlights.map((h) => h.text);
    expect(texts).toContain('Publicado em março de 2026 pela equipa. [2]');
    expect(texts).toContain(
      'A receita do trimestre chegou a R$ 1.234.567,89, com café especial. [2]',
    );
    for (const text of texts) expect(text).not.toMatch(/\*\*|\]\(|`/);
  });

  it('never gives a heading or a title, even when it holds every word of the question', () => {
    const answer = extractiveAnswer('relatório trimestral', ordinary);
    expect(answer.highlights.map((h) => h.text)).not.toContain('Relatório Trimestral [2]');
    const minutes = extractiveAnswer('ata da reunião de julho', ordinary);
    expect(minutes.highlights.map((h) => h.text)).not.toContain('Ata da reunião de julho [3]');
    // Nothing matches: the stand-in is the first sentence under the title, not the title.
    const none = extractiveAnswer('zebra quântica', ordinary.slice(1));
    expect(none.highlights.map((h) => h.text)).toEqual([
      'Publicado em março de 2026 pela equipa. [1]',
      'O saldo de caixa era de R$ 48.300,00. [2]',
    ]);
  });
});
