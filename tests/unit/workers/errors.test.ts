// Mapping anything thrown to a WorkerTaskError with a kind and a readable message.
import { describe, expect, it } from 'vitest';
import {
  TaskAbortedError,
  WorkerCrashedError,
  WorkerTaskError,
  isWorkerErrorKind,
  reviveWorkerTaskError,
  toWorkerTaskError,
} from '../../../src/workers/errors';

describe('worker errors', () => {
  it('set their names and kinds', () => {
    const aborted = new TaskAbortedError({ workerName: 'hash' });
    const crashed = new WorkerCrashedError({ workerName: 'hash', reason: 'script failed to load' });
    expect(aborted).toBeInstanceOf(WorkerTaskError);
    expect(aborted).toMatchObject({
      name: 'TaskAbortedError',
      kind: 'aborted',
      workerName: 'hash',
    });
    expect(crashed).toMatchObject({ name: 'WorkerCrashedError', kind: 'crashed' });
    expect(crashed.message).toBe(
      'The hash worker stopped unexpectedly (script failed to load). Reload the page and try again.',
    );
  });

  it('recognises kinds', () => {
    expect(isWorkerErrorKind('out-of-memory')).toBe(true);
    expect(isWorkerErrorKind('nope')).toBe(false);
    expect(isWorkerErrorKind(3)).toBe(false);
  });

  it('revive the right class from cloned fields', () => {
    const fields = { message: 'm', kind: 'crashed', workerName: 'w' } as const;
    expect(reviveWorkerTaskError({ ...fields, name: 'WorkerCrashedError' })).toBeInstanceOf(
      WorkerCrashedError,
    );
    expect(
      reviveWorkerTaskError({ ...fields, name: 'TaskAbortedError', kind: 'aborted' }),
    ).toBeInstanceOf(TaskAbortedError);
    const plain = reviveWorkerTaskError({ ...fields, name: 'WorkerTaskError', kind: 'failed' });
    expect(plain.constructor).toBe(WorkerTaskError);
    expect(plain).toMatchObject({ kind: 'failed', message: 'm', workerName: 'w' });
  });
});

describe('toWorkerTaskError', () => {
  it('passes WorkerTaskErrors through', () => {
    const original = new WorkerTaskError('invalid-input', 'x');
    expect(toWorkerTaskError(original, 'hash')).toBe(original);
  });

  it('maps DOMException AbortError and TimeoutError to aborted', () => {
    const abort = toWorkerTaskError(new DOMException('stop', 'AbortError'), 'hash');
    expect(abort).toBeInstanceOf(TaskAbortedError);
    expect(abort.cause).toBeInstanceOf(DOMException);
    const timeout = toWorkerTaskError(new DOMException('late', 'TimeoutError'), 'hash');
    expect(timeout).toMatchObject({
      kind: 'aborted',
      message: 'The hash worker took too long and was stopped.',
    });
  });

  it.each([
    new RangeError('Array buffer allocation failed'),
    new Error('Out of memory: Cannot allocate Wasm memory for new instance'),
    new Error('Cannot enlarge memory arrays'),
    Object.assign(new Error('x'), { name: 'RangeError' }),
  ])('maps %s to out-of-memory', (err) => {
    const mapped = toWorkerTaskError(err, 'llm');
    expect(mapped.kind).toBe('out-of-memory');
    expect(mapped.message).toMatch(/^The llm worker ran out of memory\./);
  });

  it('maps DataCloneError to invalid-input', () => {
    const mapped = toWorkerTaskError(
      new DOMException('could not be cloned.', 'DataCloneError'),
      'hash',
    );
    expect(mapped).toMatchObject({ kind: 'invalid-input', workerName: 'hash' });
    expect(mapped.message).toBe(
      'The hash worker could not be sent this data (could not be cloned). Check the input and try again.',
    );
  });

  it('maps anything else to failed, keeping the detail and the cause', () => {
    const cause = new TypeError('x is not a function.');
    const mapped = toWorkerTaskError(cause, 'hash');
    expect(mapped).toMatchObject({ kind: 'failed', cause });
    expect(mapped.message).toBe(
      'The hash worker failed: x is not a function. Try again; if it keeps failing, reload the page.',
    );
    expect(toWorkerTaskError('boom').message).toBe(
      'The worker failed: boom. Try again; if it keeps failing, reload the page.',
    );
    expect(toWorkerTaskError(undefined).message).toBe(
      'The worker failed. Try again; if it keeps failing, reload the page.',
    );
  });
});
