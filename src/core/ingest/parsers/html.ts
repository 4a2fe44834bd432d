// HTML into blocks, with htmlparser2's streaming callbacks because DOMParser does not exist
// in workers. Drops what a reader never sees (script, style, nav, head except <title>…),
// keeps headings as section paths, paragraphs, list items, code and table rows. docx.ts
// reuses this walker on mammoth's HTML.
import { Parser } from 'htmlparser2';
import type { ParsedDocument, TextBlock } from '../types';
import {
  BlockList,
  checkpoint,
  collapseWhitespace,
  createContext,
  noTextError,
  SectionPath,
  type ParserContext,
} from './parser-kit';

/** Elements whose text is not part of the document's reading text. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'svg',
  'head',
  'iframe',
  'object',
  'canvas',
  'select',
  'button',
]);
/** Elements that end the running text before and after them. */
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'pre',
  'blockquote',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'figure',
  'figcaption',
  'hr',
  'address',
  'details',
  'summary',
  'form',
  'fieldset',
  'body',
  'html',
]);
const HEADING = /^h([1-6])$/;
/** Text chunks between two checkpoints. */
const CHECK_EVERY = 2000;

export interface HtmlBlocks {
  list: BlockList;
  title?: string;
}

/** Walks `html` into blocks. */
export function htmlToBlocks(html: string, context: ParserContext = createContext()): HtmlBlocks {
  const list = new BlockList(context.limits);
  const sections = new SectionPath();
  const open: string[] = [];
  /** Skipped elements we are inside, innermost last. */
  const skipped: string[] = [];
  let inTitle = false;
  let title = '';
  let text = '';
  let cells: { text: string; header: boolean }[] | null = null;
  let cell: { text: string; header: boolean } | null = null;
  let tableHeader: string[] | null = null;
  let events = 0;

  const innermostBlock = (): string | undefined => open.findLast((tag) => BLOCKS.has(tag));
  const flush = (): void => {
    const tag = innermostBlock() ?? 'p';
    const raw = text;
    text = '';
    const heading = HEADING.exec(tag);
    if (heading !== null) {
      const clean = collapseWhitespace(raw);
      if (clean === '') return;
      sections.enter(Number(heading[1]), clean);
      list.push({
        kind: 'heading',
        text: clean,
        level: Number(heading[1]),
        section: sections.current(),
      });
      return;
    }
    const kind: TextBlock['kind'] =
      tag === 'li' ? 'list-item' : tag === 'pre' ? 'code' : 'paragraph';
    const body = kind === 'code' ? raw.replace(/^\n+|\s+$/g, '') : collapseWhitespace(raw);
    list.push({ kind, text: body, section: sections.current() });
  };
  const endRow = (): void => {
    if (cells === null) return;
    const row = cells.map((c) => collapseWhitespace(c.text));
    if (cells.length > 0 && cells.every((c) => c.header)) {
      tableHeader = row;
    } else if (row.some((value) => value !== '')) {
      const header = tableHeader;
      const joined =
        header !== null && header.length === row.length
          ? row
              .map((value, i) => (value === '' ? '' : `${header[i]}: ${value}`))
              .filter(Boolean)
              .join('; ')
          : row.filter(Boolean).join(' | ');
      list.push({ kind: 'row', text: joined, section: sections.current() });
    }
    cells = null;
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (++events % CHECK_EVERY === 0) checkpoint(context);
        if (name === 'title' && skipped.every((tag) => tag === 'head')) {
          inTitle = true;
          return;
        }
        if (SKIPPED.has(name)) skipped.push(name);
        if (skipped.length > 0) return;
        if (name === 'br') {
          if (cell !== null) cell.text += ' ';
          else text += innermostBlock() === 'pre' ? '\n' : ' ';
          return;
        }
        if (BLOCKS.has(name) && cell === null) flush();
        if (name === 'table') tableHeader = null;
        if (name === 'tr') cells = [];
        if ((name === 'td' || name === 'th') && cells !== null)
          cell = { text: '', header: name === 'th' };
        open.push(name);
      },
      ontext(chunk) {
        if (inTitle) title += chunk;
        else if (skipped.length > 0) return;
        else if (cell !== null) cell.text += chunk;
        else text += chunk;
      },
      onclosetag(name) {
        if (name === 'title' && inTitle) {
          inTitle = false;
          return;
        }
        if (skipped.length > 0) {
          if (skipped.at(-1) === name) skipped.pop();
          return;
        }
        if (name === 'br') return;
        if ((name === 'td' || name === 'th') && cell !== null) {
          cells?.push(cell);
          cell = null;
        } else if (name === 'tr') {
          endRow();
        } else if (BLOCKS.has(name) && cell === null) {
          flush();
        }
        const at = open.lastIndexOf(name);
        if (at >= 0) open.length = at;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  const cleanTitle = collapseWhitespace(title);
  return cleanTitle === '' ? { list } : { list, title: cleanTitle };
}

/** An HTML page: its reading text as blocks, and its <title>. */
export function parseHtml(html: string, context: ParserContext = createContext()): ParsedDocument {
  const { list, title } = htmlToBlocks(html, context);
  if (list.blocks.length === 0) throw noTextError();
  return {
    kind: 'html',
    blocks: list.blocks,
    ...(title === undefined ? {} : { title }),
    warnings: list.warnings(),
  };
}
