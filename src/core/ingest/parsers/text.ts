// Plain-text formats into blocks: TXT (paragraphs split on blank lines), Markdown (headings
// with section paths, code fences, list items) and JSON / JSONL (each value flattened to
// "path.to.key: value" lines a person and a keyword index can both read). Input is already
// decoded (decode-text.ts).
import type { ParsedDocument } from '../types';
import { checkJsonDepth, flattenJson, jsonError, walkJson } from './json-flatten';
import {
  BlockList,
  checkpoint,
  collapseWhitespace,
  createContext,
  noTextError,
  rowsCapped,
  SectionPath,
  type ParserContext,
} from './parser-kit';

/** How many items parsers process between two checkpoints. */
const CHECK_EVERY = 1000;

function finish(
  kind: ParsedDocument['kind'],
  list: BlockList,
  extra: Partial<ParsedDocument> = {},
): ParsedDocument {
  if (list.blocks.length === 0) throw noTextError();
  return {
    kind,
    blocks: list.blocks,
    ...extra,
    warnings: [...(extra.warnings ?? []), ...list.warnings()],
  };
}

/** TXT: one paragraph block per run of non-blank lines. */
export function parseTxt(text: string, context: ParserContext = createContext()): ParsedDocument {
  const list = new BlockList(context.limits);
  const paragraphs = text.split(/\r?\n[ \t\f]*(?:\r?\n)+/);
  paragraphs.forEach((paragraph, i) => {
    if (i % CHECK_EVERY === 0) checkpoint(context);
    list.push({ kind: 'paragraph', text: collapseWhitespace(paragraph) });
  });
  return finish('txt', list);
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const LIST_ITEM = /^\s*(?:[-*+]|\d{1,9}[.)])\s+(.*)$/;
const SETEXT = /^\s{0,3}(=+|-+)\s*$/;

/** Markdown: headings (ATX and setext), fenced code, list items and paragraphs. */
export function parseMarkdown(
  text: string,
  context: ParserContext = createContext(),
): ParsedDocument {
  const list = new BlockList(context.limits);
  const sections = new SectionPath();
  const lines = text.split(/\r?\n/);
  let paragraph: string[] = [];
  let item: string[] | null = null;

  const flush = (): void => {
    if (paragraph.length > 0) {
      list.push({
        kind: 'paragraph',
        text: collapseWhitespace(paragraph.join(' ')),
        section: sections.current(),
      });
    }
    if (item !== null) {
      list.push({
        kind: 'list-item',
        text: collapseWhitespace(item.join(' ')),
        section: sections.current(),
      });
    }
    paragraph = [];
    item = null;
  };
  const heading = (level: number, title: string): void => {
    flush();
    const clean = collapseWhitespace(title);
    if (clean === '') return;
    sections.enter(level, clean);
    list.push({ kind: 'heading', text: clean, level, section: sections.current() });
  };

  for (let i = 0; i < lines.length; i++) {
    if (i % CHECK_EVERY === 0) checkpoint(context);
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence !== null) {
      flush();
      const marker = fence[1]!;
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trimStart().startsWith(marker); i++)
        code.push(lines[i]!);
      list.push({ kind: 'code', text: code.join('\n'), section: sections.current() });
      continue;
    }
    const atx = ATX_HEADING.exec(line);
    if (atx !== null) {
      heading(atx[1]!.length, atx[2]!);
      continue;
    }
    const setext = SETEXT.exec(line);
    if (setext !== null && paragraph.length === 1 && item === null) {
      const title = paragraph[0]!;
      paragraph = [];
      heading(setext[1]!.startsWith('=') ? 1 : 2, title);
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    const listItem = LIST_ITEM.exec(line);
    if (listItem !== null) {
      flush();
      item = [listItem[1]!];
    } else if (item !== null && /^\s/.test(line)) {
      item.push(line);
    } else {
      if (item !== null) flush();
      paragraph.push(line.replace(/^\s{0,3}>\s?/, ''));
    }
  }
  flush();
  return finish('md', list);
}

/** Lines of JSON per paragraph block, so no block is one giant wall of lines. */
const JSON_LINES_PER_BLOCK = 40;

/**
 * JSON: each top-level key (or array element) becomes paragraphs of "path: value" lines.
 * Nesting past maxJsonDepth is refused before parsing ('too-deep').
 */
export function parseJson(text: string, context: ParserContext = createContext()): ParsedDocument {
  checkJsonDepth(text, context.limits.maxJsonDepth);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw jsonError(error, text);
  }
  checkpoint(context);
  const list = new BlockList(context.limits);
  const groups: [string | undefined, unknown][] =
    value !== null && typeof value === 'object'
      ? Object.entries(value).map(([key, child]) => [
          Array.isArray(value) ? `[${key}]` : key,
          child,
        ])
      : [[undefined, value]];
  groups.forEach(([key, child], i) => {
    if (i % CHECK_EVERY === 0) checkpoint(context);
    // Streamed a paragraph at a time: a huge group never becomes one array of every line.
    let lines: string[] = [];
    const flush = (): void => {
      if (lines.length > 0) list.push({ kind: 'paragraph', text: lines.join('\n'), section: key });
      lines = [];
    };
    walkJson(
      child,
      key ?? '',
      (line) => {
        lines.push(line);
        if (lines.length === JSON_LINES_PER_BLOCK) flush();
      },
      context,
    );
    flush();
  });
  return finish('json', list);
}

/**
 * JSONL: one row block per valid line (`row` = line number); bad lines skipped and counted; a
 * line nested past maxJsonDepth stops the file ('too-deep', naming the line).
 */
export function parseJsonl(text: string, context: ParserContext = createContext()): ParsedDocument {
  const list = new BlockList(context.limits);
  const lines = text.split(/\r?\n/);
  const maxRows = context.limits.maxRows;
  let rows = 0;
  let total = 0;
  let bad = 0;
  let firstBad = 0;
  lines.forEach((line, i) => {
    if (i % CHECK_EVERY === 0) checkpoint(context);
    if (line.trim() === '') return;
    total++;
    if (rows >= maxRows) return;
    checkJsonDepth(line, context.limits.maxJsonDepth, i + 1);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      bad++;
      if (firstBad === 0) firstBad = i + 1;
      return;
    }
    rows++;
    list.push({ kind: 'row', text: flattenJson(value, '').join('; '), row: i + 1 });
  });
  if (rows === 0 && bad > 0) {
    throw jsonError(
      new Error(`no line is valid JSON (line ${firstBad} is the first)`),
      undefined,
      'JSON lines file',
    );
  }
  const warnings = [];
  if (bad > 0) {
    warnings.push({
      code: 'corrupt' as const,
      message: `${bad} line${bad === 1 ? ' was' : 's were'} not valid JSON and ${bad === 1 ? 'was' : 'were'} skipped (first: line ${firstBad}).`,
      detail: { skipped: bad, line: firstBad },
    });
  }
  if (total - bad > rows) warnings.push(rowsCapped(rows, total - bad, 'rows'));
  return finish('jsonl', list, { rowCount: rows, warnings });
}
