import { describe, expect, it } from 'vitest';
import {
  STOPWORDS,
  foldAccents,
  foldWithOffsets,
  processTerm,
  stemTerm,
  tokenize,
  wordSpans,
} from '../../../../src/core/text/fold';

describe('foldAccents', () => {
  it('lowercases and strips Portuguese diacritics, ç included', () => {
    expect(foldAccents('Ação É Três CORAÇÕES à vovô')).toBe('acao e tres coracoes a vovo');
  });

  it('folds decomposed input the same as precomposed', () => {
    expect(foldAccents('a\u0303o')).toBe(foldAccents('ão'));
  });

  it('keeps digits, punctuation and emoji as they are', () => {
    expect(foldAccents('R$ 1.234,50 🎉')).toBe('r$ 1.234,50 🎉');
    expect(foldAccents('')).toBe('');
  });
});

describe('foldWithOffsets', () => {
  it('maps each folded code unit back to the original, across decomposed marks and emoji', () => {
    const text = '🎉 Na\u0303o sei';
    const { folded, origin } = foldWithOffsets(text);
    expect(folded).toBe('🎉 nao sei');
    const start = folded.indexOf('nao');
    const end = start + 'nao sei'.length;
    expect(text.slice(origin[start], origin[end])).toBe('Na\u0303o sei');
    expect(origin).toHaveLength(folded.length + 1);
    expect(origin.at(-1)).toBe(text.length);
  });
});

describe('tokenize', () => {
  it('splits on spaces, punctuation, apostrophes and hyphens, folded', () => {
    expect(tokenize("Don't stop: guarda-chuva, d'água!")).toEqual([
      'don',
      't',
      'stop',
      'guarda',
      'chuva',
      'd',
      'agua',
    ]);
  });

  it('keeps numbers and drops emoji and lone punctuation', () => {
    expect(tokenize('Versão 2.0 🚀 — 100%')).toEqual(['versao', '2', '0', '100']);
    expect(tokenize('')).toEqual([]);
    expect(tokenize('… !!! 🎉🎉')).toEqual([]);
  });

  it('handles non-Latin scripts as words', () => {
    expect(tokenize('Привет мир 東京')).toEqual(['привет', 'мир', '東京']);
  });
});

describe('wordSpans', () => {
  it('gives the same words as tokenize, at their original positions', () => {
    const samples = [
      'Informações sobre a AÇÃO, já!',
      "it's a well-known fact",
      'Na\u0303o sei 🎉 2024',
      '  leading and trailing  ',
    ];
    for (const text of samples) {
      const spans = wordSpans(text);
      expect(spans.map((s) => s.word)).toEqual(tokenize(text));
      for (const span of spans) {
        expect(foldAccents(text.slice(span.start, span.end))).toBe(span.word);
      }
    }
  });

  it('points at the exact original substring', () => {
    const text = 'Olá, INFORMAÇÕES!';
    expect(wordSpans(text).map((s) => text.slice(s.start, s.end))).toEqual(['Olá', 'INFORMAÇÕES']);
  });
});

describe('stemTerm', () => {
  it.each([
    ['informacoes', 'informacao'],
    ['acoes', 'acao'],
    ['botoes', 'botao'],
    ['animais', 'animal'],
    ['papeis', 'papel'],
    ['livros', 'livro'],
    ['rapidamente', 'rapida'],
    ['cities', 'city'],
    ['studied', 'study'],
    ['runs', 'run'],
    ['running', 'run'],
    ['stopped', 'stop'],
    ['called', 'call'],
  ])('%s → %s', (word, stem) => {
    expect(stemTerm(word)).toBe(stem);
  });

  it.each([
    ['cidade', 'cidades'],
    ['box', 'boxes'],
    ['match', 'matches'],
    ['class', 'classes'],
    ['make', 'making'],
    ['mes', 'meses'],
    ['flor', 'flores'],
  ])('%s and %s meet', (a, b) => {
    expect(stemTerm(a)).toBe(stemTerm(b));
  });

  it('leaves short words, protected endings and numbers intact', () => {
    for (const word of ['sol', 'gas', 'bus', 'status', 'lapis', 'analysis', 'string', 'thing']) {
      expect(stemTerm(word)).toBe(word);
    }
    expect(stemTerm('1990s')).toBe('1990s');
    expect(stemTerm('')).toBe('');
  });
});

describe('processTerm', () => {
  it('makes accented, unaccented and plural Portuguese forms meet', () => {
    const acao = processTerm('Ação');
    expect(acao).toBe('acao');
    expect(processTerm('acao')).toBe(acao);
    expect(processTerm('AÇÕES')).toBe(acao);
    expect(processTerm('informações')).toBe(processTerm('informacao'));
  });

  it('makes English inflections meet', () => {
    expect(processTerm('runs')).toBe(processTerm('run'));
    expect(processTerm('running')).toBe(processTerm('run'));
  });

  it('drops stopwords in both languages, but never negations', () => {
    expect(processTerm('the')).toBeNull();
    expect(processTerm('Para')).toBeNull();
    expect(processTerm('você')).toBeNull();
    expect(processTerm('')).toBeNull();
    expect(processTerm('não')).toBe('nao');
    expect(processTerm('not')).toBe('not');
    expect(processTerm('nunca')).toBe('nunca');
  });

  it('keeps numbers', () => {
    expect(processTerm('2024')).toBe('2024');
  });
});

describe('STOPWORDS', () => {
  it('holds only folded words', () => {
    for (const word of STOPWORDS) expect(foldAccents(word)).toBe(word);
    expect(STOPWORDS.has('voce')).toBe(true);
    expect(STOPWORDS.has('nao')).toBe(false);
  });
});
