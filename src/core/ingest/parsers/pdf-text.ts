// pdf.js gives a page as positioned text runs, not paragraphs. This joins runs into lines
// (hasEOL and y position), lines into paragraphs (vertical gaps), and calls a line a heading
// when its font is clearly larger than the page's body text — cheap structure that makes
// chunks and section paths follow the page as a reader sees it.
import type { TextBlock } from '../types';

export interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

export interface PdfTextContent {
  items: (PdfTextItem | { type: string })[];
}

export interface PdfLine {
  text: string;
  /** Baseline y (PDF units, grows upwards). */
  y: number;
  /** Font size of the line's largest run. */
  size: number;
}

/** Runs of one page joined into lines, top to bottom as pdf.js reports them. */
export function pdfPageLines(content: PdfTextContent): PdfLine[] {
  const lines: PdfLine[] = [];
  let current: PdfLine | null = null;
  let endX = 0;
  const end = (): void => {
    if (current !== null && current.text.trim() !== '') {
      lines.push({ ...current, text: current.text.replace(/\s+/g, ' ').trim() });
    }
    current = null;
  };
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    const size = Math.abs(item.height) || Math.abs(item.transform[3] ?? 0);
    if (item.str !== '') {
      const line: PdfLine | null = current;
      if (line !== null && Math.abs(line.y - y) > Math.max(line.size, size, 1) * 0.5) end();
      if (current === null) {
        current = { text: item.str, y, size };
      } else {
        const gap = x - endX > size * 0.15;
        const spaced = /\s$/.test(current.text) || /^\s/.test(item.str);
        current.text += gap && !spaced ? ` ${item.str}` : item.str;
        current.size = Math.max(current.size, size);
      }
      endX = x + item.width;
    }
    if (item.hasEOL) end();
  }
  end();
  return lines;
}

/** The most common font size on the page, weighted by characters. */
function bodySize(lines: PdfLine[]): number {
  const weights = new Map<number, number>();
  for (const line of lines) {
    const size = Math.round(line.size * 2) / 2;
    weights.set(size, (weights.get(size) ?? 0) + line.text.length);
  }
  let best = 0;
  let bestWeight = -1;
  for (const [size, weight] of weights) {
    if (weight > bestWeight) [best, bestWeight] = [size, weight];
  }
  return best;
}

/** Lines grouped into heading and paragraph blocks (no page or section yet). */
export function groupPdfLines(lines: PdfLine[]): Omit<TextBlock, 'page' | 'section'>[] {
  const body = bodySize(lines);
  const blocks: Omit<TextBlock, 'page' | 'section'>[] = [];
  let paragraph: PdfLine[] = [];
  const flush = (): void => {
    if (paragraph.length > 0)
      blocks.push({ kind: 'paragraph', text: paragraph.map((line) => line.text).join(' ') });
    paragraph = [];
  };
  for (const line of lines) {
    const isHeading = body > 0 && line.size >= body * 1.25 && line.text.length <= 200;
    if (isHeading) {
      flush();
      blocks.push({ kind: 'heading', text: line.text, level: line.size >= body * 1.6 ? 1 : 2 });
      continue;
    }
    const previous = paragraph.at(-1);
    if (previous !== undefined) {
      const gap = previous.y - line.y;
      const lineHeight = Math.max(previous.size, line.size);
      // A new paragraph: a blank line's worth of space, a jump upwards (new column), or a size change.
      if (
        gap > lineHeight * 1.9 ||
        gap < -lineHeight * 0.5 ||
        Math.abs(previous.size - line.size) > 1
      )
        flush();
    }
    paragraph.push(line);
  }
  flush();
  return blocks;
}
