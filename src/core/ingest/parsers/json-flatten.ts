// JSON turned into lines a person (and BM25) can read: every leaf becomes "path.to.key: value",
// array items "list[2].name: value". Also the 'corrupt' error for invalid JSON, with the line
// and column of the mistake so the person can find it, and the 'too-deep' error: nesting is
// measured on the text before JSON.parse, and the walk keeps its own stack, so no depth ever
// overflows the call stack (issue 15: "Maximum call stack size exceeded" reached the person).
import { IngestError } from '../types';
import { checkpoint, corruptError, type ParserContext } from './parser-kit';

/** Nodes walked between two checkpoints (cancel, time budget). */
const CHECK_EVERY = 10_000;

function leafText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

function childPath(path: string, key: string, isIndex: boolean): string {
  if (isIndex) return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/**
 * Calls `emit` with a "path: value" line for every leaf of `value`, depth first, in document
 * order. Iterative (an explicit stack), so any depth is safe; `context` adds checkpoints.
 */
export function walkJson(
  value: unknown,
  path: string,
  emit: (line: string) => void,
  context?: ParserContext,
): void {
  const stack: [unknown, string][] = [[value, path]];
  let walked = 0;
  while (stack.length > 0) {
    const [node, at] = stack.pop()!;
    if (context !== undefined && ++walked % CHECK_EVERY === 0) checkpoint(context);
    if (node !== null && typeof node === 'object') {
      const isArray = Array.isArray(node);
      const entries: [string, unknown][] = Object.entries(node);
      if (entries.length === 0) {
        emit(`${at === '' ? '' : `${at}: `}${isArray ? '[]' : '{}'}`);
        continue;
      }
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        stack.push([child, childPath(at, key, isArray)]);
      }
      continue;
    }
    emit(at === '' ? leafText(node) : `${at}: ${leafText(node)}`);
  }
}

/** "path: value" lines for every leaf of `value`, depth first, in document order. */
export function flattenJson(value: unknown, path: string, context?: ParserContext): string[] {
  const lines: string[] = [];
  walkJson(value, path, (line) => lines.push(line), context);
  return lines;
}

/**
 * How deep the objects and arrays of JSON `text` nest (brackets inside strings do not count),
 * measured without parsing; stops counting once past `limit` (answers limit + 1).
 */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b || code === 0x5b) {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (code === 0x7d || code === 0x5d) {
      depth--;
    }
  }
  return deepest;
}

/** Throws 'too-deep' when `text` nests deeper than `limit`; `line` names a JSON Lines line. */
export function checkJsonDepth(text: string, limit: number, line?: number): void {
  if (jsonDepth(text, limit) <= limit) return;
  const where = line === undefined ? 'This JSON file' : `Line ${line} of this JSON Lines file`;
  throw new IngestError({
    code: 'too-deep',
    message: `${where} nests objects and arrays more than ${limit} levels deep, deeper than the Library reads. Flatten it (or export it as CSV or JSON Lines with one record per line) and add that copy.`,
    detail: line === undefined ? { depth: limit } : { depth: limit, line },
  });
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

/**
 * Offset of the first syntax error in `text`, or -1. JSON.parse's messages do not always say
 * where (V8: "Unexpected token '}', ..."b": }" is not valid JSON"), so this small scanner does.
 * It recurses: call it only on text whose depth checkJsonDepth has bounded.
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
