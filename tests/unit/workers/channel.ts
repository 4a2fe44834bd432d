// Why this file exists: the RPC tests run both ends of comlink in one thread over a real
// MessageChannel, so arguments and results go through real structured clone and transfer.
import { expose, wrap, type Remote } from 'comlink';
import '../../../src/workers/rpc';

const open: MessagePort[] = [];

/** Exposes `api` on one port of a fresh channel and returns the wrapped other port. */
export function connect<T extends object>(api: T): Remote<T> {
  const { port1, port2 } = new MessageChannel();
  open.push(port1, port2);
  expose(api, port1);
  return wrap<T>(port2);
}

/** Closes every port opened by connect(), so the test process can exit. */
export function closeAll(): void {
  for (const port of open.splice(0)) port.close();
}
