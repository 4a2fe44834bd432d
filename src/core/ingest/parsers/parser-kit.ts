// What every parser shares: the limits and cancel signal it runs under, a checkpoint to call
// between pages and rows (cancel, time budget), the heading path that becomes each block's
// `section`, a block list that stops at maxBlocks, and the errors every format can raise.
import { INGEST_LIMITS, type IngestLimits } from '../limits';
import { IngestError, type IngestProblem, type TextBlock } from '../types';

/** Section paths join headings with this separator (types.ts: "Manual › Segurança"). */
export const SECTION_SEPARATOR = ' › ';

export interface ParserContext {
  readonly limits: IngestLimits;
  readonly signal?: AbortSignal;
  /** performance.now() value after which parsing stops with 'timeout'. */
  readonly deadline: number;
}

export function createContext(
  limits: IngestLimits = INGEST_LIMITS,
  signal?: AbortSignal,
): ParserContext {
  return { limits, signal, deadline: performance.now() + limits.parseTimeoutMs };
}

export function cancelledError(): IngestError {
  return new IngestError({ code: 'cancelled', message: 'Adding this file was cancelled.' });
}

/** Call between pages, rows and entries: throws 'cancelled' or 'timeout'. */
export function checkpoint(context: ParserContext): void {
  if (context.signal?.aborted === true) throw cancelledError();
  if (performance.now() > context.deadline) {
    const seconds = Math.round(context.limits.parseTimeoutMs / 1000);
    throw new IngestError({
      code: 'timeout',
      message: `Reading this file took longer than ${seconds} seconds, so it was stopped. Split it into smaller files and add them.`,
      detail: { seconds },
    });
  }
}

export function corruptError(reason: string, what = 'file'): IngestError {
  return new IngestError({
    code: 'corrupt',
    message: `This ${what} could not be read: ${reason}. Open it in the program that made it, save it again, and add the new copy.`,
    detail: { reason },
  });
}

/**
 * The 'corrupt' error for a file that starts like an image (`mimeType`, e.g. 'image/png') but
 * whose picture data the browser's decoder refuses (`reason`: the decoder's own words).
 */
export function undecodableImageError(mimeType: string, reason: string): IngestError {
  const type = mimeType.replace(/^image\//, '').toUpperCase();
  return new IngestError({
    code: 'corrupt',
    message: `This file starts like a ${type} image, but its picture data could not be decoded (${reason.replace(/\.$/, '')}): it is damaged, or not really a ${type}. Open it in an image editor, save it again as PNG or JPEG, and add the new copy.`,
    detail: { format: 'image', type, reason },
  });
}

export function noTextError(): IngestError {
  return new IngestError({
    code: 'empty',
    message:
      'No text was found in this file. If it is a scan or a picture, add it as an image instead.',
  });
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The headings above the current point, outermost first. */
export class SectionPath {
  #headings: { level: number; text: string }[] = [];

  /** Enters heading `text` at `level`, leaving any deeper or equal heading. */
  enter(level: number, text: string): void {
    this.#headings = this.#headings.filter((heading) => heading.level < level);
    this.#headings.push({ level, text });
  }

  /** The section a block at this point belongs to, or undefined before any heading. */
  current(): string | undefined {
    if (this.#headings.length === 0) return undefined;
    return this.#headings.map((heading) => heading.text).join(SECTION_SEPARATOR);
  }
}

/** Blocks in reading order, kept up to maxBlocks; later blocks are counted, not stored. */
export class BlockList {
  readonly blocks: TextBlock[] = [];
  #dropped = 0;
  readonly #max: number;

  constructor(limits: IngestLimits) {
    this.#max = limits.maxBlocks;
  }

  /** Adds a block unless its text is blank (the text is trimmed). */
  push(block: TextBlock): void {
    const text = block.text.trim();
    if (text === '') return;
    if (this.blocks.length >= this.#max) {
      this.#dropped++;
      return;
    }
    this.blocks.push({ ...block, text });
  }

  /** A 'rows-capped' warning (unit 'blocks') when blocks were dropped, else none. */
  warnings(): IngestProblem[] {
    if (this.#dropped === 0) return [];
    const kept = this.blocks.length;
    return [rowsCapped(kept, kept + this.#dropped, 'blocks')];
  }
}

/** The 'rows-capped' warning: only `kept` of `total` (if known) rows/pages/blocks were kept. */
export function rowsCapped(
  kept: number,
  total: number | undefined,
  unit: 'rows' | 'pages' | 'blocks',
): IngestProblem {
  const of = total === undefined ? '' : ` of ${total}`;
  return {
    code: 'rows-capped',
    message: `Only the first ${kept}${of} ${unit} were kept; the rest of the file was left out. Split the file to search all of it.`,
    detail: total === undefined ? { kept, unit } : { kept, total, unit },
  };
}
