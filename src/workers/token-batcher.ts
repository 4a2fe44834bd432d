// Why this file exists: a round trip across the worker boundary costs about 0.1 ms, which is
// a third of a token's time for a fast small model. Tokens therefore cross in batches: the
// first at once, then whatever arrived within `intervalMs` of the last send — one frame (16 ms)
// by default, since the view shows tokens at most once per frame anyway. A slow model (every
// token later than the interval) still sends each token the moment it is made. When the
// answer ends, the last tokens need not cross on their own: drain() hands them back to ride
// with the result, which saves the last round trip from the time an answer takes.

import type { GeneratedToken } from '../models/engines/types';

export type StreamedToken = GeneratedToken;

export interface TokenBatcher {
  push(token: StreamedToken): void;
  /** Sends what is left; resolves once every batch has been delivered. */
  flush(): Promise<void>;
  /** Waits until every batch sent has been delivered, then returns (and forgets) what is left unsent. */
  drain(): Promise<StreamedToken[]>;
}

export function createTokenBatcher(
  send: (batch: StreamedToken[]) => unknown,
  options: { intervalMs?: number; now?: () => number } = {},
): TokenBatcher {
  const intervalMs = options.intervalMs ?? 16;
  const now = options.now ?? (() => performance.now());
  let pending: StreamedToken[] = [];
  let lastSent = -Infinity;
  let delivered: Promise<unknown> = Promise.resolve();

  const sendPending = (): void => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    lastSent = now();
    const sent = Promise.resolve(send(batch));
    // One failed delivery (the page went away) must not stop the answer itself.
    delivered = Promise.all([delivered, sent.catch(() => undefined)]);
  };

  return {
    push(token) {
      pending.push(token);
      if (now() - lastSent >= intervalMs) sendPending();
    },
    async flush() {
      sendPending();
      await delivered;
    },
    async drain() {
      await delivered;
      const left = pending;
      pending = [];
      return left;
    },
  };
}
