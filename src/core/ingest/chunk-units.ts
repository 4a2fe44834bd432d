// The pieces chunking packs: every text block becomes sentences, every table row one piece,
// and any piece longer than the token limit is cut at word boundaries. Pieces are measured
// with the embedder's own tokenizer in batches (one call per batch of pieces, never one per
// word), so chunking costs a few tokenizer calls per document, not thousands.
import type { TextBlock } from './types';
import { splitSentences } from '../rag/sentences';

/** Counts tokens of many texts at once (the embedder's tokenizer, or {@link estimateTokenCounts}). */
export type TokenCounter = (texts: readonly string[]) => Promise<number[]>;

/** A packable piece of one block: `[start, end)` inside the block's trimmed text. */
export interface Unit {
  block: number;
  start: number;
  end: number;
  text: string;
  tokens: number;
}

/** Texts per countTokens call: large enough to amortise the call, small enough to stay responsive. */
const COUNT_BATCH = 256;
const WORD = /[\p{L}\p{N}]+/gu;
const PUNCTUATION = /[^\p{L}\p{N}\s]/gu;
const NON_SPACE = /\S+/gu;

/**
 * A WordPiece-like token estimate for when no embedder is installed: 1.3 tokens per word
 * (long and rare words split into pieces) plus one per punctuation mark.
 */
export function estimateTokens(text: string): number {
  const words = text.match(WORD)?.length ?? 0;
  const marks = text.match(PUNCTUATION)?.length ?? 0;
  return Math.ceil(1.3 * words + marks);
}

/** {@link estimateTokens} over many texts, in the shape of a {@link TokenCounter}. */
export function estimateTokenCounts(texts: readonly string[]): Promise<number[]> {
  return Promise.resolve(texts.map(estimateTokens));
}

/** Counts `texts` with `count` in batches of {@link COUNT_BATCH}, checking the answer's length. */
export async function countInBatches(
  texts: readonly string[],
  count: TokenCounter,
): Promise<number[]> {
  const counts: number[] = [];
  for (let i = 0; i < texts.length; i += COUNT_BATCH) {
    const batch = texts.slice(i, i + COUNT_BATCH);
    const answer = await count(batch);
    if (answer.length !== batch.length) {
      throw new Error(`countTokens returned ${answer.length} counts for ${batch.length} texts`);
    }
    counts.push(...answer);
  }
  return counts;
}

/** A block's pieces before measuring: the whole row or heading, or each sentence. */
function rawUnits(block: TextBlock, index: number): Omit<Unit, 'tokens'>[] {
  if (block.kind === 'row' || block.kind === 'heading') {
    return [{ block: index, start: 0, end: block.text.length, text: block.text }];
  }
  return splitSentences(block.text).map((s) => ({ block: index, ...s }));
}

/** Cuts a single word (no spaces to cut at) into `parts` slices of about equal length. */
function cutWord(unit: Unit, parts: number): Unit[] {
  const size = Math.max(1, Math.ceil(unit.text.length / parts));
  const pieces: Unit[] = [];
  for (let from = 0; from < unit.text.length; from += size) {
    const text = unit.text.slice(from, from + size);
    pieces.push({
      block: unit.block,
      start: unit.start + from,
      end: unit.start + from + text.length,
      text,
      tokens: Math.ceil((unit.tokens * text.length) / unit.text.length),
    });
  }
  return pieces;
}

/**
 * Cuts an over-long piece at word boundaries into pieces of at most `maxTokens`, measuring
 * every word in one batched call. A single word over the limit (a long URL, base64) is the
 * one case cut inside a word: there is nowhere else to cut it.
 */
export async function splitAtWords(
  unit: Unit,
  maxTokens: number,
  count: TokenCounter,
): Promise<Unit[]> {
  const words = [...unit.text.matchAll(NON_SPACE)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
  }));
  const counts = await countInBatches(
    words.map((w) => w.text),
    count,
  );
  const pieces: Unit[] = [];
  let first = -1;
  let tokens = 0;
  const flush = (last: number): void => {
    if (first < 0) return;
    const from = words[first]?.start ?? 0;
    const to = words[last]?.end ?? from;
    pieces.push({
      block: unit.block,
      start: unit.start + from,
      end: unit.start + to,
      text: unit.text.slice(from, to),
      tokens,
    });
    first = -1;
    tokens = 0;
  };
  words.forEach((word, i) => {
    const wordTokens = counts[i] ?? 0;
    if (first >= 0 && tokens + wordTokens > maxTokens) flush(i - 1);
    if (wordTokens > maxTokens) {
      const whole: Unit = {
        block: unit.block,
        start: unit.start + word.start,
        end: unit.start + word.end,
        text: word.text,
        tokens: wordTokens,
      };
      pieces.push(...cutWord(whole, Math.ceil((wordTokens * 1.25) / maxTokens)));
      return;
    }
    if (first < 0) first = i;
    tokens += wordTokens;
  });
  flush(words.length - 1);
  return pieces;
}

/** Halves a piece that overflowed once joined with its neighbours (re-split after verifying). */
export async function halveUnit(unit: Unit, count: TokenCounter): Promise<Unit[]> {
  const pieces = await splitAtWords(unit, Math.max(1, Math.floor(unit.tokens / 2)), count);
  return pieces.length > 1 ? pieces : cutWord(unit, 2);
}

/**
 * Spreads a block's `total` tokens over its pieces in proportion to their estimated tokens
 * (every piece at least 1), so the pieces add up to the block.
 */
function apportion(units: readonly Omit<Unit, 'tokens'>[], total: number): Unit[] {
  const weights = units.map((u) => Math.max(1, estimateTokens(u.text)));
  const sum = weights.reduce((a, b) => a + b, 0);
  let before = 0;
  let given = 0;
  return units.map((unit, i) => {
    before += weights[i] ?? 0;
    const upTo = Math.round((total * before) / sum);
    const tokens = Math.max(1, upTo - given);
    given += tokens;
    return { ...unit, tokens };
  });
}

/**
 * Every block's pieces, measured: `result[i]` are the pieces of `blocks[i]`, each at most
 * `maxTokens` by the counter (blocks' texts must already be trimmed and non-empty). Each block
 * is counted whole, once; only a block too long to pack whole has its sentences counted one by
 * one (and cut further where needed). The pieces of a block that fits share its count: they
 * matter only for the overlap, and chunks are counted exactly afterwards (chunk.ts's verify),
 * so text that is added to the Library is tokenized once, not once per sentence and again
 * per chunk — a block that makes a chunk by itself is the very text the embedder then reads.
 */
export async function measureUnits(
  blocks: readonly TextBlock[],
  maxTokens: number,
  count: TokenCounter,
): Promise<Unit[][]> {
  const raw = blocks.map(rawUnits);
  const whole = await countInBatches(
    blocks.map((b) => b.text),
    count,
  );
  const fits = (i: number): boolean => (whole[i] ?? 0) <= maxTokens;
  const wholeText = (i: number): boolean =>
    raw[i]?.length === 1 && raw[i]?.[0]?.text === blocks[i]?.text;
  const exactIndexes = raw.flatMap((_, i) => (fits(i) || wholeText(i) ? [] : [i]));
  const exactCounts = await countInBatches(
    exactIndexes.flatMap((i) => (raw[i] ?? []).map((u) => u.text)),
    count,
  );
  let next = 0;
  const measured: Unit[][] = [];
  for (const [i, units] of raw.entries()) {
    if (fits(i)) {
      measured.push(apportion(units, whole[i] ?? 0));
      continue;
    }
    const pieces: Unit[] = [];
    for (const unit of units) {
      const tokens = wholeText(i) ? (whole[i] ?? 0) : (exactCounts[next++] ?? 0);
      const withTokens: Unit = { ...unit, tokens };
      if (withTokens.tokens <= maxTokens) pieces.push(withTokens);
      else pieces.push(...(await splitAtWords(withTokens, maxTokens, count)));
    }
    measured.push(pieces);
  }
  return measured;
}
