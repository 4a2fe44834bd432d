/**
 * The chat-history bench's conversations: seeded, deterministic prose in Portuguese and English
 * (each message leans to one), markdown answers as models write them, and a few rare words so
 * that some searches find a handful of messages and not thousands.
 */
import type { ChatMessage, Conversation } from '../src/storage/types.ts';
import { seededRandom } from '../scripts/fixtures/fixture-bytes.ts';

// Function words first: picks lean towards the start of each list, roughly as in real text.
// prettier-ignore
const PT = [
  'o', 'a', 'de', 'que', 'e', 'para', 'com', 'uma', 'não', 'no', 'da', 'por', 'mais', 'como',
  'casa', 'projeto', 'reunião', 'café', 'dados', 'janela', 'cliente', 'prazo', 'orçamento',
  'viagem', 'jardim', 'tarefa', 'equipe', 'notícia', 'semana', 'música', 'cidade', 'livro',
  'relatório', 'manutenção', 'pergunta', 'resposta', 'modelo', 'arquivo', 'contrato', 'reunir',
];
// prettier-ignore
const EN = [
  'the', 'and', 'of', 'to', 'a', 'is', 'with', 'for', 'this', 'that', 'on', 'we', 'it', 'be',
  'meeting', 'budget', 'window', 'garden', 'river', 'coffee', 'planning', 'schedule', 'invoice',
  'travel', 'team', 'weekly', 'music', 'city', 'book', 'idea', 'report', 'question', 'answer',
  'notes', 'deadline', 'client', 'draft', 'review', 'summary', 'release',
];

/** Words that few messages hold, so some searches find a handful and not thousands. */
// prettier-ignore
const RARE = [
  'turbina', 'hipoteca', 'Lisboa', 'orquídea', 'vacina', 'aniversário', 'kubernetes', 'sourdough',
  'mortgage', 'Tokyo', 'violin', 'thermostat',
];

/** A whole number in [0, n) from the shared seeded generator (mulberry32). */
function prng(seed: number): (n: number) => number {
  const next = seededRandom(seed);
  return (n) => Math.floor(next() * n);
}

/** Sentences in Portuguese or English (each message leans to one), with a few borrowed words. */
function prose(next: (n: number) => number, words: number, pt = next(3) > 0): string {
  const pick = (): string => {
    if (next(300) === 0) return RARE[next(RARE.length)]!;
    const list = (next(10) === 0) !== pt ? PT : EN;
    const r = next(1000) / 1000;
    return list[Math.floor(r * r * list.length)]!;
  };
  const out: string[] = [];
  while (out.length < words) {
    const length = Math.min(6 + next(10), words - out.length);
    const sentence = Array.from({ length }, pick);
    sentence[0] = sentence[0]!.charAt(0).toUpperCase() + sentence[0]!.slice(1);
    out.push(...sentence.slice(0, -1), `${sentence.at(-1)!}.`);
  }
  return out.join(' ');
}

/** Markdown as models write it: a heading, emphasis, a list, code, sometimes a table. */
function markdownAnswer(next: (n: number) => number, words: number): string {
  const third = Math.max(5, Math.floor(words / 3));
  const parts = [
    `## ${prose(next, 3).replace(/\.$/, '')}`,
    `**${prose(next, 2).replace(/\.$/, '')}**: ${prose(next, third)}`,
    ['- ', '- ', '- '].map((dash) => dash + prose(next, 4)).join('\n'),
    '```ts\nconst total = items.reduce((sum, item) => sum + item.price, 0);\nconsole.log(total);\n```',
    prose(next, third),
  ];
  if (next(3) === 0) parts.push('| item | valor |\n| --- | ---: |\n| café | 3 |\n| book | 12 |');
  return parts.join('\n\n');
}

export function seedRows(
  size: number,
  now: number,
): { conversation: Conversation; messages: ChatMessage[] } {
  const next = prng(size);
  const id = `bench-${size}`;
  const createdAt = now - size * 60_000;
  const messages: ChatMessage[] = Array.from({ length: size }, (_, i) => {
    const role = i % 2 === 0 ? ('user' as const) : ('assistant' as const);
    const words = 20 + next(181);
    const content =
      role === 'assistant' && next(3) === 0 ? markdownAnswer(next, words) : prose(next, words);
    return {
      id: `${id}-m${i}`,
      conversationId: id,
      parentId: i === 0 ? null : `${id}-m${i - 1}`,
      role,
      content,
      createdAt: createdAt + i * 1000,
    };
  });
  const conversation: Conversation = {
    id,
    title: `Histórico longo (${size})`,
    createdAt,
    updatedAt: createdAt + size * 1000,
    pinned: false,
    archived: false,
    collectionIds: [],
    leafId: messages.at(-1)!.id,
  };
  return { conversation, messages };
}
