/**
 * History search over every conversation. The index is built from IndexedDB the first time
 * someone searches and rebuilt lazily after any message changes (in this tab or another), so
 * results are never stale and a person who never searches pays nothing: not even MiniSearch's
 * code, which is fetched with the first search.
 */
import type { HistoryHit, HistorySearch } from '../../core/chat/history-search';
import { allMessages, onMessagesChanged } from '../../storage';

class ChatSearch {
  #query = $state('');
  #hits = $state.raw<HistoryHit[]>([]);
  #searching = $state(false);
  #index: HistorySearch | null = null;
  #building: Promise<HistorySearch> | null = null;
  #stale = true;
  #watching = false;
  #lastBuildMs = $state<number | null>(null);
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
    return this.#lastBuildMs;
  }

  async search(query: string): Promise<void> {
    this.#query = query;
    const run = ++this.#run;
    if (!query.trim()) {
      this.#hits = [];
      return;
    }
    this.#searching = true;
    try {
      const index = await this.#ready();
      if (run === this.#run) this.#hits = index.search(query, { limit: 50 });
    } finally {
      if (run === this.#run) this.#searching = false;
    }
  }

  clear(): void {
    this.#query = '';
    this.#hits = [];
    this.#run++;
  }

  async #ready(): Promise<HistorySearch> {
    if (!this.#watching) {
      this.#watching = true;
      onMessagesChanged(() => {
        this.#stale = true;
      });
    }
    if (this.#index && !this.#stale) return this.#index;
    if (!this.#building) {
      this.#stale = false;
      this.#building = (async () => {
        const { HistorySearch } = await import('../../core/chat/history-search');
        const started = performance.now();
        const index = new HistorySearch();
        index.addAll(await allMessages());
        this.#lastBuildMs = performance.now() - started;
        this.#index = index;
        return index;
      })().finally(() => {
        this.#building = null;
      });
    }
    return this.#building;
  }
}

export const chatSearch = new ChatSearch();
