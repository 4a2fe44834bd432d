import { describe, expect, it } from 'vitest';
import {
  ratedExchanges,
  toJsonl,
  type RatedExchange,
} from '../../../../src/core/chat/ratings-export';
import type { ChatMessage } from '../../../../src/storage';

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);

function message(
  id: string,
  role: ChatMessage['role'],
  content: string,
  parentId: string | null,
  extra: Partial<ChatMessage> = {},
): ChatMessage {
  return { id, conversationId: 'c1', parentId, role, content, createdAt: T0, ...extra };
}

const FIELDS = [
  'prompt',
  'answer',
  'rating',
  'model',
  'persona',
  'conversationId',
  'messageId',
  'createdAt',
];

const conversation: ChatMessage[] = [
  message('sys', 'system', 'Be helpful', null),
  message('u1', 'user', 'Qual é a capital?', 'sys', { createdAt: T0 + 1 }),
  message('a1', 'assistant', 'Brasília.', 'u1', {
    createdAt: T0 + 30_000,
    modelId: 'qwen-0.5b',
    personaId: 'estudo',
    rating: { stars: 5, comment: '  perfeito  ' },
  }),
  message('u2', 'user', 'E a maior cidade?', 'a1', { createdAt: T0 + 3, rating: { stars: 1 } }),
  message('a2', 'assistant', 'São Paulo.', 'u2', {
    createdAt: T0 + 10_000,
    rating: { stars: 4, comment: '   ' },
  }),
  message('a3', 'assistant', 'Not rated', 'u2', { createdAt: T0 + 5 }),
  message('orphan', 'assistant', 'Parent gone', 'deleted', {
    createdAt: T0 + 6,
    rating: { stars: 2 },
  }),
  message('rootless', 'assistant', 'No parent', null, { createdAt: T0 + 7, rating: { stars: 2 } }),
  message('a-of-a', 'assistant', 'Answer to an answer', 'a1', {
    createdAt: T0 + 8,
    rating: { stars: 3 },
  }),
  message('a-of-sys', 'assistant', 'Answer to system', 'sys', {
    createdAt: T0 + 9,
    rating: { stars: 3 },
  }),
];

describe('ratedExchanges', () => {
  const rows = ratedExchanges(conversation);

  it('keeps only rated assistant answers to user messages, ordered by createdAt', () => {
    expect(rows.map((r) => r.messageId)).toEqual(['a2', 'a1']);
  });

  it('pairs each answer with the user message it answers, with model and persona', () => {
    expect(rows[1]).toEqual({
      prompt: 'Qual é a capital?',
      answer: 'Brasília.',
      rating: 5,
      comment: 'perfeito',
      model: 'qwen-0.5b',
      persona: 'estudo',
      conversationId: 'c1',
      messageId: 'a1',
      createdAt: '2025-01-15T12:00:30.000Z',
    });
  });

  it('uses null for a missing model or persona and omits a blank comment', () => {
    expect(rows[0]?.model).toBeNull();
    expect(rows[0]?.persona).toBeNull();
    expect(rows[0]).not.toHaveProperty('comment');
  });

  it('returns nothing when nothing is rated', () => {
    expect(ratedExchanges([])).toEqual([]);
    expect(ratedExchanges(conversation.map((m) => ({ ...m, rating: undefined })))).toEqual([]);
  });
});

describe('toJsonl', () => {
  it('is empty for no rows', () => {
    expect(toJsonl([])).toBe('');
  });

  it('writes one parseable object per line, each line ending in a newline', () => {
    const text = toJsonl(ratedExchanges(conversation));
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      const row = JSON.parse(line) as Record<string, unknown>;
      for (const field of FIELDS) expect(row).toHaveProperty(field);
    }
  });

  it('round-trips newlines, quotes, accents, emoji and line separators', () => {
    const tricky: RatedExchange = {
      prompt: 'Linha 1\nLinha 2\r\n"aspas" e \\barra\\ ação 🎉',
      answer: 'Tab\there \u2028 sep \u2029 end — 日本語 🇧🇷',
      rating: 3,
      comment: 'ótimo, "sério"\nmesmo',
      model: null,
      persona: 'padrão',
      conversationId: 'c2',
      messageId: 'm2',
      createdAt: '2025-01-15T12:00:00.000Z',
    };
    const text = toJsonl([tricky, { ...tricky, messageId: 'm3' }]);
    expect(text).not.toMatch(/[\u2028\u2029\r]/);
    const lines = text.split(/\r?\n|\u2028|\u2029/).filter((l) => l !== '');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? '')).toEqual(tricky);
    expect(JSON.parse(lines[1] ?? '')).toEqual({ ...tricky, messageId: 'm3' });
  });
});
