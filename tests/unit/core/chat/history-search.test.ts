import { describe, expect, it } from 'vitest';
import {
  HistorySearch,
  type HistoryHit,
  type SearchableMessage,
} from '../../../../src/core/chat/history-search';
import { seededRandom } from '../../../../scripts/fixtures/fixture-bytes.ts';

let clock = 1_700_000_000_000;
function msg(
  id: string,
  content: string,
  extra: Partial<SearchableMessage> = {},
): SearchableMessage {
  clock += 1000;
  return { id, conversationId: 'c1', role: 'user', content, createdAt: clock, ...extra };
}

function indexOf(...messages: SearchableMessage[]): HistorySearch {
  const index = new HistorySearch();
  index.addAll(messages);
  return index;
}

const ids = (hits: HistoryHit[]): string[] => hits.map((h) => h.messageId);

/** The highlighted substrings, read from the snippet text. */
const marked = (hit: HistoryHit | undefined): string[] =>
  (hit?.snippet.highlights ?? []).map(([s, e]) => hit?.snippet.text.slice(s, e) ?? '');

describe('HistorySearch matching', () => {
  const index = indexOf(
    msg('accent', 'A Ação foi concluída ontem.'),
    msg('plain', 'acao sem acento nenhum'),
    msg('info', 'Preciso de mais informações sobre o contrato'),
    msg('paper', 'Os papéis estão na mesa'),
    msg('en', 'The runner keeps running every morning'),
    msg('other', 'Nada a ver com o resto'),
  );

  it('finds accented text with an unaccented query and the other way round', () => {
    expect(ids(index.search('acao')).sort()).toEqual(['accent', 'plain']);
    expect(ids(index.search('AÇÃO')).sort()).toEqual(['accent', 'plain']);
  });

  it('matches Portuguese plurals against singulars', () => {
    expect(ids(index.search('informacao'))).toEqual(['info']);
    expect(ids(index.search('papel'))).toEqual(['paper']);
    expect(ids(index.search('ações')).sort()).toEqual(['accent', 'plain']);
  });

  it('requires every query word to match', () => {
    expect(ids(index.search('acao concluida'))).toEqual(['accent']);
    expect(index.search('acao contrato')).toEqual([]);
  });

  it('matches the last word as a prefix, and only the last', () => {
    expect(ids(index.search('contr'))).toEqual(['info']);
    expect(ids(index.search('informacoes contr'))).toEqual(['info']);
    expect(index.search('contr informacoes')).toEqual([]);
  });

  it('forgives one typo in long words only', () => {
    expect(ids(index.search('contrata mais'))).toEqual(['info']);
    expect(ids(index.search('contrto'))).toEqual(['info']);
    expect(index.search('mess')).toEqual([]);
  });

  it('finds English inflections', () => {
    expect(ids(index.search('run morning'))).toEqual(['en']);
  });

  it('returns nothing for empty, blank, punctuation-only or stopword-only queries', () => {
    for (const query of ['', '   ', '?!…', 'o a de para', 'the of and']) {
      expect(index.search(query)).toEqual([]);
    }
  });

  it('keeps negations searchable', () => {
    const withNao = indexOf(msg('n', 'Eu não quero isso'), msg('y', 'Eu quero isso'));
    expect(ids(withNao.search('não'))).toEqual(['n']);
  });
});

describe('HistorySearch filters and ranking', () => {
  it('filters by conversation', () => {
    const index = indexOf(
      msg('a', 'orçamento da viagem', { conversationId: 'trip' }),
      msg('b', 'orçamento da obra', { conversationId: 'house' }),
    );
    expect(ids(index.search('orcamento')).sort()).toEqual(['a', 'b']);
    expect(ids(index.search('orcamento', { conversationId: 'house' }))).toEqual(['b']);
    expect(index.search('orcamento', { conversationId: 'none' })).toEqual([]);
  });

  it('ranks the more relevant message first, then newer among equals', () => {
    const index = indexOf(
      msg('old-same', 'kubernetes cluster'),
      msg('weak', 'we talked about many things today and one was kubernetes, among others'),
      msg('new-same', 'kubernetes cluster'),
    );
    const hits = index.search('kubernetes');
    expect(ids(hits)).toEqual(['new-same', 'old-same', 'weak']);
    expect(hits[0]?.score).toBeGreaterThan(hits[2]?.score ?? Infinity);
  });

  it('ranks an exact match above a fuzzy one', () => {
    const index = indexOf(msg('fuzzy', 'the banana recipe'), msg('exact', 'the bandana style'));
    expect(ids(index.search('bandana'))).toEqual(['exact', 'fuzzy']);
  });

  it('honours the limit', () => {
    const index = indexOf(...Array.from({ length: 80 }, (_, i) => msg(`m${i}`, `tema ${i}`)));
    expect(index.search('tema')).toHaveLength(50);
    expect(index.search('tema', { limit: 3 })).toHaveLength(3);
    expect(index.search('tema', { limit: 3 }).map((h) => h.messageId)).toEqual([
      'm79',
      'm78',
      'm77',
    ]);
  });
  it('keeps every hit tied with the last one kept, so the newest of equals win the cut', () => {
    // Three scores (by length), 40 messages each, written oldest first but interleaved.
    const words = ['tema', 'tema outra', 'tema outra coisa'];
    const all = Array.from({ length: 120 }, (_, i) => msg(`m${i}`, words[i % 3]!));
    const index = indexOf(...all);
    const hits = index.search('tema', { limit: 50 });
    const best = all.filter((_, i) => i % 3 === 0).reverse();
    const next = all.filter((_, i) => i % 3 === 1).reverse();
    expect(ids(hits)).toEqual([...best, ...next.slice(0, 10)].map((m) => m.id));
  });

  it('gives what sorting every match would give, on a random corpus', () => {
    const random = seededRandom(7);
    const vocab = ['rio', 'mar', 'sol', 'lua', 'céu', 'vento', 'chuva', 'nuvem'];
    const all = Array.from({ length: 600 }, (_, i) =>
      msg(
        `r${i}`,
        Array.from(
          { length: 2 + Math.floor(random() * 6) },
          () => vocab[Math.floor(random() * 8)],
        ).join(' '),
      ),
    );
    const index = indexOf(...all);
    for (const query of ['rio', 'mar sol', 'chuv', 'vento nuvem']) {
      const everything = index.search(query, { limit: 10_000 });
      for (const limit of [1, 7, 50]) {
        expect(ids(index.search(query, { limit }))).toEqual(ids(everything.slice(0, limit)));
      }
    }
  });
});

describe('HistorySearch updates', () => {
  it('upsert replaces content, so old words stop matching', () => {
    const index = indexOf(msg('s', 'Olá'));
    index.upsert({ ...msg('s', 'Olá, o relatório'), createdAt: 1 });
    expect(index.size).toBe(1);
    expect(ids(index.search('relatorio'))).toEqual(['s']);
    index.upsert(msg('s', 'Resposta final sobre orçamento'));
    expect(index.search('relatorio')).toEqual([]);
    expect(ids(index.search('orcamento'))).toEqual(['s']);
  });

  it('upsert adds unknown messages, and addAll replaces known ones', () => {
    const index = new HistorySearch();
    index.upsert(msg('x', 'primeira versão'));
    index.addAll([msg('x', 'segunda versão'), msg('y', 'outra coisa')]);
    expect(index.size).toBe(2);
    expect(index.search('primeira')).toEqual([]);
    expect(ids(index.search('segunda'))).toEqual(['x']);
  });

  it('remove and removeConversation forget messages', () => {
    const index = indexOf(
      msg('a', 'planeta vermelho', { conversationId: 'k1' }),
      msg('b', 'planeta azul', { conversationId: 'k2' }),
      msg('c', 'planeta verde', { conversationId: 'k2' }),
    );
    index.remove('a');
    index.remove('missing');
    expect(index.has('a')).toBe(false);
    expect(ids(index.search('planeta')).sort()).toEqual(['b', 'c']);
    index.removeConversation('k2');
    expect(index.size).toBe(0);
    expect(index.search('planeta')).toEqual([]);
    index.upsert(msg('a', 'planeta de volta'));
    expect(ids(index.search('planeta'))).toEqual(['a']);
  });
});

describe('HistorySearch snippets', () => {
  it('highlights the original words, accents and case as written', () => {
    const content = 'Sobre as AÇÕES: a ação principal e informações extras.';
    const hit = indexOf(msg('h', content)).search('acao informacao')[0];
    expect(hit?.snippet.text).toBe(content);
    expect(marked(hit)).toEqual(['AÇÕES', 'ação', 'informações']);
    expect(hit?.snippet.highlights.map(([s, e]) => content.slice(s, e))).toEqual([
      'AÇÕES',
      'ação',
      'informações',
    ]);
  });

  it('highlights whole words for a prefix match', () => {
    const hit = indexOf(msg('p', 'O contrato foi assinado')).search('contr')[0];
    expect(marked(hit)).toEqual(['contrato']);
  });

  it('cuts long content around the best match, at word boundaries, with ellipses', () => {
    const filler = 'palavra comum sem interesse nenhum aqui '.repeat(10);
    const content = `${filler}o tesouro escondido estava no fim ${filler}`;
    const hit = indexOf(msg('long', content)).search('tesouro escondido')[0];
    const text = hit?.snippet.text ?? '';
    expect(text.length).toBeLessThanOrEqual(160);
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(marked(hit)).toEqual(['tesouro', 'escondido']);
    const inner = text.slice(1, -1);
    expect(content).toContain(inner);
    const at = content.indexOf(inner);
    expect(content[at - 1]).toMatch(/\s/);
    expect(content[at + inner.length]).toMatch(/\s/);
  });

  it('prefers the window that holds all the query words', () => {
    const filler = 'texto de enchimento qualquer '.repeat(12);
    const content = `gato sozinho aqui. ${filler} gato e cachorro juntos. ${filler}`;
    const hit = indexOf(msg('w', content)).search('gato cachorro')[0];
    expect(marked(hit)).toEqual(['gato', 'cachorro']);
    expect(hit?.snippet.text).toContain('gato e cachorro juntos');
  });
});

describe('HistorySearch at scale', () => {
  it('finds one planted sentence among 10,000 messages', () => {
    const words = (
      'casa carro mesa janela livro escola trabalho projeto reunião email cliente código ' +
      'sistema dados tabela gráfico equipe prazo tarefa ideia the house car table window ' +
      'book school work project meeting client code system data chart team deadline task ' +
      'idea café tempo cidade viagem praia montanha música filme série jogo'
    ).split(' ');
    const random = seededRandom(42);
    const pick = (): string => words[Math.floor(random() * words.length)] ?? 'casa';
    const messages: SearchableMessage[] = [];
    for (let i = 0; i < 10_000; i++) {
      const length = 5 + Math.floor(random() * 40);
      const content = Array.from({ length }, pick).join(' ');
      messages.push({
        id: `m${i}`,
        conversationId: `c${i % 200}`,
        role: i % 2 === 0 ? 'user' : 'assistant',
        content,
        createdAt: 1_700_000_000_000 + i,
      });
    }
    const planted = 'O relatório trimestral de sustentabilidade foi aprovado pela diretoria';
    messages.splice(6_543, 0, {
      id: 'planted',
      conversationId: 'c7',
      role: 'assistant',
      content: `${pick()} ${pick()} ${planted} ${pick()}`,
      createdAt: 1_700_000_005_000,
    });
    const index = new HistorySearch();
    index.addAll(messages);
    expect(index.size).toBe(10_001);
    const hits = index.search('relatorio sustentabilidade aprovad');
    expect(hits[0]?.messageId).toBe('planted');
    expect(marked(hits[0])).toEqual(['relatório', 'sustentabilidade', 'aprovado']);
    expect(index.search('projeto reuniao', { limit: 5 })).toHaveLength(5);
  });
});
