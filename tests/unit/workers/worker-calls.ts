// Why this file exists: the worker API tests (speech, vision, ingest rendering) check the same
// things of every call: what a refused call rejects with, what an engine-loading API loaded
// and disposed, and the text an OCR engine read. One copy of each, here.
import { readFileSync } from 'node:fs';
import { WorkerTaskError } from '../../../src/workers/errors';

/** The WorkerTaskError `promise` rejects with; throws when it resolves or rejects otherwise. */
export async function rejectionOf(promise: Promise<unknown>): Promise<WorkerTaskError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof WorkerTaskError))
    throw new Error(`expected a WorkerTaskError, got ${String(error)}`);
  return error;
}

/** Text with every run of white space folded to one space, so OCR line breaks do not matter. */
export const words = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** A committed fixture file as the Blob the app would hand a worker. */
export const fixtureBlob = (folder: URL, name: string): Blob =>
  new Blob([readFileSync(new URL(name, folder))]);

/**
 * Which models an API loaded and disposed, in order, to see it keep its model or swap it for
 * another: a test's loader pushes to `loads` and wraps the engine it loaded with `track`.
 */
export class EngineLog {
  readonly loads: string[] = [];
  readonly disposed: string[] = [];

  /** `engine`, whose dispose() now also records `modelId` as disposed. */
  track<T extends { dispose(): Promise<void> }>(modelId: string, engine: T): T {
    const dispose = engine.dispose.bind(engine);
    return Object.assign(engine, {
      dispose: () => {
        this.disposed.push(modelId);
        return dispose();
      },
    });
  }
}
