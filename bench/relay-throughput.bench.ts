/**
 * Relay download throughput in Node: the relay's /models/ route (sha256 ETag, ranges, CORS)
 * vs the simplest static server (fs.createReadStream into the response) on the same 64 MiB
 * file, read fully with Node's fetch. Single client (interleaved repeats) and 8 clients at
 * once; plus the relay's first request, which hashes the file, and a Range request.
 * Prints medians and the ratio relay ÷ plain.
 */
import { randomFillSync } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRelay } from '../src/relay/start.ts';
import { describeMs, mbPerSecond, median } from './stats.ts';

const MIB = Number(process.env['OMNIA_BENCH_RELAY_MIB'] ?? 64);
const REPEATS = Number(process.env['OMNIA_BENCH_REPEATS'] ?? 5);
const CLIENTS = 8;
const FILE_PATH = 'onnx/model.onnx';

async function writeRandomFile(path: string, bytes: number): Promise<void> {
  const chunk = Buffer.alloc(1024 * 1024);
  const file = await open(path, 'w');
  try {
    for (let written = 0; written < bytes; written += chunk.length) {
      randomFillSync(chunk);
      await file.write(chunk, 0, Math.min(chunk.length, bytes - written));
    }
  } finally {
    await file.close();
  }
}

/** The bare baseline: one file, streamed whole, nothing else. */
async function startPlainServer(file: string): Promise<{ url: string; server: Server }> {
  const { size } = await stat(file);
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': size });
    createReadStream(file).pipe(res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/${FILE_PATH}`, server };
}

interface Fetched {
  ms: number;
  bytes: number;
  status: number;
}

/** One GET, its body read to the end and counted (never held in memory). */
async function download(url: string, headers: Record<string, string> = {}): Promise<Fetched> {
  const start = performance.now();
  const response = await fetch(url, { headers });
  let bytes = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      bytes += read.value.byteLength;
    }
  }
  return { ms: performance.now() - start, bytes, status: response.status };
}

function expectBody(fetched: Fetched, status: number, bytes: number, what: string): Fetched {
  if (fetched.status !== status || fetched.bytes !== bytes) {
    throw new Error(`${what}: got ${fetched.status} with ${fetched.bytes} bytes`);
  }
  return fetched;
}

/** Wall time for `clients` downloads of the whole file at once. */
async function concurrent(url: string, clients: number, size: number): Promise<number> {
  const start = performance.now();
  const all = await Promise.all(Array.from({ length: clients }, () => download(url)));
  for (const fetched of all) expectBody(fetched, 200, size, url);
  return performance.now() - start;
}

function rate(bytes: number, ms: readonly number[]): string {
  return `${mbPerSecond(bytes, median(ms)).toFixed(1)} MB/s`;
}

export async function relayThroughputBench(): Promise<void> {
  const tmp = await mkdtemp(join(tmpdir(), 'omnia-relay-bench-'));
  const size = MIB * 1024 * 1024;
  const file = join(tmp, 'bench-model', FILE_PATH);
  await mkdir(join(tmp, 'bench-model', 'onnx'), { recursive: true });
  await mkdir(join(tmp, 'dist'));
  await writeFile(join(tmp, 'dist', 'index.html'), '<!doctype html><title>bench</title>');
  await writeFile(join(tmp, 'bench-model', 'config.json'), '{"model_type":"bench"}');
  await writeRandomFile(file, size);

  const relay = await startRelay({
    dist: join(tmp, 'dist'),
    port: 0,
    models: { dir: tmp, upstreams: [] },
  });
  const plain = await startPlainServer(file);
  const relayUrl = `${relay.modelsUrl}bench-model/resolve/main/${FILE_PATH}`;
  try {
    // The relay hashes a folder file on its first request (for the ETag); later ones reuse it.
    const first = expectBody(await download(relayUrl), 200, size, 'relay first request');
    expectBody(await download(plain.url), 200, size, 'plain warm-up');
    expectBody(await download(relayUrl), 200, size, 'relay warm-up');

    const relayMs: number[] = [];
    const plainMs: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      relayMs.push(expectBody(await download(relayUrl), 200, size, 'relay').ms);
      plainMs.push(expectBody(await download(plain.url), 200, size, 'plain').ms);
    }
    const relayManyMs: number[] = [];
    const plainManyMs: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      relayManyMs.push(await concurrent(relayUrl, CLIENTS, size));
      plainManyMs.push(await concurrent(plain.url, CLIENTS, size));
    }
    const half = Math.floor(size / 2);
    const rangeMs: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const fetched = await download(relayUrl, { Range: `bytes=${half}-` });
      rangeMs.push(expectBody(fetched, 206, size - half, 'relay range').ms);
    }

    const total = size * CLIENTS;
    const single = mbPerSecond(size, median(relayMs)) / mbPerSecond(size, median(plainMs));
    const many = mbPerSecond(total, median(relayManyMs)) / mbPerSecond(total, median(plainManyMs));
    const line = (label: string, bytes: number, ms: readonly number[]): void =>
      console.log(`  ${label.padEnd(38)} ${rate(bytes, ms).padStart(12)}  ${describeMs(ms)}`);
    console.log(`relay throughput: ${MIB} MiB random file, ${REPEATS} runs per figure (median)`);
    console.log(
      `  relay first request: ${first.ms.toFixed(1)} ms, of which about ` +
        `${(first.ms - median(relayMs)).toFixed(1)} ms hashing the file for its ETag ` +
        `(first minus a warm request)`,
    );
    line('single client, relay /models/', size, relayMs);
    line('single client, plain createReadStream', size, plainMs);
    line(`${CLIENTS} clients, relay (aggregate)`, total, relayManyMs);
    line(`${CLIENTS} clients, plain (aggregate)`, total, plainManyMs);
    line('relay Range, second half (206)', size - half, rangeMs);
    console.log(
      `  ratio relay ÷ plain: single ${single.toFixed(3)}, ${CLIENTS} clients ${many.toFixed(3)}`,
    );
  } finally {
    plain.server.closeAllConnections();
    plain.server.close();
    await relay.close();
    await rm(tmp, { recursive: true, force: true });
  }
}
