// The wire conventions over a real MessageChannel: errors keep their class and kind, the
// CallControl crosses (progress as a proxy, abort port transferred), abort reaches the
// far side.
import { afterEach, describe, expect, it } from 'vitest';
import {
  TaskAbortedError,
  WorkerCrashedError,
  WorkerTaskError,
  type WorkerErrorKind,
} from '../../../src/workers/errors';
import {
  abortChannelFor,
  abortPortFor,
  callControl,
  releaseControl,
  signalFromPort,
  throwIfAborted,
  type CallControl,
  type TaskProgress,
} from '../../../src/workers/rpc';
import { closeAll, connect } from './channel';

afterEach(closeAll);

const thrower = {
  taskError(kind: WorkerErrorKind): void {
    throw new WorkerTaskError(kind, `It went wrong (${kind}).`, { workerName: 'remote' });
  },
  aborted(): void {
    throw new TaskAbortedError({ workerName: 'remote' });
  },
  crashed(): void {
    throw new WorkerCrashedError({ workerName: 'remote', reason: 'test' });
  },
  async plain(): Promise<void> {
    await Promise.resolve();
    throw new TypeError('not a function');
  },
  notAnError(): void {
    throw { code: 7 } as unknown as Error;
  },
};

describe('the throw handler', () => {
  it.each<WorkerErrorKind>(['failed', 'invalid-input', 'out-of-memory'])(
    'revives a remote WorkerTaskError of kind %s as WorkerTaskError',
    async (kind) => {
      const error: unknown = await connect(thrower)
        .taskError(kind)
        .catch((err: unknown) => err);
      expect(error).toBeInstanceOf(WorkerTaskError);
      expect(error).toMatchObject({
        name: 'WorkerTaskError',
        kind,
        workerName: 'remote',
        message: `It went wrong (${kind}).`,
      });
      expect((error as Error).stack).toContain('taskError');
    },
  );

  it('revives TaskAbortedError and WorkerCrashedError as their own classes', async () => {
    const remote = connect(thrower);
    const aborted: unknown = await remote.aborted().catch((err: unknown) => err);
    const crashed: unknown = await remote.crashed().catch((err: unknown) => err);
    expect(aborted).toBeInstanceOf(TaskAbortedError);
    expect(aborted).toMatchObject({ name: 'TaskAbortedError', kind: 'aborted' });
    expect(crashed).toBeInstanceOf(WorkerCrashedError);
    expect(crashed).toMatchObject({
      name: 'WorkerCrashedError',
      kind: 'crashed',
      message: 'The remote worker stopped unexpectedly (test). Reload the page and try again.',
    });
  });

  it('keeps name and message of other errors, as comlink does', async () => {
    const error: unknown = await connect(thrower)
      .plain()
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(WorkerTaskError);
    expect(error).toMatchObject({ name: 'TypeError', message: 'not a function' });
  });

  it('passes thrown non-errors through as values', async () => {
    await expect(connect(thrower).notAnError()).rejects.toEqual({ code: 7 });
  });
});

describe('CallControl', () => {
  const echo = {
    async run(steps: number, control?: CallControl): Promise<boolean> {
      try {
        for (let i = 1; i <= steps; i += 1) {
          await control?.onProgress?.({
            progress: i / steps,
            loaded: i,
            total: steps,
            timeElapsed: 0,
          });
        }
        return control?.abortPort instanceof MessagePort;
      } finally {
        releaseControl(control);
      }
    },
  };

  it('carries onProgress as a proxy and transfers the abort port', async () => {
    const seen: number[] = [];
    const port = abortPortFor(new AbortController().signal);
    const remote = connect(echo);
    const hasPort = await remote.run(
      3,
      callControl((p: TaskProgress) => seen.push(p.loaded), port),
    );
    expect(hasPort).toBe(true);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('is omitted when there is nothing to carry', () => {
    expect(callControl()).toBeUndefined();
    expect(abortPortFor()).toBeUndefined();
    expect(abortPortFor(undefined)).toBeUndefined();
  });

  it('does not mark or mutate the caller’s function', () => {
    const onProgress = (): void => undefined;
    const control = callControl(onProgress);
    expect(control?.onProgress).not.toBe(onProgress);
    expect(Object.getOwnPropertySymbols(onProgress)).toEqual([]);
  });
});

describe('abort across a port', () => {
  it('aborts the far signal with a TaskAbortedError when the near signal aborts', async () => {
    const controller = new AbortController();
    const channel = abortChannelFor(controller.signal);
    const signal = signalFromPort(channel?.port, 'far');
    expect(signal.aborted).toBe(false);
    const aborted = new Promise((resolve) => signal.addEventListener('abort', resolve));
    controller.abort();
    await aborted;
    expect(signal.reason).toBeInstanceOf(TaskAbortedError);
    expect(() => throwIfAborted(signal, 'far')).toThrow(TaskAbortedError);
    channel?.dispose();
  });

  it('delivers an abort that happened before the port was read', async () => {
    const signal = signalFromPort(abortPortFor(AbortSignal.abort()));
    await new Promise((resolve) => signal.addEventListener('abort', resolve));
    expect(signal.aborted).toBe(true);
  });

  it('gives a signal that never aborts without a port', () => {
    const signal = signalFromPort(undefined);
    expect(signal.aborted).toBe(false);
    expect(() => throwIfAborted(signal)).not.toThrow();
  });

  it('throwIfAborted names the worker when the reason is not ours', () => {
    const error: unknown = (() => {
      try {
        throwIfAborted(AbortSignal.abort(), 'embed');
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(TaskAbortedError);
    expect(error).toMatchObject({
      workerName: 'embed',
      message: expect.stringMatching(/^The embed worker/) as unknown,
    });
  });
});
