/** Runs every benchmark in turn; each prints its figures and its ratio to the bare library. */
import { hashWorkerBench } from './hash-worker.bench.ts';

const benches: [string, () => Promise<void>][] = [['hash worker', hashWorkerBench]];

for (const [name, run] of benches) {
  console.log(`\n== ${name}`);
  await run();
}
