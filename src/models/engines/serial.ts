/**
 * One call at a time per loaded model: onnxruntime sessions and web-llm engines are not
 * re-entrant, and a second chat turn must not interleave its tokens with the first.
 */
export type Serial = <T>(task: () => Promise<T>) => Promise<T>;

/** Runs each task after the previous one settles, whether it succeeded or not. */
export function createSerial(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
