/**
 * The geometry of the retrieval bench's synthetic embeddings, shaped like real sentence
 * embeddings rather than points spread evenly over the sphere (where every ANN method looks
 * bad and every quantiser looks good):
 * - anisotropic: every vector shares a common direction, so two unrelated passages still have
 *   a cosine of about 0.25 (sentence-transformers models sit around 0.1–0.3, e5/bge higher);
 * - uneven dimensions: each dimension has its own scale (log-normal) and a few "rogue"
 *   dimensions are several times larger, as in BERT-family models;
 * - topics in two levels: 20 broad topics of 10 sub-topics each (200 clusters), of uneven
 *   sizes (Zipf-like: a library holds a lot of a few subjects and a little of many);
 * - noise with a decaying spectrum: part of each passage's spread lies in a few shared
 *   directions (real embeddings have a low intrinsic dimension), the rest is isotropic.
 * Same sub-topic passages then have a cosine of about 0.7, same topic about 0.55.
 */
export const DIM = 384;
export const TOPICS = 20;
export const SUBTOPICS = 10;
export const CLUSTERS = TOPICS * SUBTOPICS;
/** Norm of the shared direction (before the final normalisation; a topic centre has norm 1). */
const COMMON_NORM = 0.9;
/** Norm of a sub-topic's offset from its topic. */
const SUBTOPIC_NORM = 0.6;
/** Shared noise directions, and the norm² of the noise along them and across all dimensions. */
const NOISE_RANK = 16;
const LOW_RANK_DRAWS = 4096;
const LOW_RANK_NOISE = 0.5;
const ISOTROPIC_NOISE = 0.5;
const ROGUE_DIMENSIONS = 3;
const ROGUE_GAIN = 3;
const GAIN_SPREAD = 0.3;

/** Standard normal samples by Box–Muller. */
export function gaussian(next: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/**
 * Normal samples drawn from a table of 65,536 Box–Muller values: ~10× quicker, which makes a
 * million 384-dimensional points take seconds instead of a minute; plenty for noise.
 */
export function tableGaussian(next: () => number, normal: () => number): () => number {
  const table = Float32Array.from({ length: 65_536 }, normal);
  return () => table[(next() * 65_536) | 0]!;
}

export function normalise(data: Float32Array, offset: number): void {
  let sum = 0;
  for (let d = 0; d < DIM; d++) sum += data[offset + d]! ** 2;
  const scale = 1 / Math.sqrt(sum);
  for (let d = 0; d < DIM; d++) data[offset + d]! *= scale;
}

function unitRows(count: number, normal: () => number, norm = 1): Float32Array {
  const rows = new Float32Array(count * DIM);
  for (let i = 0; i < rows.length; i++) rows[i] = normal();
  for (let r = 0; r < count; r++) {
    normalise(rows, r * DIM);
    for (let d = 0; d < DIM; d++) rows[r * DIM + d]! *= norm;
  }
  return rows;
}

export interface EmbeddingSpace {
  /** CLUSTERS × DIM: shared direction + topic centre + sub-topic offset, before the gains. */
  centres: Float32Array;
  /**
   * LOW_RANK_DRAWS × DIM draws of the low-rank noise (NOISE_RANK shared directions, each
   * scaled by its share of the spectrum): a point adds one, which keeps a million points quick.
   */
  lowRank: Float32Array;
  /** Per-dimension scale applied last (uneven dimensions). */
  gain: Float32Array;
  /** Cumulative cluster weights, for drawing a cluster (uneven sizes). */
  cumulative: Float64Array;
}

export function makeSpace(next: () => number, normal: () => number): EmbeddingSpace {
  const common = unitRows(1, normal, COMMON_NORM);
  const topics = unitRows(TOPICS, normal);
  const offsets = unitRows(CLUSTERS, normal, SUBTOPIC_NORM);
  const centres = new Float32Array(CLUSTERS * DIM);
  for (let c = 0; c < CLUSTERS; c++) {
    const topic = Math.floor(c / SUBTOPICS);
    for (let d = 0; d < DIM; d++) {
      centres[c * DIM + d] = common[d]! + topics[topic * DIM + d]! + offsets[c * DIM + d]!;
    }
  }
  // Spectrum ∝ 1/(j+1): a few directions carry most of the low-rank spread.
  const weights = Array.from({ length: NOISE_RANK }, (_, j) => 1 / (j + 1));
  const total = weights.reduce((s, w) => s + w, 0);
  const basis = unitRows(NOISE_RANK, normal);
  for (let j = 0; j < NOISE_RANK; j++) {
    const scale = Math.sqrt((LOW_RANK_NOISE * weights[j]!) / total);
    for (let d = 0; d < DIM; d++) basis[j * DIM + d]! *= scale;
  }
  const gain = Float32Array.from({ length: DIM }, () => Math.exp(GAIN_SPREAD * normal()));
  for (let r = 0; r < ROGUE_DIMENSIONS; r++) gain[Math.floor(next() * DIM)]! *= ROGUE_GAIN;
  const meanSquare = gain.reduce((s, g) => s + g * g, 0) / DIM;
  for (let d = 0; d < DIM; d++) gain[d]! /= Math.sqrt(meanSquare);
  const cumulative = new Float64Array(CLUSTERS);
  let sum = 0;
  for (let c = 0; c < CLUSTERS; c++) cumulative[c] = sum += 1 / (c + 1) ** 0.8;
  for (let c = 0; c < CLUSTERS; c++) cumulative[c]! /= sum;
  const lowRank = new Float32Array(LOW_RANK_DRAWS * DIM);
  for (let i = 0; i < LOW_RANK_DRAWS; i++) {
    for (let j = 0; j < NOISE_RANK; j++) {
      const z = normal();
      for (let d = 0; d < DIM; d++) lowRank[i * DIM + d]! += z * basis[j * DIM + d]!;
    }
  }
  return { centres, lowRank, gain, cumulative };
}

/** A cluster drawn by its weight. */
export function drawCluster(space: EmbeddingSpace, next: () => number): number {
  const u = next();
  let low = 0;
  let high = CLUSTERS - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (space.cumulative[mid]! < u) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** One passage of `cluster`, L2-normalised, written into `out` at `row`. */
export function embedPoint(
  space: EmbeddingSpace,
  cluster: number,
  out: Float32Array,
  row: number,
  next: () => number,
  normal: () => number,
): void {
  const offset = row * DIM;
  const sigma = Math.sqrt(ISOTROPIC_NOISE / DIM);
  const { centres, lowRank, gain } = space;
  const point = out.subarray(offset, offset + DIM);
  const centre = cluster * DIM;
  const draw = Math.floor(next() * LOW_RANK_DRAWS) * DIM;
  for (let d = 0; d < DIM; d++) {
    point[d] = (centres[centre + d]! + lowRank[draw + d]! + sigma * normal()) * gain[d]!;
  }
  normalise(point, 0);
}

/** `source`'s row moved by isotropic noise of norm `spread`, normalised, into `out` at `row`. */
export function perturb(
  source: Float32Array,
  out: Float32Array,
  row: number,
  spread: number,
  normal: () => number,
): void {
  const offset = row * DIM;
  const sigma = spread / Math.sqrt(DIM);
  for (let d = 0; d < DIM; d++) out[offset + d] = source[offset + d]! + sigma * normal();
  normalise(out, offset);
}
