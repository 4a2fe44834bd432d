/** Builds the bench pages (bench/vite.bench.config.ts) once per `npm run bench`, however many benches use them. */
import { build } from 'vite';

export const BENCH_DIST = '.omnia-test/bench-dist';

let built: Promise<unknown> | undefined;

export async function buildBenchPages(): Promise<void> {
  built ??= build({ configFile: 'bench/vite.bench.config.ts' });
  await built;
}
