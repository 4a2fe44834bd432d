/**
 * Runs every benchmark in turn; each prints its figures and its ratio to the bare library.
 * Names on the command line pick some: `npm run bench -- relay`, `npm run bench -- model-load`,
 * `npm run bench -- chat-stream`, `npm run bench -- chat-history`, `npm run bench -- retrieval`,
 * `npm run bench -- ingest`, `npm run bench -- ingest-growth`, `npm run bench -- transcription`,
 * `npm run bench -- ocr`, `npm run bench -- shell`, `npm run bench -- reopen` (reload → first
 * Library answer over 10,000 passages),
 * `npm run bench -- quality` (answer quality over the Library's quality suite, in Node),
 * `npm run bench -- webllm-gpu` (needs a GPU and a real web-llm model: it says so and exits 0).
 */
import { chatHistoryBench } from './chat-history.bench.ts';
import { chatStreamBench } from './chat-stream.bench.ts';
import { hashWorkerBench } from './hash-worker.bench.ts';
import { ingestBench } from './ingest.bench.ts';
import { ingestGrowthBench } from './ingest-growth.bench.ts';
import { modelLoadBench } from './model-load.bench.ts';
import { ocrBench } from './ocr.bench.ts';
import { qualityBench } from './quality.bench.ts';
import { relayThroughputBench } from './relay-throughput.bench.ts';
import { reopenBench } from './reopen.bench.ts';
import { retrievalBench } from './retrieval.bench.ts';
import { shellBench } from './shell.bench.ts';
import { transcriptionBench } from './transcription.bench.ts';
import { webLlmGpuBench } from './webllm-gpu.bench.ts';

const benches: [string, () => Promise<void>][] = [
  ['hash worker', hashWorkerBench],
  ['chat stream', chatStreamBench],
  ['chat history', chatHistoryBench],
  ['model load', modelLoadBench],
  ['relay throughput', relayThroughputBench],
  ['retrieval', retrievalBench],
  ['quality', qualityBench],
  ['ingest', ingestBench],
  ['ingest growth', ingestGrowthBench],
  ['reopen', reopenBench],
  ['transcription', transcriptionBench],
  ['ocr', ocrBench],
  ['shell', shellBench],
  ['webllm gpu', webLlmGpuBench],
];

const wanted = process.argv.slice(2).map((arg) => arg.toLowerCase().replace(/[-_]/g, ' '));
// A name given whole picks that bench alone ('ingest' is not also 'ingest growth'); a part of
// a name ('chat') picks every bench it is part of.
const picks = (name: string, w: string): boolean =>
  benches.some(([n]) => n === w) ? name === w : name.includes(w);
const chosen = benches.filter(
  ([name]) => wanted.length === 0 || wanted.some((w) => picks(name, w)),
);
if (chosen.length === 0) {
  console.error(
    `No benchmark matches ${wanted.join(', ')}; known: ${benches.map(([n]) => n).join(', ')}`,
  );
  process.exit(1);
}

for (const [name, run] of chosen) {
  console.log(`\n== ${name}`);
  await run();
}
