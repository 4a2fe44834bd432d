// TextRank (Mihalcea & Tarau, 2004) over sentences: a sentence is central when it shares
// words with many other central sentences. Research notes use it to pick a summary and a
// key sentence per section without any model. Deterministic: fixed iterations, no
// randomness, ties resolved by the caller's order.

/** Sentences beyond this many are not ranked (the graph is quadratic); the rest score 0. */
export const MAX_RANKED_SENTENCES = 600;
const DAMPING = 0.85;
const ITERATIONS = 40;

/** Mihalcea's overlap similarity: shared terms over the log of both lengths. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size < 2 || b.size < 2) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared === 0 ? 0 : shared / (Math.log(a.size) + Math.log(b.size));
}

/**
 * A centrality score per sentence (each a set of terms). `preference` (≥ 0, one per
 * sentence) biases the random jump toward some sentences, e.g. those naming the topic;
 * uniform when left out or all zero.
 */
export function textRank(
  sentences: readonly ReadonlySet<string>[],
  preference?: readonly number[],
): number[] {
  const n = Math.min(sentences.length, MAX_RANKED_SENTENCES);
  const scores = new Array<number>(sentences.length).fill(0);
  if (n === 0) return scores;
  const weights: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const outSum = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const w = similarity(
        sentences[i] as ReadonlySet<string>,
        sentences[j] as ReadonlySet<string>,
      );
      if (w === 0) continue;
      (weights[i] as number[])[j] = w;
      (weights[j] as number[])[i] = w;
      outSum[i] = (outSum[i] ?? 0) + w;
      outSum[j] = (outSum[j] ?? 0) + w;
    }
  }
  const bias = preference?.slice(0, n) ?? [];
  const biasTotal = bias.reduce((sum, x) => sum + Math.max(0, x), 0);
  const jump = (i: number): number =>
    biasTotal > 0 ? Math.max(0, bias[i] ?? 0) / biasTotal : 1 / n;
  let rank = new Array<number>(n).fill(1 / n);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const next = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      let incoming = 0;
      const row = weights[i] as number[];
      for (let j = 0; j < n; j++) {
        const w = row[j] ?? 0;
        if (w > 0) incoming += (w / (outSum[j] ?? 1)) * (rank[j] ?? 0);
      }
      next[i] = (1 - DAMPING) * jump(i) + DAMPING * incoming;
    }
    rank = next;
  }
  for (let i = 0; i < n; i++) scores[i] = rank[i] ?? 0;
  return scores;
}
