// Why this file exists: what a reload costs before the first answer (bench/reopen.bench.ts)
// is split into phases — snapshot read, parse, journal replay, vector load, embedder load,
// query — that only the library worker sees. Each is a User Timing measure
// (`omnia-library:<phase>`), visible in DevTools' performance panel and to the bench; only the
// latest of each name is kept, so a long session does not pile them up.

export type LibraryPhase =
  | 'snapshot-read'
  | 'parse'
  | 'journal-replay'
  | 'keyword-rebuild'
  | 'vector-load'
  | 'embedder-load'
  | 'query'
  /** A whole search call: loading (when the indexes were not loaded yet) and the query. */
  | 'retrieve';

const PREFIX = 'omnia-library:';

/** Records `phase` as lasting from `start` (performance.now()) until now. */
export function recordPhase(phase: LibraryPhase, start: number): void {
  const name = `${PREFIX}${phase}`;
  try {
    performance.clearMeasures(name);
    performance.measure(name, { start, end: performance.now() });
  } catch {
    // A runtime without User Timing level 3: the figures are for diagnostics only.
  }
}

/** Runs `work` and records it as `phase` (also when it fails). */
export async function timed<T>(phase: LibraryPhase, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    recordPhase(phase, start);
  }
}
