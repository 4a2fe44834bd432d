// The Library's BM25 index on real MiniSearch: accent folding, ranking of the passage that
// holds every query word, field boosts, removal by document, filters, snapshots.
import { describe, expect, it } from 'vitest';
import {
  KeywordIndex,
  KeywordSnapshotError,
  type IndexedChunkText,
} from '../../../../src/core/rag/keyword-index';

const chunks: IndexedChunkText[] = [
  {
    id: 'r1',
    documentId: 'report',
    documentName: 'Relatório anual.pdf',
    section: 'Manutenção',
    text: 'A manutenção preventiva das bombas hidráulicas acontece a cada seis meses.',
  },
  {
    id: 'r2',
    documentId: 'report',
    documentName: 'Relatório anual.pdf',
    section: 'Finanças',
    text: 'As despesas com manutenção cresceram 12% em relação ao ano anterior.',
  },
  {
    id: 'r3',
    documentId: 'report',
    documentName: 'Relatório anual.pdf',
    section: 'Segurança',
    text: 'Nenhum acidente foi registrado; os treinamentos de segurança foram concluídos.',
  },
  {
    id: 'h1',
    documentId: 'handbook',
    documentName: 'handbook.docx',
    section: 'Safety › Ladders',
    text: 'Always inspect the ladder before climbing and keep three points of contact.',
  },
  {
    id: 'h2',
    documentId: 'handbook',
    documentName: 'handbook.docx',
    section: 'Pumps',
    text: 'Hydraulic pumps need new seals when the pressure drops below 3 bar.',
  },
  {
    id: 'b1',
    documentId: 'budget',
    documentName: 'budget.xlsx',
    text: 'Item: Pump seals | Cost: 420 | Quarter: Q2',
  },
];

function build(): KeywordIndex {
  const index = new KeywordIndex();
  index.add(chunks);
  return index;
}

const ids = (index: KeywordIndex, query: string, limit = 10): string[] =>
  index.search(query, { limit }).map((hit) => hit.chunkId);

describe('KeywordIndex', () => {
  it('folds accents both ways and ranks the passage holding every word first', () => {
    const index = build();
    expect(ids(index, 'manutencao bombas')[0]).toBe('r1');
    expect(ids(index, 'manutencao')).toEqual(expect.arrayContaining(['r1', 'r2']));
    expect(ids(index, 'relatorio')).toEqual(expect.arrayContaining(['r1', 'r2', 'r3']));
    expect(ids(index, 'Relatório')).toEqual(expect.arrayContaining(['r1', 'r2', 'r3']));
    expect(ids(index, 'seguranca treinamento')[0]).toBe('r3');
  });

  it('matches any word, stems plurals, prefixes the last word and forgives a typo in long words', () => {
    const index = build();
    expect(ids(index, 'pump seals')[0]).toMatch(/^(h2|b1)$/);
    expect(ids(index, 'pump seals')).toEqual(expect.arrayContaining(['h2', 'b1']));
    expect(ids(index, 'hydraul')).toEqual(['h2']);
    expect(ids(index, 'ladderr')).toEqual(['h1']);
    expect(ids(index, 'the of and')).toEqual([]);
    expect(ids(index, '   ')).toEqual([]);
  });

  it('weighs the section title over body text', () => {
    const index = new KeywordIndex();
    index.add([
      {
        id: 'body',
        documentId: 'd',
        documentName: 'x.txt',
        text: 'Notes on ladders and other things.',
      },
      {
        id: 'title',
        documentId: 'd',
        documentName: 'x.txt',
        section: 'Ladders',
        text: 'Notes and other things.',
      },
    ]);
    expect(ids(index, 'ladders')).toEqual(['title', 'body']);
  });

  it('filters by document, limits, and removes a document’s chunks', () => {
    const index = build();
    const onlyHandbook = index.search('pump', { limit: 10, filter: (id) => id === 'handbook' });
    expect(onlyHandbook.map((h) => h.chunkId)).toEqual(['h2']);
    expect(onlyHandbook[0]?.documentId).toBe('handbook');
    expect(ids(index, 'manutencao', 1)).toHaveLength(1);
    index.removeDocument('report');
    index.removeDocument('nothing');
    expect(index.size).toBe(3);
    expect(index.has('r1')).toBe(false);
    expect(ids(index, 'manutencao')).toEqual([]);
    index.add([chunks[0] as IndexedChunkText]);
    expect(ids(index, 'manutencao')).toEqual(['r1']);
  });

  it('replaces a chunk added again under the same id', () => {
    const index = build();
    index.add([{ ...(chunks[3] as IndexedChunkText), text: 'Scaffolding rules.' }]);
    expect(index.size).toBe(chunks.length);
    expect(ids(index, 'scaffolding')).toEqual(['h1']);
    expect(ids(index, 'climbing')).toEqual([]);
  });

  it('round-trips through a snapshot and rejects damaged ones', () => {
    const index = build();
    index.removeDocument('budget');
    const restored = KeywordIndex.fromJSON(index.toJSON());
    expect(restored.size).toBe(5);
    expect(ids(restored, 'manutencao bombas')).toEqual(ids(index, 'manutencao bombas'));
    restored.removeDocument('report');
    expect(ids(restored, 'manutencao')).toEqual([]);
    expect(() => KeywordIndex.fromJSON('{not json')).toThrow(KeywordSnapshotError);
    expect(() => KeywordIndex.fromJSON('null')).toThrow(/rebuild/);
    const snapshot = JSON.parse(index.toJSON()) as { format: number; index: unknown };
    expect(() => KeywordIndex.fromJSON(JSON.stringify({ ...snapshot, format: 0 }))).toThrow(
      /format 0/,
    );
    expect(() => KeywordIndex.fromJSON(JSON.stringify({ ...snapshot, index: 5 }))).toThrow(
      KeywordSnapshotError,
    );
    expect(() =>
      KeywordIndex.fromJSON(JSON.stringify({ ...snapshot, documents: { x: ['only'] } })),
    ).toThrow(/disagree/);
  });
});
