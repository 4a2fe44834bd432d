/**
 * One phase's outcome as the retrieval bench's parent keeps it, and the small readers the
 * report and the summary share (latency percentiles, recall, number formats).
 */
import { percentile } from './chat-stream.bench.ts';
import type { ChildJob, ChildMessage, QueryKind } from './retrieval-types.ts';
import { median } from './stats.ts';

export type RunLabel =
  | 'truth'
  | 'exact'
  | 'int8'
  | 'int8 js'
  | 'voy'
  | 'voy batched'
  | 'bare voy'
  | 'hybrid exact'
  | 'hybrid int8'
  | 'hybrid voy';

export interface PhaseResult {
  label: RunLabel;
  job: ChildJob;
  messages: ChildMessage[];
  outcome: 'done' | 'failed' | 'capped';
  note: string;
  wallMs?: number;
}

export type Of<K extends ChildMessage['kind']> = Extract<ChildMessage, { kind: K }>;

export function find<K extends ChildMessage['kind']>(r: PhaseResult, kind: K): Of<K> | undefined {
  return r.messages.find((m): m is Of<K> => m.kind === kind);
}

export const mean = (values: readonly number[]): number =>
  values.reduce((sum, v) => sum + v, 0) / values.length;
export const f1 = (v: number | undefined): string =>
  v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(1);
export const f2 = (v: number | undefined): string =>
  v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(2);

export interface Latency {
  p50: number;
  p95: number;
  recall: number | undefined;
}

export function latency(r: PhaseResult | undefined, kind: QueryKind): Latency | undefined {
  const m = r?.messages.find(
    (x): x is Extract<ChildMessage, { latencies: number[] }> => x.kind === kind,
  );
  if (!m) return undefined;
  return {
    p50: median(m.latencies),
    p95: percentile(m.latencies, 95),
    recall: m.recall ? mean(m.recall) : undefined,
  };
}
