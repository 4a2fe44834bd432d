import { describe, expect, it } from 'vitest';
import {
  detectSuggestion,
  suggestionPrompt,
  type SuggestionAction,
  type SuggestionSignal,
} from '../../../../src/core/chat/suggestions';

/** [text, signal, phrase expected in `matched`] */
type Case = [string, SuggestionSignal, string];

const portuguese: Case[] = [
  ['Estou em dúvida entre o plano A e o B', 'indecision', 'Estou em dúvida'],
  ['Não sei se aceito a proposta', 'indecision', 'Não sei'],
  ['nao sei qual notebook comprar', 'indecision', 'nao sei'],
  ['Fico na dúvida toda vez', 'indecision', 'Fico na dúvida'],
  ['Qual escolher: Python ou Go?', 'indecision', 'Qual escolher'],
  ['Não sei.', 'indecision', 'Não sei'],
  ['Como funciona o imposto de renda?', 'help', 'Como funciona'],
  ['Preciso de ajuda com a planilha', 'help', 'Preciso de ajuda'],
  ['me ajuda a organizar a semana', 'help', 'me ajuda'],
  ['Como faço para exportar o PDF?', 'help', 'Como faço'],
  ['Onde encontrar o regulamento?', 'information', 'Onde encontrar'],
  ['Onde acho os dados de 2023?', 'information', 'Onde acho'],
  ['Onde posso encontrar o manual?', 'information', 'Onde posso encontrar'],
  ['Estou procurando informações sobre o edital', 'information', 'procurando informações'],
  ['Não consigo instalar o programa', 'frustration', 'Não consigo'],
  ['Isso é muito complicado', 'frustration', 'muito complicado'],
  ['Está difícil demais, desisto', 'frustration', 'difícil demais'],
  ['O botão não funciona', 'frustration', 'não funciona'],
  ['Que frustrante!', 'frustration', 'frustrante'],
  ['Não entendi a última parte', 'clarification', 'Não entendi'],
  ['Pode explicar de novo?', 'clarification', 'Pode explicar'],
  ['Explica melhor esse conceito', 'clarification', 'Explica melhor'],
  ['O que significa amortização?', 'clarification', 'O que significa'],
];

const english: Case[] = [
  ["I'm not sure which laptop to buy", 'indecision', "I'm not sure"],
  ['I can’t decide between the two offers', 'indecision', 'I can’t decide'],
  ["I'm torn between Rust and Go", 'indecision', 'torn between'],
  ['Should I take the job or stay?', 'indecision', 'Should I take the job or'],
  ['How does compound interest work?', 'help', 'How does compound interest work'],
  ['I need help with my resume', 'help', 'I need help'],
  ['How do I reset my password?', 'help', 'How do I'],
  ['Could you help with this email?', 'help', 'Could you help'],
  ['Where can I find the 2023 report?', 'information', 'Where can I find'],
  ['Where do I find the settings?', 'information', 'Where do I find'],
  ["I'm looking for information on visas", 'information', 'looking for information'],
  ['Where to find cheap flights', 'information', 'Where to find'],
  ["I can't get the build to pass", 'frustration', "I can't get"],
  ['This is confusing', 'frustration', 'This is confusing'],
  ['So frustrating!!', 'frustration', 'frustrating'],
  ["The script doesn't work", 'frustration', "doesn't work"],
  ['It is way too complicated for me', 'frustration', 'too complicated'],
  ["I don't understand the second step", 'clarification', "I don't understand"],
  ['Can you explain that part?', 'clarification', 'Can you explain'],
  ['What do you mean by latency?', 'clarification', 'What do you mean'],
  ['What does idempotent mean?', 'clarification', 'What does idempotent mean'],
];

describe('detectSuggestion', () => {
  it.each([...portuguese, ...english])('%s → %s', (text, signal, phrase) => {
    const found = detectSuggestion(text);
    expect(found?.signal).toBe(signal);
    expect(found?.matched).toBe(phrase);
    expect(text).toContain(found?.matched);
  });

  it('has at least four examples of every signal in each language', () => {
    for (const cases of [portuguese, english]) {
      for (const signal of ['indecision', 'help', 'information', 'frustration', 'clarification']) {
        expect(cases.filter((c) => c[1] === signal).length).toBeGreaterThanOrEqual(4);
      }
    }
  });

  it('ignores case, accents and curly apostrophes', () => {
    expect(detectSuggestion('NAO ENTENDI')?.signal).toBe('clarification');
    expect(detectSuggestion('não entendi')?.signal).toBe('clarification');
    expect(detectSuggestion('I’M NOT SURE')?.matched).toBe('I’M NOT SURE');
    expect(detectSuggestion('Im not sure')?.signal).toBe('indecision');
  });

  it('cuts `matched` from the original, even when it was typed with combining accents', () => {
    const text = 'Ok... Na\u0303o consigo!';
    expect(detectSuggestion(text)?.matched).toBe('Na\u0303o consigo');
  });

  it.each([
    'Escreva um poema sobre o mar',
    'O sistema funciona bem',
    'Resuma este texto em três parágrafos',
    'Explique a fotossíntese para uma criança',
    'Ele não seguiu as instruções',
    'Não seira, não seis: nenhuma dessas palavras existe',
    'Consegui resolver o problema sozinho',
    'A ajuda chegou a tempo',
    'Guia descomplicado de investimentos',
    'Isso não é tão complicado',
    'Como funcionários pedem férias no sistema novo?',
    'A cláusula de desistência do contrato',
    'Encontrei onde estava o arquivo',
    'Liste três ideias de presentes',
    'Summarize this paragraph',
    'I know how it works',
    'explain.js is a library',
    'Write a haiku about autumn',
    "I'm sure this is the right choice",
    'Frustum culling in 3D graphics',
    'Helpful tips for gardening',
    'The meaning of life is 42',
    'I can get it done today',
    'Should I mention the deadline?',
    'It works perfectly now',
    'We decided between two vendors last week',
    'Where I grew up, winters were long',
    'I do not work on weekends',
    'It is not too complicated',
    '',
  ])('stays quiet on neutral text: %s', (text) => {
    expect(detectSuggestion(text)).toBeNull();
  });

  it('picks the strongest signal when several appear', () => {
    expect(detectSuggestion('Não sei qual usar e não entendi a diferença')?.signal).toBe(
      'clarification',
    );
    expect(detectSuggestion('Não entendi nada e não consigo continuar')?.signal).toBe(
      'frustration',
    );
    expect(detectSuggestion('Não sei como funciona')?.signal).toBe('help');
    expect(detectSuggestion("Where can I find it? I'm not sure")?.signal).toBe('information');
    expect(detectSuggestion('How do I do this? I need help, this is confusing')?.matched).toBe(
      'this is confusing',
    );
  });

  it('reports the first occurrence of the winning signal', () => {
    expect(detectSuggestion('Não consigo abrir. Sério, não consigo.')?.matched).toBe('Não consigo');
  });
});

describe('suggestion actions', () => {
  it.each<[string, SuggestionAction, Parameters<typeof detectSuggestion>[1]]>([
    ['Não sei qual escolher', 'compare-options', {}],
    ['How does it work?', 'explain-step-by-step', {}],
    ['Onde encontrar o contrato?', 'search-library', { hasLibraryDocuments: true }],
    ['Onde encontrar o contrato?', 'attach-document', { hasLibraryDocuments: false }],
    ['Where can I find the contract?', 'attach-document', undefined],
    ['Não consigo resolver', 'switch-to-estudo', { personaId: 'default' }],
    ['Não consigo resolver', 'switch-to-estudo', undefined],
    ['Não consigo resolver', 'explain-step-by-step', { personaId: 'estudo' }],
    ["I don't understand", 'simplify', { personaId: 'estudo' }],
  ])('%s → %s', (text, action, context) => {
    expect(detectSuggestion(text, context)?.action).toBe(action);
  });
});

describe('suggestionPrompt', () => {
  it('gives a prompt in the UI language for prompt actions', () => {
    for (const action of ['compare-options', 'explain-step-by-step', 'simplify'] as const) {
      const en = suggestionPrompt(action, 'en');
      const pt = suggestionPrompt(action, 'pt-BR');
      expect(en).toBeTruthy();
      expect(pt).toBeTruthy();
      expect(pt).not.toBe(en);
    }
    expect(suggestionPrompt('compare-options', 'pt-BR')).toContain('opções');
    expect(suggestionPrompt('simplify', 'en')).toContain('simpler');
  });

  it('is null for actions that are not prompts', () => {
    for (const action of ['search-library', 'attach-document', 'switch-to-estudo'] as const) {
      expect(suggestionPrompt(action, 'en')).toBeNull();
      expect(suggestionPrompt(action, 'pt-BR')).toBeNull();
    }
  });
});
