// A conversation outgrows the model's context window sooner or later; what gets sent must
// then be the newest turns that really fit, counted with the model's own tokenizer and chat
// template — a character estimate either wastes the window or overflows it. Tokenizing a
// whole long history through the template is the costly part, so this file estimates from
// per-text counts (cheap, batched) and spends only two or three templated counts to verify.
import type { ChatTurn } from '../../models/engines/types';

/** One turn of a prompt, as the chat template takes it (the engines' own turn). */
export type Turn = ChatTurn;

/** Counts tokens with the model's tokenizer (the real one runs in a worker). */
export interface TokenCounter {
  /** Token count of each text alone (tokenizer.encode, no template). */
  countEach(texts: readonly string[]): Promise<number[]>;
  /** Exact prompt tokens of the turns with the model's chat template and generation prompt applied. */
  countPrompt(turns: readonly Turn[]): Promise<number>;
}

/** What to send: the system turn (if any) and the newest turns that fit. */
export interface FitResult {
  turns: Turn[];
  /** How many of the oldest history turns were left out. */
  droppedTurns: number;
  /** countPrompt of `turns`, exactly. */
  promptTokens: number;
}

/** Even the system prompt and the latest user turn alone do not fit in the context window. */
export class ContextOverflowError extends Error {
  readonly needed: number;
  readonly available: number;

  constructor(needed: number, available: number) {
    super(
      `The message needs ${needed} tokens but the model has room for ${available}; ` +
        'shorten the message or the system prompt, or lower the answer length.',
    );
    this.name = 'ContextOverflowError';
    this.needed = needed;
    this.available = available;
  }
}

/** Estimate-guided guesses before falling back to bisection (which bounds the worst case). */
const GUIDED_GUESSES = 4;
/** Tolerance for the floating-point overhead estimate. */
const EPSILON = 1e-6;

/**
 * Keeps the system prompt (always first, if given) and the newest turns that fit in
 * `contextWindow - reserve` tokens.
 * Estimates with countEach (plus a per-turn template overhead measured once:
 * countPrompt([one turn]) - countEach([its content])), then verifies with countPrompt and drops
 * the oldest remaining turn until it fits (never the last user turn).
 * Never splits a turn; the kept history never starts with an assistant turn (drop it too, so
 * roles alternate after the system prompt). Calls countPrompt as few times as possible
 * (normally 2–3 times, even for 10,000 turns). An empty `system` counts as none.
 * @throws ContextOverflowError when the system prompt and the last user turn alone do not fit.
 */
export async function fitToContext(input: {
  system: string | null;
  history: readonly Turn[];
  contextWindow: number;
  reserve: number;
  counter: TokenCounter;
}): Promise<FitResult> {
  const { history, counter } = input;
  const budget = input.contextWindow - input.reserve;
  const system: Turn | null = input.system ? { role: 'system', content: input.system } : null;
  const head = system ? [system] : [];
  const n = history.length;

  if (n === 0) {
    if (!system) return { turns: [], droppedTurns: 0, promptTokens: 0 };
    const tokens = await counter.countPrompt(head);
    if (tokens > budget) throw new ContextOverflowError(tokens, budget);
    return { turns: head, droppedTurns: 0, promptTokens: tokens };
  }

  const counts = await counter.countEach([...head, ...history].map((t) => t.content));
  const systemTokens = system ? (counts[0] ?? 0) : 0;
  const turnTokens = history.map((_, i) => counts[head.length + i] ?? 0);
  // suffix[i]: tokens of history[i..] alone, so any candidate's text costs O(1).
  const suffix = new Array<number>(n + 1).fill(0);
  for (let i = n - 1; i >= 0; i--) suffix[i] = (suffix[i + 1] ?? 0) + (turnTokens[i] ?? 0);

  let last = n - 1;
  for (let i = n - 1; i >= 0; i--) {
    if (history[i]?.role === 'user') {
      last = i;
      break;
    }
  }
  // Candidate starts, oldest first: never an assistant turn, never past the last user turn.
  const starts: number[] = [];
  for (let i = 0; i < last; i++) if (history[i]?.role !== 'assistant') starts.push(i);
  starts.push(last);

  const textAt = (start: number): number => systemTokens + (suffix[start] ?? 0);
  const turnsAt = (start: number): number => head.length + n - start;

  const measured = new Map<number, number>();
  const measure = async (start: number): Promise<number> => {
    const known = measured.get(start);
    if (known !== undefined) return known;
    const tokens = await counter.countPrompt([...head, ...history.slice(start)]);
    measured.set(start, tokens);
    return tokens;
  };

  // The one-turn probe holds per-turn overhead plus the generation prompt; assuming it is all
  // per-turn overestimates, so the first guess errs on the side of fitting.
  const lastTurn = history[last] ?? { role: 'user', content: '' };
  const probe = await counter.countPrompt([lastTurn]);
  if (!system && last === n - 1) measured.set(last, probe);
  const lastTokens = turnTokens[last] ?? 0;
  let perTurn = Math.max(0, probe - lastTokens);
  let base = 0;
  const estimate = (start: number): number => base + textAt(start) + turnsAt(start) * perTurn;

  // Two measurements with different turn counts separate per-turn overhead from the fixed
  // part; anchoring on the latest one makes nearby estimates exact for additive templates.
  let calibrated = false;
  const calibrate = (start: number, tokens: number): void => {
    const k = turnsAt(start);
    if (k >= 2) {
      perTurn = Math.max(0, (tokens - probe - textAt(start) + lastTokens) / (k - 1));
      calibrated = true;
    }
    base = tokens - textAt(start) - k * perTurn;
  };

  let good: number | null = null; // position in `starts` known to fit (the smallest so far)
  let goodTokens = 0;
  let bad: number | null = null; // position in `starts` known not to fit (the largest so far)
  for (let guesses = 0; ; guesses++) {
    const lo: number = bad === null ? 0 : bad + 1;
    const hi: number = good === null ? starts.length - 1 : good;
    if (good !== null && lo >= hi) break;
    let pos: number = hi;
    if (guesses < GUIDED_GUESSES) {
      for (let p = lo; p < hi; p++) {
        if (estimate(starts[p] ?? last) <= budget + EPSILON) {
          pos = p;
          break;
        }
      }
      if (pos === good) {
        if (calibrated) break; // nothing older is estimated to fit
        pos = hi - 1; // the estimate is still the uncalibrated guess: measure one step older
      }
    } else {
      pos = Math.floor((lo + hi) / 2);
    }
    const start = starts[pos] ?? last;
    const tokens = await measure(start);
    if (tokens <= budget) {
      good = pos;
      goodTokens = tokens;
    } else {
      bad = pos;
      if (pos === starts.length - 1) throw new ContextOverflowError(tokens, budget);
    }
    calibrate(start, tokens);
  }

  const start = starts[good ?? starts.length - 1] ?? last;
  return {
    turns: [...head, ...history.slice(start)],
    droppedTurns: start,
    promptTokens: goodTokens,
  };
}

/** Tokens to keep free for the answer: min(maxNewTokens, floor(contextWindow / 2)). */
export function answerReserve(maxNewTokens: number, contextWindow: number): number {
  return Math.max(0, Math.min(maxNewTokens, Math.floor(contextWindow / 2)));
}
