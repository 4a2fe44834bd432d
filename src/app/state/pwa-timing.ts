/**
 * "Ready to work offline" is news, not a question: it goes by itself after this long, so it
 * never sits over the composer or a button until someone closes it.
 */
export const OFFLINE_READY_SHOWN_MS = 8000;
