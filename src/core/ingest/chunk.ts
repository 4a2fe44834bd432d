// Cuts a parsed document into retrievable chunks measured in the embedder's own tokens, so
// no chunk is silently truncated by the model. A chunk keeps one reference a citation can
// point at: it never crosses a PDF page or a sheet, a heading starts a new one, paragraphs
// and table rows are packed whole, and a long paragraph is cut between sentences. The next
// chunk repeats the last sentences (or rows) of the one before so an answer that straddles
// the cut is still found, but never across a page, sheet or heading. A chunk of a recording
// keeps the time it covers, like a table chunk keeps its rows.
import type { ChunkDraft, ParsedDocument, TextBlock } from './types';
import { formatTimeRange } from '../voice/time-format';
import {
  countInBatches,
  estimateTokenCounts,
  halveUnit,
  measureUnits,
  type TokenCounter,
  type Unit,
} from './chunk-units';

export { estimateTokens, estimateTokenCounts, type TokenCounter } from './chunk-units';

export interface ChunkOptions {
  /** Most tokens in one chunk, by `countTokens` (special tokens excluded). */
  maxTokens: number;
  /** Most tokens repeated from the previous chunk. */
  overlapTokens: number;
  countTokens: TokenCounter;
}

/** Chunks larger than this dilute the embedding and the citation, even when the model takes more. */
const DEFAULT_MAX_TOKENS = 256;
/** [CLS] and [SEP] take two of the model's positions. */
const SPECIAL_TOKENS = 2;
const OVERLAP_SHARE = 0.12;
/** Re-split rounds after verifying; each halves an overflowing chunk, so a few always suffice. */
const MAX_VERIFY_ROUNDS = 16;
const SECTION_SEPARATOR = ' › ';

/**
 * Options for an embedder whose context is `modelMaxTokens` (null: no embedder, estimate).
 *
 * @example chunkOptionsFor(512, (texts) => tokenizer.count(texts)) // 256 tokens, 31 overlap
 */
export function chunkOptionsFor(
  modelMaxTokens: number | null,
  countTokens: TokenCounter = estimateTokenCounts,
): ChunkOptions {
  const room = modelMaxTokens === null ? DEFAULT_MAX_TOKENS : modelMaxTokens - SPECIAL_TOKENS;
  const maxTokens = Math.max(1, Math.min(DEFAULT_MAX_TOKENS, room));
  return { maxTokens, overlapTokens: Math.round(maxTokens * OVERLAP_SHARE), countTokens };
}

/** Blocks that may share a chunk and carry overlap: same page, sheet and kind, one heading's content. */
interface Run {
  blocks: number[];
}

const isRow = (block: TextBlock): boolean => block.kind === 'row';

/** Splits the blocks into runs: a new run at every page, sheet or row/text change, and at a heading after content. */
function splitRuns(blocks: readonly TextBlock[]): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  let hasContent = false;
  blocks.forEach((block, i) => {
    const first = current === null ? undefined : blocks[current.blocks[0] ?? 0];
    const breaks =
      first === undefined ||
      block.page !== first.page ||
      block.sheet !== first.sheet ||
      isRow(block) !== isRow(first) ||
      (block.kind === 'heading' && hasContent);
    if (breaks || current === null) {
      current = { blocks: [] };
      runs.push(current);
      hasContent = false;
    }
    current.blocks.push(i);
    if (block.kind !== 'heading') hasContent = true;
  });
  return runs;
}

const sum = (units: readonly Unit[]): number => units.reduce((total, u) => total + u.tokens, 0);

/** The last pieces of `units` totalling at most `budget` tokens. */
function tail(units: readonly Unit[], budget: number): Unit[] {
  let tokens = 0;
  let from = units.length;
  while (from > 0) {
    const unit = units[from - 1];
    if (unit === undefined || tokens + unit.tokens > budget) break;
    tokens += unit.tokens;
    from--;
  }
  return units.slice(from);
}

/** Packs one run's pieces greedily into chunks of at most `maxTokens`, whole blocks when they fit. */
function packRun(run: Run, units: readonly Unit[][], options: ChunkOptions): Unit[][] {
  const { maxTokens, overlapTokens } = options;
  const chunks: Unit[][] = [];
  let current: Unit[] = [];
  let fresh = 0;
  /** Closes the current chunk and opens the next with overlap, trimmed so `needed` still fits. */
  const openNext = (needed: number): void => {
    if (fresh > 0) chunks.push(current);
    const overlap = tail(current, overlapTokens);
    while (overlap.length > 0 && sum(overlap) + needed > maxTokens) overlap.shift();
    current = overlap;
    fresh = 0;
  };
  const append = (pieces: readonly Unit[]): void => {
    current.push(...pieces);
    fresh += pieces.length;
  };
  for (const index of run.blocks) {
    const pieces = units[index] ?? [];
    const tokens = sum(pieces);
    if (sum(current) + tokens <= maxTokens) append(pieces);
    else if (tokens <= maxTokens) {
      openNext(tokens);
      append(pieces);
    } else {
      for (const piece of pieces) {
        if (sum(current) + piece.tokens > maxTokens) openNext(piece.tokens);
        append([piece]);
      }
    }
  }
  if (fresh > 0) chunks.push(current);
  return chunks;
}

/** The chunk's text: each block's covered span as written, rows one per line, blocks a blank line apart. */
function renderText(units: readonly Unit[], blocks: readonly TextBlock[]): string {
  let text = '';
  let i = 0;
  while (i < units.length) {
    const first = units[i];
    if (first === undefined) break;
    let last = first;
    while (units[i + 1]?.block === first.block) last = units[++i] ?? last;
    const block = blocks[first.block];
    if (block === undefined) break;
    if (text !== '') text += isRow(block) ? '\n' : '\n\n';
    text += block.text.slice(first.start, last.end);
    i++;
  }
  return text;
}

/** A heading's own section path, whether or not the parser already included the heading in it. */
function headingSection(heading: TextBlock): string {
  const above = heading.section ?? '';
  if (above === heading.text || above.endsWith(SECTION_SEPARATOR + heading.text)) return above;
  return above === '' ? heading.text : above + SECTION_SEPARATOR + heading.text;
}

/** The section of the chunk's first block; for a chunk opening with headings, the section they open. */
function sectionOf(units: readonly Unit[], blocks: readonly TextBlock[]): string | undefined {
  const first = blocks[units[0]?.block ?? -1];
  if (first === undefined || first.kind !== 'heading') return first?.section;
  const content = units.map((u) => blocks[u.block]).find((b) => b?.kind !== 'heading');
  if (content?.section !== undefined) return content.section;
  const headings = units.map((u) => blocks[u.block]).filter((b) => b?.kind === 'heading');
  const deepest = headings.at(-1) ?? first;
  return headingSection(deepest);
}

/** Builds the stored shape of one chunk (tokens filled in after verification). */
function toDraft(units: readonly Unit[], blocks: readonly TextBlock[]): Omit<ChunkDraft, 'order'> {
  const first = blocks[units[0]?.block ?? -1];
  const draft: Omit<ChunkDraft, 'order'> = { text: renderText(units, blocks), tokenCount: 0 };
  if (first?.page !== undefined) draft.page = first.page;
  if (first?.sheet !== undefined) draft.sheet = first.sheet;
  const rows = units.map((u) => blocks[u.block]?.row).filter((r): r is number => r !== undefined);
  if (rows.length > 0) draft.rows = [Math.min(...rows), Math.max(...rows)];
  const section = sectionOf(units, blocks);
  if (section !== undefined && section !== '') draft.section = section;
  const time = timeOf(units, blocks);
  if (time !== undefined) {
    draft.time = time;
    if (isTimeLabelled(units, blocks)) draft.section = formatTimeRange(time);
  }
  return draft;
}

/** The earliest start and latest end of the chunk's timed blocks (transcripts, video). */
function timeOf(
  units: readonly Unit[],
  blocks: readonly TextBlock[],
): [number, number] | undefined {
  const times = units.map((u) => blocks[u.block]?.time).filter((t) => t !== undefined);
  if (times.length === 0) return undefined;
  return [Math.min(...times.map((t) => t[0])), Math.max(...times.map((t) => t[1]))];
}

/** Whether every block's section is just its own time range: then the chunk's section is its range. */
function isTimeLabelled(units: readonly Unit[], blocks: readonly TextBlock[]): boolean {
  return units.every((u) => {
    const block = blocks[u.block];
    return block?.time !== undefined && block.section === formatTimeRange(block.time);
  });
}

/** Splits a chunk that overflowed once joined: in two by pieces, or its only piece in two. */
async function resplit(units: Unit[], count: TokenCounter): Promise<Unit[][]> {
  if (units.length > 1) {
    const middle = Math.ceil(units.length / 2);
    return [units.slice(0, middle), units.slice(middle)];
  }
  const only = units[0];
  if (only === undefined) return [];
  return (await halveUnit(only, count)).map((piece) => [piece]);
}

/** Measures every chunk's joined text in one batch and re-splits any that came out too long. */
async function verify(
  chunks: Unit[][],
  blocks: readonly TextBlock[],
  options: ChunkOptions,
): Promise<ChunkDraft[]> {
  let pending = chunks;
  for (let round = 0; round < MAX_VERIFY_ROUNDS; round++) {
    const drafts = pending.map((units) => toDraft(units, blocks));
    const counts = await countInBatches(
      drafts.map((d) => d.text),
      options.countTokens,
    );
    if (counts.every((c) => c <= options.maxTokens)) {
      return drafts.map((draft, order) => ({ ...draft, order, tokenCount: counts[order] ?? 0 }));
    }
    const next: Unit[][] = [];
    for (const [i, units] of pending.entries()) {
      if ((counts[i] ?? 0) <= options.maxTokens) next.push(units);
      else next.push(...(await resplit(units, options.countTokens)));
    }
    pending = next;
  }
  throw new Error(`Could not fit chunks into ${options.maxTokens} tokens`);
}

/**
 * The document's chunks in reading order (`order` 0..n-1), each at most `maxTokens` by
 * `countTokens`. Deterministic; an empty document gives [].
 *
 * @example await chunkDocument(parsed, chunkOptionsFor(512, countWithTokenizer))
 */
export async function chunkDocument(
  doc: ParsedDocument,
  options: ChunkOptions,
): Promise<ChunkDraft[]> {
  if (options.maxTokens < 1) throw new Error('maxTokens must be at least 1');
  const blocks = doc.blocks
    .map((block) => ({ ...block, text: block.text.trim() }))
    .filter((block) => block.text !== '');
  if (blocks.length === 0) return [];
  const units = await measureUnits(blocks, options.maxTokens, options.countTokens);
  const chunks = splitRuns(blocks).flatMap((run) => packRun(run, units, options));
  return verify(chunks, blocks, options);
}
