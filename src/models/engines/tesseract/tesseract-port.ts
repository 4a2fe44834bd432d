/**
 * Starts tesseract.js's own worker script and gives back a port to it. We drive that script's
 * message protocol ourselves instead of calling `createWorker`, because tesseract.js 7's
 * wrapper breaks on what Omnia needs: with languages given as `{ code, data }` it initialises
 * with the data's bytes as the language name, and when initialisation fails it both rejects
 * and resolves the job, which throws inside its message listener (a crash in Node) and leaves
 * `createWorker` pending forever. The worker script itself (the real engine) is used as is.
 *
 * In a browser the script is tesseract.js's `dist/worker.min.js`, served from our own origin
 * (scripts/vite/tesseract-assets.ts) and started as a classic worker from a URL, never a blob
 * and never a CDN. In Node (tests, benchmarks) it is `src/worker-script/node/index.js` on a
 * worker thread, which loads tesseract.js-core from node_modules.
 */

/** One message to the worker script: `dispatchHandlers` in tesseract.js/src/worker-script. */
export interface JobPacket {
  workerId: string;
  jobId: string;
  action: 'load' | 'loadLanguage' | 'initialize' | 'recognize';
  payload: unknown;
}

/** A running worker script, whichever kind of thread it is on. */
export interface WorkerPort {
  post(packet: JobPacket): void;
  /** Every message the script sends back. */
  onMessage(handler: (message: unknown) => void): void;
  /** The thread died (an uncaught error, a failed script load). */
  onError(handler: (detail: string) => void): void;
  terminate(): void;
}

/** Where tesseract's files are in a browser: absolute URLs on the app's own origin. */
export interface TesseractAssetPaths {
  /** tesseract.js's `worker.min.js`. */
  workerPath: string;
  /** The folder holding tesseract.js-core's `*-lstm.wasm.js` builds (ends with '/'). */
  corePath: string;
}

export function spawnBrowserPort(workerPath: string): WorkerPort {
  // A classic worker: the script calls importScripts() to load the core.
  const worker = new Worker(workerPath);
  return {
    post: (packet) => worker.postMessage(packet),
    onMessage: (handler) => worker.addEventListener('message', (event) => handler(event.data)),
    onError: (handler) =>
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        handler(event.message || `could not start ${workerPath}`);
      }),
    terminate: () => worker.terminate(),
  };
}

/** The parts of node:worker_threads and node:module used here (the app's types have no Node). */
interface NodeWorker {
  postMessage(value: unknown): void;
  on(event: 'message', handler: (value: unknown) => void): void;
  on(event: 'error', handler: (error: Error) => void): void;
  on(event: 'exit', handler: (code: number) => void): void;
  terminate(): Promise<number>;
}
interface NodeThreads {
  Worker: new (path: string) => NodeWorker;
}
interface NodeModule {
  createRequire(from: string): { resolve(id: string): string };
}

/** Whether this code runs in Node (where worker threads replace Web Workers). */
export function isNode(): boolean {
  const process = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof process?.versions?.node === 'string';
}

// Kept in variables so the browser bundle never tries to resolve Node's modules.
const THREADS_MODULE = 'node:worker_threads';
const MODULE_MODULE = 'node:module';
const NODE_WORKER_SCRIPT = 'tesseract.js/src/worker-script/node/index.js';

export async function spawnNodePort(): Promise<WorkerPort> {
  const threads = (await import(/* @vite-ignore */ THREADS_MODULE)) as NodeThreads;
  const nodeModule = (await import(/* @vite-ignore */ MODULE_MODULE)) as NodeModule;
  const script = nodeModule.createRequire(import.meta.url).resolve(NODE_WORKER_SCRIPT);
  const worker = new threads.Worker(script);
  let terminated = false;
  return {
    post: (packet) => worker.postMessage(packet),
    onMessage: (handler) => worker.on('message', handler),
    onError: (handler) => {
      worker.on('error', (error) => handler(error.message));
      worker.on('exit', (code) => {
        if (!terminated) handler(`the tesseract worker thread exited with code ${code}`);
      });
    },
    terminate: () => {
      terminated = true;
      void worker.terminate();
    },
  };
}
