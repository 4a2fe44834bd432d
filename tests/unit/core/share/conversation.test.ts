// From stored messages to shared content and back: only the shareable fields travel, personal
// data is found and masked across title, messages and citations, and import makes new rows
// with new ids in one linear branch.
import { describe, expect, it } from 'vitest';
import {
  conversationContent,
  findContentPii,
  importRows,
  maskContentPii,
} from '../../../../src/core/share/conversation';
import { typicalConversation } from './share-fixtures';

describe('shared conversations', () => {
  it('carries text, roles, times, models and citations, not ids or attachments', () => {
    const [first, second] = typicalConversation();
    const content = conversationContent('T', [
      { ...first!, rating: { stars: 5 }, tokens: { prompt: 1, completion: 2 } },
      second!,
    ]);
    expect(content.messages[0]).toEqual({
      role: 'user',
      content: first!.content,
      createdAt: first!.createdAt,
    });
    expect(content.messages[1]?.citations?.[0]).not.toHaveProperty('chunkId');
    expect(JSON.stringify(content)).not.toContain('"id"');
  });

  it('finds and masks personal data in the title, messages and citations', () => {
    const content = conversationContent('Maria maria@ex.com', typicalConversation().slice(0, 2));
    content.messages[0]!.content = 'Meu CPF é 529.982.247-25 e meu e-mail ana@ex.com.br';
    content.messages[1]!.citations![0]!.text = 'Cartão 4111 1111 1111 1111';
    const found = findContentPii(content);
    expect(found.map((f) => [f.kind, f.place.field])).toEqual([
      ['email', 'title'],
      ['cpf', 'content'],
      ['email', 'content'],
      ['card', 'citation'],
    ]);
    const onlyCpf = maskContentPii(
      content,
      found.filter((f) => f.kind === 'cpf'),
    );
    expect(onlyCpf.messages[0]?.content).toBe(
      'Meu CPF é •••.•••.•••-•• e meu e-mail ana@ex.com.br',
    );
    const all = maskContentPii(content);
    expect(findContentPii(all)).toEqual([]);
    expect(content.messages[0]?.content).toContain('529.982.247-25');
  });

  it('imports with new ids, as one branch, keeping citations as text', () => {
    const content = conversationContent('Shared', typicalConversation());
    let n = 0;
    const { conversation, messages } = importRows(content, () => `new-${n++}`, 99);
    expect(conversation.id).toBe('new-0');
    expect(messages.map((m) => m.id)).toEqual(messages.map((_, i) => `new-${i + 1}`));
    expect(messages.every((m) => m.conversationId === 'new-0')).toBe(true);
    expect(messages[0]?.parentId).toBeNull();
    expect(messages.slice(1).every((m, i) => m.parentId === messages[i]?.id)).toBe(true);
    expect(conversation.leafId).toBe(messages.at(-1)?.id);
    const cited = messages.find((m) => m.citations);
    expect(cited?.citations?.[0]?.text).toContain('30 dias');
    expect(cited?.citations?.[0]?.documentId).toMatch(/^shared:/);
  });
});
