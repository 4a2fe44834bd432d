// Why this file exists: ManagedWorker drives web Workers, and Node has none. This gives a
// real worker_threads thread the web shape ManagedWorker and comlink use (postMessage with
// a transfer list, add/removeEventListener for 'message', 'error', 'messageerror',
// terminate), the same way comlink's node-adapter does for endpoints. Threads run our
// TypeScript through tsx, so fixtures import src/ exactly as the browser worker does.
import { Worker as NodeWorker } from 'node:worker_threads';

type WebEventType = 'message' | 'error' | 'messageerror';
type Handler = (value: unknown) => void;

// An eval'd CommonJS bootstrap: registers tsx in the new thread, then loads the entry.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import('tsx/esm/api').then(({ register }) => {
  register();
  return import(workerData.entry);
});
`;

/** A worker_threads Worker dressed as a web Worker; `thread` is the real one. */
export class NodeWebWorker {
  readonly thread: NodeWorker;
  readonly #handlers = new Map<EventListenerOrEventListenerObject, Map<WebEventType, Handler>>();

  constructor(entry: URL) {
    this.thread = new NodeWorker(BOOTSTRAP, { eval: true, workerData: { entry: entry.href } });
  }

  /** This object typed as the web Worker it stands in for. */
  asWorker(): Worker {
    return this as unknown as Worker;
  }

  postMessage(message: unknown, transfer?: Transferable[] | StructuredSerializeOptions): void {
    const list = Array.isArray(transfer) ? transfer : (transfer?.transfer ?? []);
    this.thread.postMessage(message, list as never[]);
  }

  addEventListener(type: WebEventType, listener: EventListenerOrEventListenerObject): void {
    const deliver = (event: object): void => {
      if (typeof listener === 'function') listener(event as Event);
      else listener.handleEvent(event as Event);
    };
    const handler: Handler =
      type === 'message'
        ? (data) => deliver({ type, data })
        : type === 'error'
          ? // Like a browser's ErrorEvent for an uncaught exception in the worker.
            (error) => deliver({ type, message: `Uncaught ${String(error)}`, error })
          : (error) => deliver({ type, data: error });
    const byType = this.#handlers.get(listener) ?? new Map<WebEventType, Handler>();
    byType.set(type, handler);
    this.#handlers.set(listener, byType);
    this.thread.on(type, handler);
  }

  removeEventListener(type: WebEventType, listener: EventListenerOrEventListenerObject): void {
    const handler = this.#handlers.get(listener)?.get(type);
    if (!handler) return;
    this.thread.off(type, handler);
    this.#handlers.get(listener)?.delete(type);
  }

  terminate(): void {
    void this.thread.terminate();
  }
}

/** Starts threads and remembers them, so a test can stop every one it started. */
export class ThreadPool {
  readonly started: NodeWebWorker[] = [];

  /** A `create` function for ManagedWorker that starts `entry` in a new thread. */
  factory(entry: URL): () => Worker {
    return () => {
      const worker = new NodeWebWorker(entry);
      this.started.push(worker);
      return worker.asWorker();
    };
  }

  /** Terminates every thread still running. */
  async stopAll(): Promise<void> {
    await Promise.all(this.started.map((w) => w.thread.terminate()));
    this.started.length = 0;
  }
}
