// The field checks every share kind's validator is made of: each refuses with a ShareError
// 'bad-schema' that names the field and says what is wrong as a code (SchemaProblem), so the
// app can word it in the person's language; the English message is for logs and tests.
import { ShareError, type SchemaProblem } from './errors';

export type Obj = Record<string, unknown>;

const ENGLISH: Readonly<Record<SchemaProblem, string>> = {
  'not-object': 'is not an object',
  'not-allowed': 'is not allowed',
  missing: 'is missing',
  'not-text': 'is not text',
  'too-long': 'is longer than {limit} characters',
  empty: 'is empty',
  'not-number': 'is not a number',
  'not-whole': 'is not a whole number',
  'out-of-range': 'is outside {limit}',
  'not-list': 'is not a list',
  'too-many': 'has more than {limit} entries',
  'not-one-of': 'is not one of {limit}',
  'not-true-false': 'is not true or false',
  duplicate: 'repeats {limit}',
  'not-shared': 'names version {limit}, which is not shared',
  'bad-template': 'is not a template Omnia can render ({limit})',
  'not-value': 'is not {limit}',
};

export function fail(path: string, problem: SchemaProblem, limit?: string | number): never {
  const text = ENGLISH[problem].replace('{limit}', String(limit ?? ''));
  throw new ShareError(
    'bad-schema',
    `The shared content does not fit the format: ${path} ${text}.`,
    {
      schema: { field: path, problem, ...(limit !== undefined ? { limit: String(limit) } : {}) },
    },
  );
}

export function object(
  value: unknown,
  path: string,
  required: string[],
  optional: string[] = [],
): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'not-object');
  const obj = value as Obj;
  for (const key of Object.keys(obj)) {
    if (!required.includes(key) && !optional.includes(key)) fail(`${path}.${key}`, 'not-allowed');
  }
  for (const key of required) if (!(key in obj)) fail(`${path}.${key}`, 'missing');
  return obj;
}

export function string(value: unknown, path: string, max: number, allowEmpty = true): string {
  if (typeof value !== 'string') fail(path, 'not-text');
  if (value.length > max) fail(path, 'too-long', max);
  if (!allowEmpty && value.trim() === '') fail(path, 'empty');
  return value;
}

export function number(
  value: unknown,
  path: string,
  min: number,
  max: number,
  integer = false,
): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'not-number');
  if (integer && !Number.isInteger(value)) fail(path, 'not-whole');
  if (value < min || value > max) fail(path, 'out-of-range', `${min}–${max}`);
  return value;
}

export function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'not-true-false');
  return value;
}

export function array(value: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(value)) fail(path, 'not-list');
  if (value.length > max) fail(path, 'too-many', max);
  return value;
}

/** One of a fixed set of strings. */
export function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) fail(path, 'not-one-of', allowed.join(', '));
  return value as T;
}

/** Copies optional fields that passed their check, so the result holds nothing unchecked. */
export function optional<T>(
  obj: Obj,
  key: string,
  check: (v: unknown, path: string) => T,
  path: string,
): { [key: string]: T } {
  return key in obj && obj[key] !== undefined ? { [key]: check(obj[key], `${path}.${key}`) } : {};
}

/** Times: ms since 1970, up to the largest a Date holds. */
export const TIME_MAX = 8.64e15;
