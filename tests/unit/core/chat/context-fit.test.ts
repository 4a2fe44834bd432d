// fitToContext against a deterministic counter (whitespace words, 3 tokens per turn, 2 for
// the generation prompt) where the optimum can be computed by brute force, plus one run with
// the real fixture tokenizer and its chat template.
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import {
  answerReserve,
  ContextOverflowError,
  fitToContext,
  type TokenCounter,
  type Turn,
} from '../../../../src/core/chat/context-fit';

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

interface CountingCounter extends TokenCounter {
  promptCalls: number;
}

/** Additive template: `perTurn` per turn plus `fixed` once (generation prompt, BOS…). */
function fakeCounter(perTurn = 3, fixed = 2): CountingCounter {
  const counter: CountingCounter = {
    promptCalls: 0,
    countEach: (texts) => Promise.resolve(texts.map(words)),
    countPrompt: (turns) => {
      counter.promptCalls++;
      return Promise.resolve(turns.reduce((sum, t) => sum + words(t.content) + perTurn, fixed));
    },
  };
  return counter;
}

const text = (n: number, tag = 'w'): string => Array.from({ length: n }, () => tag).join(' ');
const user = (n: number): Turn => ({ role: 'user', content: text(n, 'u') });
const assistant = (n: number): Turn => ({ role: 'assistant', content: text(n, 'a') });

/** The smallest valid start (non-assistant, ≤ last user) whose prompt fits, by brute force. */
async function bruteForce(
  system: string | null,
  history: readonly Turn[],
  budget: number,
  counter: TokenCounter,
): Promise<number | null> {
  const head: Turn[] = system ? [{ role: 'system', content: system }] : [];
  const last = history.map((t) => t.role).lastIndexOf('user');
  for (let start = 0; start <= last; start++) {
    if (start < last && history[start]?.role === 'assistant') continue;
    if ((await counter.countPrompt([...head, ...history.slice(start)])) <= budget) return start;
  }
  return null;
}

// system 4 + (10 + 8 + 6 + 7 + 5) words, 6 turns × 3, + 2 = 58 tokens in all.
const SYSTEM = 'you are a helper';
const HISTORY: Turn[] = [user(10), assistant(8), user(6), assistant(7), user(5)];
const FULL = 4 + 10 + 8 + 6 + 7 + 5 + 6 * 3 + 2;
const FROM_SECOND_USER = 4 + 6 + 7 + 5 + 4 * 3 + 2;
const LAST_ONLY = 4 + 5 + 2 * 3 + 2;

describe('fitToContext with an exact counter', () => {
  it('keeps everything when the prompt fits exactly', async () => {
    const counter = fakeCounter();
    const fit = await fitToContext({
      system: SYSTEM,
      history: HISTORY,
      contextWindow: FULL + 100,
      reserve: 100,
      counter,
    });
    expect(fit.droppedTurns).toBe(0);
    expect(fit.turns).toEqual([{ role: 'system', content: SYSTEM }, ...HISTORY]);
    expect(fit.promptTokens).toBe(FULL);
  });

  it('one token over drops the oldest exchange, never leaving an assistant turn first', async () => {
    const fit = await fitToContext({
      system: SYSTEM,
      history: HISTORY,
      contextWindow: FULL - 1 + 50,
      reserve: 50,
      counter: fakeCounter(),
    });
    expect(fit.droppedTurns).toBe(2);
    expect(fit.turns.map((t) => t.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(fit.promptTokens).toBe(FROM_SECOND_USER);
  });

  it('is exact at the next boundary too', async () => {
    const at = (window: number): Promise<number> =>
      fitToContext({
        system: SYSTEM,
        history: HISTORY,
        contextWindow: window,
        reserve: 0,
        counter: fakeCounter(),
      }).then((fit) => fit.droppedTurns);
    expect(await at(FROM_SECOND_USER)).toBe(2);
    expect(await at(FROM_SECOND_USER - 1)).toBe(4);
    expect(await at(LAST_ONLY)).toBe(4);
  });

  it('throws ContextOverflowError when the system prompt and the last user turn cannot fit', async () => {
    const run = fitToContext({
      system: SYSTEM,
      history: HISTORY,
      contextWindow: LAST_ONLY - 1 + 10,
      reserve: 10,
      counter: fakeCounter(),
    });
    await expect(run).rejects.toBeInstanceOf(ContextOverflowError);
    await expect(run).rejects.toMatchObject({
      name: 'ContextOverflowError',
      needed: LAST_ONLY,
      available: LAST_ONLY - 1,
    });
  });

  it('drops a leading assistant turn even when it would fit', async () => {
    const history = [assistant(3), user(2)];
    const fit = await fitToContext({
      system: null,
      history,
      contextWindow: 1000,
      reserve: 0,
      counter: fakeCounter(),
    });
    expect(fit.turns).toEqual([history[1]]);
    expect(fit.droppedTurns).toBe(1);
    expect(fit.promptTokens).toBe(2 + 3 + 2);
  });

  it('treats an empty system prompt as none and handles an empty history', async () => {
    const counter = fakeCounter();
    const fit = await fitToContext({
      system: '',
      history: [user(4)],
      contextWindow: 100,
      reserve: 0,
      counter,
    });
    expect(fit.turns.map((t) => t.role)).toEqual(['user']);
    expect(fit.promptTokens).toBe(9);
    const empty = await fitToContext({
      system: SYSTEM,
      history: [],
      contextWindow: 100,
      reserve: 0,
      counter,
    });
    expect(empty).toEqual({
      turns: [{ role: 'system', content: SYSTEM }],
      droppedTurns: 0,
      promptTokens: 9,
    });
  });

  it('matches brute force on random histories and template shapes', async () => {
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor((seed / 2 ** 31) * n);
    };
    for (let round = 0; round < 500; round++) {
      const counter = fakeCounter(random(6), random(40));
      const length = 1 + random(14);
      const history: Turn[] = Array.from({ length }, (_, i) =>
        random(5) === 0
          ? user(1 + random(30))
          : i % 2 === 0
            ? user(1 + random(30))
            : assistant(1 + random(60)),
      );
      history.push(user(1 + random(20)));
      const system = random(3) === 0 ? null : text(1 + random(20), 's');
      const budget = random(250);
      const expected = await bruteForce(system, history, budget, counter);
      const run = fitToContext({
        system,
        history,
        contextWindow: budget + 64,
        reserve: 64,
        counter,
      });
      if (expected === null) {
        await expect(run).rejects.toBeInstanceOf(ContextOverflowError);
        continue;
      }
      const fit = await run;
      expect(fit.droppedTurns, `round ${round}`).toBe(expected);
      expect(fit.promptTokens).toBe(await counter.countPrompt(fit.turns));
      expect(fit.promptTokens).toBeLessThanOrEqual(budget);
    }
  });

  it('fits a 10,000-turn history with at most 4 templated counts', async () => {
    const history: Turn[] = [];
    for (let i = 0; i < 5000; i++) history.push(user(1 + (i % 7)), assistant(1 + ((i * 3) % 11)));
    history.push(user(9));
    for (const [perTurn, fixed] of [
      [3, 2],
      [0, 0],
      [7, 40],
    ] as const) {
      const counter = fakeCounter(perTurn, fixed);
      const fit = await fitToContext({
        system: SYSTEM,
        history,
        contextWindow: 4096,
        reserve: 512,
        counter,
      });
      expect(counter.promptCalls).toBeLessThanOrEqual(4);
      // Optimality: the kept turns fit, and the previous user-led start would not.
      const kept = fit.droppedTurns;
      expect(history[kept]?.role).toBe('user');
      expect(fit.promptTokens).toBeLessThanOrEqual(4096 - 512);
      const wider = [{ role: 'system', content: SYSTEM } as Turn, ...history.slice(kept - 2)];
      expect(await counter.countPrompt(wider)).toBeGreaterThan(4096 - 512);
    }
  });
});

describe('fitToContext with a counter that is not additive', () => {
  it('still returns a prompt that fits and whose count is exact', async () => {
    // Template tokens vary with the content, so estimates are off by a little.
    const counter: TokenCounter = {
      countEach: (texts) => Promise.resolve(texts.map(words)),
      countPrompt: (turns) =>
        Promise.resolve(
          turns.reduce((sum, t) => sum + words(t.content) + 2 + (words(t.content) % 3), 1),
        ),
    };
    const history: Turn[] = [];
    for (let i = 0; i < 400; i++) history.push(user(1 + (i % 5)), assistant(2 + (i % 9)));
    history.push(user(4));
    for (const budget of [20, 57, 200, 999]) {
      const fit = await fitToContext({
        system: 'be brief',
        history,
        contextWindow: budget,
        reserve: 0,
        counter,
      });
      expect(fit.promptTokens).toBe(await counter.countPrompt(fit.turns));
      expect(fit.promptTokens).toBeLessThanOrEqual(budget);
      expect(fit.turns[1]?.role).toBe('user');
    }
  });
});

describe('answerReserve', () => {
  it('is the answer length, capped at half the window', () => {
    expect(answerReserve(512, 4096)).toBe(512);
    expect(answerReserve(4096, 2048)).toBe(1024);
    expect(answerReserve(100, 129)).toBe(64);
  });
});

describe('fitToContext with the fixture tokenizer', () => {
  it('counts real template tokens and stays within the window', async () => {
    env.localModelPath = fileURLToPath(new URL('../../../fixtures/models/', import.meta.url));
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    const tokenizer = await AutoTokenizer.from_pretrained('omnia-fixture-causal-lm');
    const counter: TokenCounter = {
      countEach: (texts) =>
        Promise.resolve(
          texts.map((t) => tokenizer.encode(t, { add_special_tokens: false }).length),
        ),
      countPrompt: (turns) =>
        Promise.resolve(
          tokenizer.apply_chat_template([...turns], {
            add_generation_prompt: true,
            tokenize: true,
            return_tensor: false,
            return_dict: false,
          }).length,
        ),
    };
    const history: Turn[] = [
      { role: 'user', content: 'Olá! Como você está hoje?' },
      { role: 'assistant', content: 'Estou bem, obrigado. Em que posso ajudar você agora?' },
      { role: 'user', content: 'Explique o que é uma janela de contexto em modelos de linguagem.' },
      {
        role: 'assistant',
        content: 'É o número máximo de tokens que o modelo consegue ver de uma vez.',
      },
      { role: 'user', content: 'E o que acontece quando a conversa passa desse limite?' },
    ];
    const window = 128;
    const reserve = answerReserve(32, window);
    const fit = await fitToContext({
      system: 'Você é um assistente útil.',
      history,
      contextWindow: window,
      reserve,
      counter,
    });
    expect(fit.promptTokens).toBe(await counter.countPrompt(fit.turns));
    expect(fit.promptTokens).toBeLessThanOrEqual(window - reserve);
    expect(fit.droppedTurns).toBeGreaterThan(0);
    expect(fit.turns[0]?.role).toBe('system');
    expect(fit.turns[1]?.role).toBe('user');
    expect(fit.turns.at(-1)).toEqual(history.at(-1));
    // Nothing older would have fitted.
    const wider = [fit.turns[0] as Turn, ...history.slice(fit.droppedTurns - 2)];
    expect(await counter.countPrompt(wider)).toBeGreaterThan(window - reserve);
  });
});
