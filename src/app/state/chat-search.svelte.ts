/**
 * History search over every conversation. The index (chat-search-index.ts) is built from
 * IndexedDB the first time someone searches or focuses the search box, then kept in step with
 * every write to messages (in this tab or another), so results are never stale, a person who
 * never searches pays nothing — not even MiniSearch's code — and a search on a warm index
 * answers in the same task that asked, so its results show in one render.
 */
import type { HistoryHit } from '../../core/chat/history-search';
import { WarmHistoryIndex } from './chat-search-index';

/** Hits shown at most. */
const LIMIT = 50;

class ChatSearch {
  #query = $state('');
  #hits = $state.raw<HistoryHit[]>([]);
  #searching = $state(false);
  #index = new WarmHistoryIndex();
  #run = 0;

  get query(): string {
    return this.#query;
  }
  get hits(): readonly HistoryHit[] {
    return this.#hits;
  }
  get searching(): boolean {
    return this.#searching;
  }
  /** How long the last index build took (shown to developers; benchmarks read it). */
  get lastBuildMs(): number | null {
    return this.#index.lastBuildMs;
  }

  /** Builds the index in the background (the search box took focus: a query is coming). */
  prepare(): void {
    this.#index.prepare();
  }

  async search(query: string): Promise<void> {
    this.#query = query;
    const run = ++this.#run;
    if (!query.trim()) {
      this.#hits = [];
      return;
    }
    const warm = this.#index.warm;
    if (warm) {
      this.#hits = warm.search(query, { limit: LIMIT });
      this.#searching = false;
      return;
    }
    this.#searching = true;
    try {
      const index = await this.#index.ready();
      if (run === this.#run) this.#hits = index.search(query, { limit: LIMIT });
    } finally {
      if (run === this.#run) this.#searching = false;
    }
  }

  clear(): void {
    this.#query = '';
    this.#hits = [];
    this.#run++;
  }
}

export const chatSearch = new ChatSearch();
