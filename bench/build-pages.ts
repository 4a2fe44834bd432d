/** Builds the bench pages (bench/vite.bench.config.ts) once per `npm run bench`, however many benches use them. */
import { build } from 'vite';

/** Where the pages go; OMNIA_BENCH_PAGES_DIST gives a private folder (several people benching in one checkout). */
export const BENCH_DIST = process.env['OMNIA_BENCH_PAGES_DIST'] ?? '.omnia-test/bench-dist';

let built: Promise<unknown> | undefined;

export async function buildBenchPages(): Promise<void> {
  built ??= build({ configFile: 'bench/vite.bench.config.ts' });
  await built;
}
