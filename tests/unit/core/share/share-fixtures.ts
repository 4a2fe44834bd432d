// A typical conversation for the share tests: 20 messages, Portuguese and English, with
// markdown, a code block and Library citations, as a person would share one.
import type { ChatMessage } from '../../../../src/storage/types';

const QUESTIONS = [
  'Qual é o prazo para devolver um produto comprado na loja?',
  'E se o produto vier com defeito, quanto tempo eu tenho?',
  'How do I write a function in TypeScript that sums a list of numbers?',
  'Can you explain the difference between map and forEach?',
  'Resuma em três tópicos a política de reembolso.',
  'What are the opening hours of the harbor bike shop?',
  'Quais produtos não podem ser trocados?',
  'Write a short haiku about autumn rain.',
  'Como funciona a meia-entrada no jardim botânico?',
  'Thanks! One last thing: what is the late fee for bikes?',
];

const ANSWERS = [
  'Você pode devolver qualquer produto em até **30 dias corridos** após o recebimento, sem precisar explicar o motivo [1].',
  'Produtos com defeito podem ser trocados em até **90 dias** [1]. Abra um pedido em "Meus pedidos" e leve o produto aos Correios; o frete é gratuito.',
  'Here is one way:\n\n```ts\nexport function sum(values: readonly number[]): number {\n  return values.reduce((total, v) => total + v, 0);\n}\n```\n\nIt returns 0 for an empty list.',
  '`map` returns a **new array** with each element transformed, while `forEach` only runs a callback for its side effects and returns `undefined`. Prefer `map` when you need the result.',
  '- O reembolso usa a mesma forma de pagamento da compra.\n- Ele acontece em até 10 dias úteis.\n- O prazo conta a partir da chegada ao centro de distribuição em Campinas [1].',
  'The harbor shop is open every day from 7 am to 9 pm [1]. Bikes must be back before closing time.',
  'Produtos de higiene pessoal abertos, cartões-presente e itens personalizados não podem ser devolvidos, exceto com defeito [1].',
  'Cold rain on the roof —\nmaple leaves drift past the glass,\nthe kettle answers.',
  'Estudantes e pessoas acima de 60 anos pagam meia-entrada (R$ 10); crianças até 6 anos não pagam [1].',
  'A late fee of **$15** applies if a bike is returned after closing time [1].',
];

/** 20 messages: 10 questions and 10 answers, with citations on the Library answers. */
export function typicalConversation(): ChatMessage[] {
  const out: ChatMessage[] = [];
  const start = Date.UTC(2025, 4, 1, 12);
  QUESTIONS.forEach((question, i) => {
    const userId = `u${i}`;
    out.push({
      id: userId,
      conversationId: 'c1',
      parentId: i === 0 ? null : `a${i - 1}`,
      role: 'user',
      content: question,
      createdAt: start + i * 60_000,
    });
    const answer = ANSWERS[i] ?? '';
    out.push({
      id: `a${i}`,
      conversationId: 'c1',
      parentId: userId,
      role: 'assistant',
      content: answer,
      createdAt: start + i * 60_000 + 5_000,
      modelId: 'qwen2.5-0.5b-instruct-q4f16_1-MLC',
      params: { temperature: 0.7, topP: 0.9, maxNewTokens: 512 },
      ...(answer.includes('[1]')
        ? {
            citations: [
              {
                index: 1,
                documentId: 'd1',
                chunkId: `k${i}`,
                documentName: 'politica-de-trocas-loja-aurora.md',
                section: 'Prazo para devolução',
                text: 'O cliente pode devolver qualquer produto em até 30 dias corridos após o recebimento.',
              },
            ],
          }
        : {}),
    });
  });
  return out;
}
