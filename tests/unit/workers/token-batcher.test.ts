// Tokens cross the worker boundary in batches: the first at once, later ones grouped within
// the interval, a slow stream token by token, and everything delivered before flush() ends.
import { describe, expect, it } from 'vitest';
import { createTokenBatcher, type StreamedToken } from '../../../src/workers/token-batcher';

function tokens(n: number, from = 0): StreamedToken[] {
  return Array.from({ length: n }, (_, i) => ({ id: from + i, text: `t${from + i}` }));
}

describe('token batcher', () => {
  it('sends the first token at once and groups the fast ones that follow', async () => {
    let clock = 0;
    const sent: number[][] = [];
    const batcher = createTokenBatcher((b) => sent.push(b.map((t) => t.id ?? -1)), {
      intervalMs: 8,
      now: () => clock,
    });
    for (const t of tokens(10)) {
      batcher.push(t);
      clock += 1; // 1 ms per token: a fast model
    }
    expect(sent[0]).toEqual([0]);
    await batcher.flush();
    expect(sent.flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(sent.length).toBeLessThan(5);
  });

  it('sends every token of a slow model the moment it comes', () => {
    let clock = 0;
    const sent: number[][] = [];
    const batcher = createTokenBatcher((b) => sent.push(b.map((t) => t.id ?? -1)), {
      intervalMs: 8,
      now: () => clock,
    });
    for (const t of tokens(4)) {
      batcher.push(t);
      clock += 30;
    }
    expect(sent).toEqual([[0], [1], [2], [3]]);
  });

  it('flush waits for every delivery, and survives a failed one', async () => {
    const delivered: number[] = [];
    let clock = 0;
    const batcher = createTokenBatcher(
      async (b) => {
        await new Promise((r) => setTimeout(r, 5));
        if (b[0]?.id === 1) throw new Error('page gone');
        delivered.push(...b.map((t) => t.id ?? -1));
      },
      { intervalMs: 8, now: () => clock },
    );
    batcher.push(tokens(1)[0]!);
    clock += 10;
    batcher.push(tokens(1, 1)[0]!);
    clock += 10;
    batcher.push(tokens(1, 2)[0]!);
    await batcher.flush();
    expect(delivered).toEqual([0, 2]);
  });

  it('drain waits for the batches sent, and hands back the tokens not sent yet', async () => {
    const delivered: number[] = [];
    let clock = 0;
    const batcher = createTokenBatcher(
      async (b) => {
        await new Promise((r) => setTimeout(r, 5));
        delivered.push(...b.map((t) => t.id ?? -1));
      },
      { intervalMs: 16, now: () => clock },
    );
    const all = tokens(4);
    batcher.push(all[0]!);
    clock += 5;
    batcher.push(all[1]!);
    batcher.push(all[2]!);
    const left = await batcher.drain();
    expect(delivered).toEqual([0]);
    expect(left.map((t) => t.id)).toEqual([1, 2]);
    expect(await batcher.drain()).toEqual([]);
  });
});
