// Which sentences of a passage may answer: plain text, never a heading or a title — marked by
// markdown, named by the passage's section, equal to the document's name, or a short title
// line alone at the top — while table rows, list items in the middle and JSON records stay.
import { describe, expect, it } from 'vitest';
import { answerSentences } from '../../../../src/core/rag/answer-sentences';
import type { Passage } from '../../../../src/core/rag/types';

const passage = (text: string, extra: Partial<Passage> = {}): Passage => ({
  chunkId: 'd:0',
  documentId: 'd',
  documentName: 'relatorio-trimestral.md',
  text,
  score: 1,
  ...extra,
});

const texts = (p: Passage): string[] => answerSentences(p).map((s) => s.text);

describe('answerSentences', () => {
  it('leaves out the section headings a chunk opens with (pt)', () => {
    const p = passage(
      'Relatório Trimestral da Cooperativa\n\nResultados do trimestre\n\nA receita chegou a **R$ 1.234,56**. Subiu 18%.',
      { section: 'Relatório Trimestral da Cooperativa › Resultados do trimestre' },
    );
    expect(texts(p)).toEqual(['A receita chegou a R$ 1.234,56.', 'Subiu 18%.']);
    expect(answerSentences(p)[0]?.order).toBe(0);
  });

  it('leaves out a markdown heading and the document name (en)', () => {
    const p = passage('## Release Plan\n\nrelease plan\n\nThe freeze starts on *Sep 12*.', {
      documentName: 'release-plan.md',
    });
    expect(texts(p)).toEqual(['The freeze starts on Sep 12.']);
  });

  it('leaves out a title line alone at the top of a text file (pt and en)', () => {
    expect(
      texts(
        passage('Ata da reunião do conselho – 12 de jul. de 2025\n\nEstiveram presentes sete.'),
      ),
    ).toEqual(['Estiveram presentes sete.']);
    expect(
      texts(passage('Maintenance Log - Pump Station 7\n\nThe pump was rebuilt in Mar.')),
    ).toEqual(['The pump was rebuilt in Mar.']);
  });

  it('keeps a first line that is a sentence, a label or the only text', () => {
    expect(texts(passage('A bomba foi trocada.\n\nO custo foi alto.'))).toHaveLength(2);
    expect(texts(passage('Ação: rever os limites\n\nDepois, fechar.'))).toContain(
      'Ação: rever os limites',
    );
    expect(texts(passage('Offline search across documents'))).toEqual([
      'Offline search across documents',
    ]);
  });

  it('keeps every row of a table, even short ones, and marks them rows', () => {
    const p = passage('Mês: jan; Receita: 98.400,50\nMês: fev; Receita: 91.150,00', {
      rows: [2, 3],
      sheet: 'Vendas',
      documentName: 'Vendas.xlsx',
    });
    expect(answerSentences(p)).toEqual([
      { text: 'Mês: jan; Receita: 98.400,50', order: 0, row: true },
      { text: 'Mês: fev; Receita: 91.150,00', order: 1, row: true },
    ]);
  });

  it('reads a markdown table as rows naming their columns', () => {
    const p = passage('| Mês | Sacas | | --- | --- | | jan | 1.200 | | mar | 1.450 |');
    expect(answerSentences(p)).toEqual([
      { text: 'Mês: jan; Sacas: 1.200', order: 0, row: true },
      { text: 'Mês: mar; Sacas: 1.450', order: 1, row: true },
    ]);
  });

  it('joins the fields of one JSON array element into one record', () => {
    const p = passage(
      'warehouse: Porto\n\nitems[0].sku: NW-100\nitems[0].stock: 1250\nitems[1].sku: NW-205\nitems[1].reorder_at: 2000',
      { documentName: 'inventory.json', section: 'items' },
    );
    expect(texts(p)).toEqual([
      'warehouse: Porto',
      'items[0]: sku: NW-100; stock: 1250',
      'items[1]: sku: NW-205; reorder_at: 2000',
    ]);
  });
});
