// Passages keep the text as the document wrote it (markdown included), which is right for the
// index and for opening the exact passage, but an answer a person reads should say
// "março de 2026", not "**março de 2026**". This turns passage text into plain text line by
// line: emphasis, code ticks, links and images, heading, quote and list markers, escapes and
// inline HTML tags go; a markdown table's rows read like the spreadsheet rows of CSV and XLSX
// ("Mês: jan; Sacas: 1.200"), its header and rule dropped.

const TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const HEADING_MARK = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/;
const SETEXT_RULE = /^\s{0,3}(?:=+|-+)\s*$/;
const QUOTE_MARK = /^\s{0,3}(?:>\s?)+/;
const LIST_MARK = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?/;
const IMAGE = /!\[([^\]]*)\]\([^)]*\)/g;
const LINK = /\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)/g;
const REFERENCE_LINK = /\[([^\]]+)\]\[[^\]]*\]/g;
const AUTOLINK = /<((?:https?|mailto):[^>\s]+)>/g;
const CODE = /(`+)(.+?)\1/g;
const STRONG = /(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g;
const STRIKE = /~~(?=\S)(.+?)(?<=\S)~~/g;
const STAR_EMPHASIS = /(^|[^\p{L}\p{N}*\\])\*(?=\S)([^*]+?)(?<=\S)\*(?![\p{L}\p{N}*])/gu;
const UNDERSCORE_EMPHASIS = /(^|[^\p{L}\p{N}_\\])_(?=\S)([^_]+?)(?<=\S)_(?![\p{L}\p{N}_])/gu;
const HTML_TAG = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>/g;
const ESCAPE = /\\([\\`*_{}[\]()#+\-.!|>~])/g;
const WORD = /[\p{L}\p{N}]/u;

/** Whether a line is a markdown heading ("## Resultados") or a setext rule under one. */
export function isMarkdownHeading(line: string): boolean {
  return HEADING_MARK.test(line) || SETEXT_RULE.test(line);
}

/** The cells of a table row, trimmed, without the empty cells outside the outer pipes. */
function cellsOf(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => inlinePlain(cell));
}

/** Markdown inline syntax of one piece of text removed, whitespace collapsed. */
function inlinePlain(text: string): string {
  return text
    .replace(IMAGE, '$1')
    .replace(LINK, '$1')
    .replace(REFERENCE_LINK, '$1')
    .replace(AUTOLINK, '$1')
    .replace(CODE, (_all, _ticks: string, code: string) => code.trim())
    .replace(STRONG, '$2')
    .replace(STRIKE, '$1')
    .replace(STAR_EMPHASIS, '$1$2')
    .replace(UNDERSCORE_EMPHASIS, '$1$2')
    .replace(HTML_TAG, '')
    .replace(ESCAPE, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * One line (no table context) as plain text: block markers and inline syntax removed; a
 * table row's cells joined by "; "; a line left with no letter or digit becomes ''.
 *
 * @example plainLine('- A **nova** sede abre em [Campinas](https://x.org).') // 'A nova sede abre em Campinas.'
 */
export function plainLine(line: string): string {
  if (TABLE_RULE.test(line) || SETEXT_RULE.test(line)) return '';
  let text = line;
  const heading = HEADING_MARK.exec(text);
  if (heading !== null) text = heading[1] ?? '';
  text = text.replace(QUOTE_MARK, '').replace(LIST_MARK, '');
  const plain = text.includes('|')
    ? cellsOf(text)
        .filter((cell) => cell !== '')
        .join('; ')
    : inlinePlain(text);
  return WORD.test(plain) ? plain : '';
}

/** A table's body row as "Header: value; Header: value" (a cell without header stands alone). */
function tableRowText(cells: readonly string[], header: readonly string[]): string {
  return cells
    .map((cell, i) => {
      const name = header[i] ?? '';
      return cell === '' ? '' : name === '' ? cell : `${name}: ${cell}`;
    })
    .filter((part) => part !== '')
    .join('; ');
}

/** A header row, its rule and its rows, all on one line (how a paragraph of table lines is stored). */
const INLINE_TABLE = /^\s*(\|.*?\|)\s*(\|\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|)(.*)$/;

/**
 * The rows of a table written on one line ("| Mês | Sacas | | --- | --- | | jan | 1.200 |"),
 * each as "Mês: jan; Sacas: 1.200"; null when the line holds no such table.
 */
function inlineTableRows(line: string): string[] | null {
  const match = INLINE_TABLE.exec(line);
  if (match === null) return null;
  const header = cellsOf(match[1] ?? '');
  const columns = (match[2] ?? '').split('|').length - 2;
  if (columns < 1) return null;
  const row = new RegExp(`\\|((?:[^|]*\\|){${columns - 1}}[^|]*)\\|`, 'g');
  const rows: string[] = [];
  for (const found of (match[3] ?? '').matchAll(row)) {
    const text = tableRowText(cellsOf(`|${found[1] ?? ''}|`), header);
    if (WORD.test(text)) rows.push(text);
  }
  return rows;
}

/**
 * `text` as plain text, line by line: every line through {@link plainLine}, except that a
 * markdown table stored on one line becomes one line per row naming its columns.
 *
 * @example plainText('Vendas\n| Mês | Sacas | | --- | --- | | jan | 1.200 |') // 'Vendas\nMês: jan; Sacas: 1.200'
 */
export function plainText(text: string): string {
  return text.split('\n').flatMap(plainLines).join('\n');
}

/** One stored line as plain lines: one per row for a table stored on one line, else one. */
export function plainLines(line: string): string[] {
  return inlineTableRows(line) ?? [plainLine(line)];
}
