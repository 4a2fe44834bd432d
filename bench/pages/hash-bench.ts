/**
 * Runs in the browser: the app's hash path (hash client → ManagedWorker → comlink → worker
 * → @noble/hashes) against the bare library hashing the same bytes on this page, plus the
 * browser's own crypto.subtle for scale. bench/hash-worker.bench.ts drives it.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { createHashClient } from '../../src/workers/hash-client';

const SLICE = 4 * 1024 * 1024;

function patternBlob(mib: number): Blob {
  const block = new Uint8Array(1024 * 1024);
  for (let i = 0; i < block.length; i++) block[i] = (i * 31 + 7) & 0xff;
  return new Blob(Array.from({ length: mib }, () => block));
}

/** The bare library, the way anyone would hash a large Blob with it: incrementally by slices. */
async function bareNoble(blob: Blob): Promise<string> {
  const hash = sha256.create();
  for (let offset = 0; offset < blob.size; offset += SLICE) {
    hash.update(new Uint8Array(await blob.slice(offset, offset + SLICE).arrayBuffer()));
  }
  return bytesToHex(hash.digest());
}

async function subtle(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return bytesToHex(new Uint8Array(digest));
}

export interface HashBenchResult {
  bytes: number;
  appMs: number[];
  bareMs: number[];
  subtleMs: number[];
  digests: string[];
}

async function timed(fn: () => Promise<string>, digests: Set<string>): Promise<number> {
  const start = performance.now();
  digests.add(await fn());
  return performance.now() - start;
}

async function runHashBench(mib: number, repeats: number): Promise<HashBenchResult> {
  const blob = patternBlob(mib);
  const client = createHashClient({ idleTimeoutMs: 0 });
  const digests = new Set<string>();
  await client.sha256(new Blob([new Uint8Array(16)])); // start the worker outside the timings
  const result: HashBenchResult = {
    bytes: blob.size,
    appMs: [],
    bareMs: [],
    subtleMs: [],
    digests: [],
  };
  // Interleaved, so drift on a noisy machine hits both paths alike.
  for (let i = 0; i < repeats; i++) {
    result.appMs.push(await timed(() => client.sha256(blob), digests));
    result.bareMs.push(await timed(() => bareNoble(blob), digests));
    result.subtleMs.push(await timed(() => subtle(blob), digests));
  }
  client.worker.terminate();
  result.digests = [...digests];
  return result;
}

(window as unknown as { runHashBench: typeof runHashBench }).runHashBench = runHashBench;
document.documentElement.dataset['ready'] = 'true';
