// Full-text search over every chat message, kept in memory with MiniSearch. It lives in
// core (not storage) because what counts as a match is a product decision: accents and
// plurals fold together (text/fold.ts), every query word must match, the word being
// typed matches as a prefix, and results come with a snippet whose highlights point at
// what the person actually wrote, not at the folded form the index holds.
import MiniSearch, { type SearchOptions, type SearchResult } from 'minisearch';
import type { ChatRole } from '../../storage';
import { processTerm, tokenize, wordSpans } from '../text/fold';

/** The part of a chat message the search needs. */
export interface SearchableMessage {
  id: string;
  conversationId: string;
  role: ChatRole;
  content: string;
  createdAt: number;
}

/** One message that matched a query. */
export interface HistoryHit {
  messageId: string;
  conversationId: string;
  role: ChatRole;
  createdAt: number;
  score: number;
  /** A window of the content (≤ 160 chars, cut at word boundaries with '…') around the best match, and [start, end) ranges inside `text` of every matched word, for <mark>. */
  snippet: { text: string; highlights: [number, number][] };
}

/** Options for {@link HistorySearch.search}. */
export interface HistorySearchOptions {
  /** At most this many hits; 50 when left out. */
  limit?: number;
  /** Only messages of this conversation. */
  conversationId?: string;
}

/** A match and the message it is. */
interface Found {
  message: SearchableMessage;
  result: SearchResult;
}

const DEFAULT_LIMIT = 50;
const SNIPPET_MAX = 160;
/** Context shown before the best match, so it does not open the snippet cold. */
const SNIPPET_LEAD = 40;
const ELLIPSIS = '…';
/** Fuzzy matching (one edit) only for words long enough not to drift into other words. */
const FUZZY_MIN_LENGTH = 5;

const SEARCH_OPTIONS: SearchOptions = {
  combineWith: 'AND',
  prefix: (_term, i, terms) => i === terms.length - 1,
  fuzzy: (term) => (term.length >= FUZZY_MIN_LENGTH ? 1 : false),
};

/**
 * An in-memory index of chat messages. Feed it with {@link addAll} on start, then keep it
 * in step with {@link upsert} and {@link remove} as messages are written or deleted.
 *
 * @example
 * const index = new HistorySearch();
 * index.addAll(messages);
 * index.search('informacoes contrato')[0]?.snippet.text;
 */
export class HistorySearch {
  readonly #messages = new Map<string, SearchableMessage>();
  readonly #index = new MiniSearch<SearchableMessage>({
    fields: ['content'],
    tokenize,
    processTerm,
    searchOptions: SEARCH_OPTIONS,
  });

  /** Indexes many messages at once; ones already indexed (by id) are replaced. */
  addAll(messages: readonly SearchableMessage[]): void {
    const fresh = new Map<string, SearchableMessage>();
    for (const message of messages) {
      if (this.#messages.has(message.id)) this.upsert(message);
      else fresh.set(message.id, message);
    }
    for (const message of fresh.values()) this.#messages.set(message.id, message);
    this.#index.addAll([...fresh.values()]);
  }

  /** Adds a message, or replaces its content if already there (messages change while streaming). */
  upsert(message: SearchableMessage): void {
    const current = this.#messages.get(message.id);
    if (current === undefined) this.#index.add(message);
    else if (current.content !== message.content) this.#index.replace(message);
    this.#messages.set(message.id, message);
  }

  /** Forgets a message; unknown ids are ignored. */
  remove(messageId: string): void {
    if (!this.#messages.delete(messageId)) return;
    this.#index.discard(messageId);
  }

  /** Forgets every message of a conversation. */
  removeConversation(conversationId: string): void {
    for (const message of [...this.#messages.values()]) {
      if (message.conversationId === conversationId) this.remove(message.id);
    }
  }

  /** Whether a message is indexed. */
  has(messageId: string): boolean {
    return this.#messages.has(messageId);
  }

  /** How many messages are indexed. */
  get size(): number {
    return this.#messages.size;
  }

  /**
   * Messages holding every word of `query` (the last one as a prefix), best first, newer
   * first among equals. An empty or stopword-only query finds nothing.
   */
  search(query: string, options: HistorySearchOptions = {}): HistoryHit[] {
    const terms = tokenize(query).map(processTerm);
    if (!terms.some((term) => term !== null)) return [];
    const { conversationId, limit = DEFAULT_LIMIT } = options;
    const filter =
      conversationId === undefined
        ? undefined
        : (result: SearchResult) => this.#lookup(result)?.conversationId === conversationId;
    const wanted = Math.max(0, limit);
    // MiniSearch hands its results best first: keep the first `limit` and the ones tied with
    // the last of them, and order only those (newer first among equals), not every match.
    const results = this.#index.search(query, { filter });
    const found: Found[] = [];
    let cut = Infinity;
    let previous = Infinity;
    for (const result of results) {
      // Out of order after all (not MiniSearch's way): order every match instead.
      if (result.score > previous) return this.#hits(this.#found(results), wanted);
      previous = result.score;
      if (result.score < cut && found.length >= wanted) break;
      const message = this.#lookup(result);
      if (message === undefined) continue;
      found.push({ message, result });
      if (found.length === wanted) cut = result.score;
    }
    return this.#hits(found, wanted);
  }

  #found(results: readonly SearchResult[]): Found[] {
    const found: Found[] = [];
    for (const result of results) {
      const message = this.#lookup(result);
      if (message !== undefined) found.push({ message, result });
    }
    return found;
  }

  #hits(found: Found[], limit: number): HistoryHit[] {
    found.sort(
      (a, b) => b.result.score - a.result.score || b.message.createdAt - a.message.createdAt,
    );
    return found.slice(0, limit).map(({ message, result }) => new Hit(message, result));
  }

  #lookup(result: SearchResult): SearchableMessage | undefined {
    const id: unknown = result.id;
    return typeof id === 'string' ? this.#messages.get(id) : undefined;
  }
}

/**
 * A hit whose snippet is cut when first read: a snippet costs a scan of the message, and a list
 * that shows its first hits at once reads the others' a frame later (or never).
 */
class Hit implements HistoryHit {
  readonly messageId: string;
  readonly conversationId: string;
  readonly role: ChatRole;
  readonly createdAt: number;
  readonly score: number;
  readonly #content: string;
  readonly #terms: readonly string[];
  #snippet: HistoryHit['snippet'] | undefined;

  constructor(message: SearchableMessage, result: SearchResult) {
    this.messageId = message.id;
    this.conversationId = message.conversationId;
    this.role = message.role;
    this.createdAt = message.createdAt;
    this.score = result.score;
    this.#content = message.content;
    this.#terms = result.terms;
  }

  get snippet(): HistoryHit['snippet'] {
    this.#snippet ??= buildSnippet(this.#content, new Set(this.#terms));
    return this.#snippet;
  }
}

interface Mark {
  start: number;
  end: number;
  term: string;
}

/** Every word of `content` whose processed form is one of the matched index terms. */
function findMarks(content: string, matched: ReadonlySet<string>): Mark[] {
  const marks: Mark[] = [];
  for (const span of wordSpans(content)) {
    const term = processTerm(span.word);
    if (term === null || !matched.has(term)) continue;
    const last = marks.at(-1);
    // A word split by folding (rare) yields two spans with the same range: mark it once.
    if (last?.start === span.start) continue;
    marks.push({ start: span.start, end: span.end, term });
  }
  return marks;
}

/** The mark whose window holds the most distinct matched terms; the earliest among equals. */
function bestAnchor(marks: readonly Mark[]): Mark | undefined {
  let best: Mark | undefined;
  let bestCount = 0;
  marks.forEach((anchor, i) => {
    const limit = anchor.start - SNIPPET_LEAD + SNIPPET_MAX;
    const terms = new Set<string>();
    for (let k = i; k < marks.length && marks[k]!.end <= limit; k++) terms.add(marks[k]!.term);
    if (terms.size > bestCount) {
      best = anchor;
      bestCount = terms.size;
    }
  });
  return best;
}

/** First index ≥ `from` that starts a word (after whitespace), but never past `limit`. */
function forwardToWord(content: string, from: number, limit: number): number {
  if (from === 0 || /\s/.test(content[from - 1] ?? '')) return from;
  const space = content.slice(from, limit).search(/\s/);
  return space === -1 ? from : from + space + 1;
}

/** Last index ≤ `to` that ends a word (before whitespace), but never before `limit`. */
function backToWord(content: string, to: number, limit: number): number {
  if (to >= content.length || /\s/.test(content[to] ?? '')) return to;
  const cut = content.slice(limit, to).search(/\s\S*$/);
  return cut === -1 ? to : limit + cut;
}

/**
 * A ≤ 160-character window around the best match, cut at word boundaries and marked
 * with '…' where cut; highlights are ranges inside the returned text.
 */
function buildSnippet(
  content: string,
  matched: ReadonlySet<string>,
): { text: string; highlights: [number, number][] } {
  const marks = findMarks(content, matched);
  const toRanges = (offset: number, from: number, to: number): [number, number][] =>
    marks
      .filter((m) => m.start >= from && m.end <= to)
      .map((m) => [m.start - from + offset, m.end - from + offset]);
  if (content.length <= SNIPPET_MAX) {
    return { text: content, highlights: toRanges(0, 0, content.length) };
  }
  const anchor = bestAnchor(marks) ?? { start: 0, end: 0, term: '' };
  const budget = SNIPPET_MAX - 2 * ELLIPSIS.length;
  let start = Math.max(0, Math.min(anchor.start - SNIPPET_LEAD, content.length - budget));
  let end = Math.min(content.length, start + budget);
  start = forwardToWord(content, start, anchor.start);
  end = backToWord(content, end, anchor.end);
  const before = start > 0 ? ELLIPSIS : '';
  const after = end < content.length ? ELLIPSIS : '';
  const text = before + content.slice(start, end).trim() + after;
  const lead = content.slice(start, end).length - content.slice(start, end).trimStart().length;
  return { text, highlights: toRanges(before.length - lead, start, end) };
}
