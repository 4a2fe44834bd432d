/**
 * What the Captioner and VLM adapter tests share: the fixture PNGs as RGBA, a loaded Captioner
 * per describe block with the network stubbed out, the refusal of bad images, and an abort
 * raised between generated tokens.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InterruptableStoppingCriteria } from '@huggingface/transformers';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import type { Captioner, RgbaImage } from '../../../../src/models/engines/types';
import { engineErrorOf } from './fixture-files';
import { decodePng } from './png-rgba';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export const fetchSpy = vi.fn(() => Promise.reject(new Error('tests make no network requests')));

/** A fixture PNG (path from the repository root) as RGBA. */
export function readFixturePng(file: string): RgbaImage {
  return decodePng(readFileSync(`${ROOT}${file}`));
}

/**
 * Loads a Captioner before the describe block's tests (no network) and disposes of it after.
 * @example
 * const captioner = useCaptioner(() => loadTransformersCaptioner({ entry, files, device: 'cpu' }));
 * it('captions', async () => expect((await captioner().caption(image)).text).not.toBe(''));
 */
export function useCaptioner(load: () => Promise<Captioner>): () => Captioner {
  let captioner: Captioner | undefined;
  beforeAll(async () => {
    vi.stubGlobal('fetch', fetchSpy);
    captioner = await load();
  });
  afterAll(async () => {
    await captioner?.dispose();
    vi.unstubAllGlobals();
  });
  return () => {
    if (!captioner) throw new Error('the captioner is not loaded yet');
    return captioner;
  };
}

/** An empty image and one whose bytes do not match its size are refused with an actionable message. */
export async function expectBadImagesRefused(captioner: Captioner, prompt?: string): Promise<void> {
  const empty = { width: 0, height: 0, data: new Uint8ClampedArray(0) };
  expect((await engineErrorOf(captioner.caption(empty, { prompt }))).message).toBe(
    'The image is 0×0 pixels: there is nothing to describe. Pick an image that has pixels.',
  );
  const short = { width: 4, height: 4, data: new Uint8ClampedArray(12) };
  expect((await engineErrorOf(captioner.caption(short))).message).toMatch(
    /says 4×4 pixels but carries 12 bytes, not 64/,
  );
}

/**
 * Runs `call` while the stopping criteria abort `controller` at generation step `step`, and
 * returns how many steps ran.
 */
export async function abortAtStep(
  controller: AbortController,
  step: number,
  call: () => Promise<void>,
): Promise<number> {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- applied with its own `this` below
  const original = InterruptableStoppingCriteria.prototype._call;
  let steps = 0;
  const spy = vi
    .spyOn(InterruptableStoppingCriteria.prototype, '_call')
    .mockImplementation(function (this: InterruptableStoppingCriteria, ...args) {
      steps += 1;
      if (steps === step) controller.abort();
      return original.apply(this, args);
    });
  try {
    await call();
  } finally {
    spy.mockRestore();
  }
  return steps;
}
