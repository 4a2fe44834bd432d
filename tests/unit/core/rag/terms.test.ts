// How the Library reads words (terms.ts), on its own and through the real keyword index:
// months across pt/en names and abbreviations, numbers across thousands separators and
// decimal commas or points, accents — the same on the index side and the question side.
import { describe, expect, it } from 'vitest';
import {
  KEYWORD_FORMAT_VERSION,
  KeywordIndex,
  KeywordSnapshotError,
  type IndexedChunkText,
} from '../../../../src/core/rag/keyword-index';
import { libraryTermsOf, libraryTokenSpans, libraryTokens } from '../../../../src/core/rag/terms';

const month = (text: string): string[] =>
  libraryTermsOf(text).filter((term) => term.startsWith('month:'));

describe('libraryTermsOf: months', () => {
  it('gives one month term for pt and en names and abbreviations, dots and case aside', () => {
    for (const text of ['julho', 'Julho', 'jul', 'Jul.', 'JUL', 'July', 'july']) {
      expect(month(text), text).toEqual(['month:07']);
    }
    for (const text of ['março', 'marco', 'Mar.', 'March'])
      expect(month(text)).toEqual(['month:03']);
    for (const text of ['setembro', 'set', 'Sep', 'Sept.', 'September']) {
      expect(month(text)).toEqual(['month:09']);
    }
    expect(month('fev feb fevereiro February')).toEqual(Array(4).fill('month:02'));
    expect(month('dez. dec December dezembro')).toEqual(Array(4).fill('month:12'));
  });

  it('keeps the word itself beside the month term, so the exact word still ranks first', () => {
    expect(libraryTermsOf('julho')).toEqual(['julho', 'month:07']);
    expect(libraryTermsOf('Jul')).toEqual(['jul', 'month:07']);
    expect(libraryTermsOf('receita')).toEqual(['receita']);
  });
});

describe('libraryTermsOf: numbers', () => {
  it('reads thousands separators away, pt and en', () => {
    expect(libraryTermsOf('1234')).toEqual(['1234']);
    expect(libraryTermsOf('1.234.567')).toEqual(['1234567']);
    expect(libraryTermsOf('1,234,567')).toEqual(['1234567']);
    expect(libraryTermsOf('2.000')).toEqual(['2000']);
  });

  it('reads a decimal comma or point the same where that is unambiguous', () => {
    expect(libraryTermsOf('3,5')).toEqual(['3.5']);
    expect(libraryTermsOf('3.5')).toEqual(['3.5']);
    expect(libraryTermsOf('R$ 1.234,56')).toEqual(['r', '1234.56']);
    expect(libraryTermsOf('$1,234.56')).toEqual(['1234.56']);
    expect(libraryTermsOf('12,50')).toEqual(['12.5']);
    expect(libraryTermsOf('0,234')).toEqual(['0.234']);
  });

  it('reads one separator before three digits both ways', () => {
    expect(libraryTermsOf('1.234')).toEqual(['1234', '1.234']);
    expect(libraryTermsOf('1,234')).toEqual(['1234', '1.234']);
  });

  it('splits dates, versions and addresses into their parts as before', () => {
    expect(libraryTermsOf('12.07.2025')).toEqual(['12', '07', '2025']);
    expect(libraryTermsOf('0.2.0')).toEqual(['0', '2', '0']);
    expect(libraryTermsOf('192.168.0.1')).toEqual(['192', '168', '0', '1']);
    expect(libraryTermsOf('2024-07-01')).toEqual(['2024', '07', '01']);
  });

  it('ends a number at sentence punctuation and leaves words with digits whole', () => {
    expect(libraryTokens('Custou 1.234. Depois 10kg e v2.')).toEqual([
      'custou',
      '1.234',
      'depois',
      '10kg',
      'e',
      'v2',
    ]);
  });
});

describe('libraryTermsOf: accents and stopwords', () => {
  it('folds accents and drops stopwords as the history search does', () => {
    expect(libraryTermsOf('Ação das informações')).toEqual(libraryTermsOf('acao das informacao'));
    expect(libraryTermsOf('o de a the of')).toEqual([]);
  });

  it('locates tokens in the text as written', () => {
    const text = 'Receita: R$ 1.234,56 em Jul.';
    const spans = libraryTokenSpans(text).map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual(['Receita', 'R', '1.234,56', 'em', 'Jul']);
  });
});

const rows: IndexedChunkText[] = [
  ['pt-mai', 'vendas.csv', 'Mês: mai; Receita (R$): 101.250,00'],
  ['pt-jul', 'vendas.csv', 'Mês: jul; Receita (R$): 112.730,40'],
  ['pt-ago', 'vendas.csv', 'Mês: ago; Receita (R$): 110.480,00'],
  ['en-jun', 'shipments.csv', 'Month: June; Units shipped: 1,342'],
  ['en-jul', 'shipments.csv', 'Month: July; Units shipped: 1,377'],
  ['en-notes', 'notes.txt', 'The café terrace opens in spring; costs were 3.5 million.'],
].map(([id, documentName, text]) => ({
  id: id!,
  documentId: documentName!,
  documentName: documentName!,
  text: text!,
}));

function index(): KeywordIndex {
  const built = new KeywordIndex();
  built.add(rows);
  return built;
}

const top = (query: string): string | undefined => index().search(query, { limit: 5 })[0]?.chunkId;

describe('KeywordIndex with these terms', () => {
  it('answers a month asked in Portuguese from the row that abbreviates it (pt and en rows)', () => {
    expect(top('Qual foi a receita de julho?')).toBe('pt-jul');
    expect(top('receita em Jul.')).toBe('pt-jul');
    expect(top('units shipped in julho')).toBe('en-jul');
    expect(top('How many units were shipped in Jul?')).toBe('en-jul');
    expect(top('receita de agosto')).toBe('pt-ago');
  });

  it('matches numbers across separators and decimal marks, both ways', () => {
    expect(top('112730,40')).toBe('pt-jul');
    expect(top('112730.4')).toBe('pt-jul');
    expect(top('1377 units')).toBe('en-jul');
    expect(top('1.377')).toBe('en-jul');
    expect(top('3,5 million')).toBe('en-notes');
  });

  it('matches accents both ways', () => {
    expect(top('cafe terrace')).toBe('en-notes');
    expect(top('mes de mai')).toBe('pt-mai');
  });

  it('never fuzzes a number or a month into a neighbour', () => {
    expect(index().search('1378', { limit: 5 })).toEqual([]);
    expect(
      index()
        .search('junho', { limit: 5 })
        .map((h) => h.chunkId),
    ).toEqual(['en-jun']);
  });

  it('rebuilds from the chunks when a snapshot predates these terms', () => {
    expect(KEYWORD_FORMAT_VERSION).toBe(2);
    const snapshot = JSON.parse(index().toJSON()) as { format: number };
    expect(snapshot.format).toBe(KEYWORD_FORMAT_VERSION);
    const old = JSON.stringify({ ...snapshot, format: 1 });
    expect(() => KeywordIndex.fromJSON(old)).toThrow(KeywordSnapshotError);
  });
});
