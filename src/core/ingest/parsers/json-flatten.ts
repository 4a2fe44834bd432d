// JSON turned into lines a person (and BM25) can read: every leaf becomes "path.to.key: value",
// array items "list[2].name: value". Also the 'corrupt' error for invalid JSON, with the line
// and column of the mistake so the person can find it.
import type { IngestError } from '../types';
import { corruptError } from './parser-kit';

function leafText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

function childPath(path: string, key: string, isIndex: boolean): string {
  if (isIndex) return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** "path: value" lines for every leaf of `value`, depth first, in document order. */
export function flattenJson(value: unknown, path: string): string[] {
  const lines: string[] = [];
  const visit = (node: unknown, at: string): void => {
    if (node !== null && typeof node === 'object') {
      const isArray = Array.isArray(node);
      const entries = Object.entries(node);
      if (entries.length === 0) {
        lines.push(`${at === '' ? '' : `${at}: `}${isArray ? '[]' : '{}'}`);
        return;
      }
      for (const [key, child] of entries) visit(child, childPath(at, key, isArray));
      return;
    }
    lines.push(at === '' ? leafText(node) : `${at}: ${leafText(node)}`);
  };
  visit(value, path);
  return lines;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

/**
 * Offset of the first syntax error in `text`, or -1. JSON.parse's messages do not always say
 * where (V8: "Unexpected token '}', ..."b": }" is not valid JSON"), so this small scanner does.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxError(String(i));
  };
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = (): void => {
    for (i++; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 0x22) {
        i++;
        return;
      }
      if (code === 0x5c) i++;
      else if (code < 0x20) fail();
    }
    fail();
  };
  const sticky = (pattern: RegExp): void => {
    pattern.lastIndex = i;
    if (!pattern.test(text)) fail();
    i = pattern.lastIndex;
  };
  const list = (close: string, item: () => void): void => {
    i++;
    space();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      if (text[i] !== ',') fail();
      i++;
    }
  };
  const value = (): void => {
    space();
    const char = text[i];
    if (char === '{') {
      list('}', () => {
        space();
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ':') fail();
        i++;
        value();
      });
    } else if (char === '[') list(']', value);
    else if (char === '"') string();
    else if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) sticky(NUMBER);
    else sticky(LITERAL);
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return -1;
  } catch (error) {
    return error instanceof SyntaxError ? Number(error.message) : -1;
  }
}

/** Line and column (1-based) of character `position` in `text`. */
function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}

/** The 'corrupt' error for a JSON.parse failure, naming where in `text` it happened. */
export function jsonError(error: unknown, text?: string, what = 'JSON file'): IngestError {
  const message = error instanceof Error ? error.message : String(error);
  const offset = text === undefined ? -1 : jsonErrorOffset(text);
  if (text !== undefined && offset >= 0) {
    const { line, column } = lineAndColumn(text, offset);
    const reason = `it is not valid JSON at line ${line}, column ${column}`;
    const problem = corruptError(reason, what);
    problem.problem.detail = { reason, line, column };
    return problem;
  }
  return corruptError(`it is not valid JSON (${message})`, what);
}
