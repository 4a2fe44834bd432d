/** Small statistics for benchmarks: machines are noisy, so we report medians. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function mbPerSecond(bytes: number, ms: number): number {
  return bytes / (1024 * 1024) / (ms / 1000);
}

/** "median ms (min … max)" of timings, for the per-path lines the benches print. */
export function describeMs(values: readonly number[]): string {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return `${median(values).toFixed(1)} ms (min ${min.toFixed(1)}, max ${max.toFixed(1)}, n=${values.length})`;
}
