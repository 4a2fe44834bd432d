// What the share validation tests do for every wrong field: take a valid payload, put a wrong
// value (or none) at one place, and get the ShareError the validator refuses it with.
import { expect } from 'vitest';
import { ShareError } from '../../../../src/core/share/errors';
import { validatePayload } from '../../../../src/core/share/validate';

/** Put at a path to delete the field there instead. */
export const DELETE = Symbol('delete');
export type Path = readonly (string | number)[];

/** `payload` with the value at `path` replaced (or deleted), validated: the error it gets. */
export function refusal(payload: object, path: Path, value: unknown): ShareError {
  const p = payload as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = p;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === DELETE) delete at[last];
  else at[last] = value;
  try {
    validatePayload(p);
  } catch (error) {
    expect(error).toBeInstanceOf(ShareError);
    return error as ShareError;
  }
  throw new Error(`expected ${path.join('.')} = ${String(value)} to be refused`);
}
