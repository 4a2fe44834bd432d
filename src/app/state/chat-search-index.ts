/**
 * The history search index, kept warm. It is built from IndexedDB the first time it is needed
 * (or when the search box takes focus), in slices so the page never freezes while 10,000
 * messages are indexed; after that, each write to messages (a streamed answer being saved,
 * another tab's turn, a deleted conversation) re-reads just the rows it changed and updates
 * the index in place, so a search after a chat turn does not rebuild anything. MiniSearch's
 * code is fetched with the first build.
 */
import type { HistorySearch } from '../../core/chat/history-search';
import { allMessages, getMessages, onRowsChanged } from '../../storage';

/** Messages indexed between two pauses while building. */
const BUILD_SLICE = 1000;

const yieldTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export class WarmHistoryIndex {
  #index: HistorySearch | null = null;
  #building: Promise<HistorySearch> | null = null;
  /** The index must be built again from scratch (a write Dexie could not name row by row). */
  #stale = true;
  /** Messages written since the index last caught up: re-read before the next query. */
  #changed = new Set<string>();
  #catchingUp: Promise<void> | null = null;
  #listening = false;
  #lastBuildMs: number | null = null;

  /** How long the last full build took (developers see it; benchmarks read it). */
  get lastBuildMs(): number | null {
    return this.#lastBuildMs;
  }

  /** The index when it can answer right now, with nothing to build or catch up on. */
  get warm(): HistorySearch | null {
    const idle = !this.#stale && this.#changed.size === 0 && this.#catchingUp === null;
    return idle ? this.#index : null;
  }

  /** Starts building in the background, so the first search finds it (nearly) ready. */
  prepare(): void {
    this.ready().catch((error: unknown) => {
      console.warn('Omnia: could not build the history search index', error);
    });
  }

  /** The index, built and caught up with every write so far. */
  async ready(): Promise<HistorySearch> {
    this.#listen();
    for (;;) {
      const index = this.#stale || !this.#index ? await this.#build() : this.#index;
      if (this.#changed.size > 0) await this.#catchUp(index);
      else if (this.#catchingUp) await this.#catchingUp;
      if (!this.#stale && this.#changed.size === 0) return index;
    }
  }

  #listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    onRowsChanged(['messages'], (changes) => {
      const ids = changes['messages'];
      if (ids === null) this.#stale = true;
      else for (const id of ids ?? []) this.#changed.add(id);
      // Catch up now, in the background, so the next search is warm.
      if (this.#index && !this.#building && ids) void this.#catchUp(this.#index).catch(() => {});
    });
  }

  #build(): Promise<HistorySearch> {
    this.#building ??= (async () => {
      this.#stale = false;
      // Rows written from now on are caught up after the build (again, if it already read them).
      const { HistorySearch } = await import('../../core/chat/history-search');
      const started = performance.now();
      const index = new HistorySearch();
      const messages = await allMessages();
      for (let at = 0; at < messages.length; at += BUILD_SLICE) {
        if (at > 0) await yieldTask();
        index.addAll(messages.slice(at, at + BUILD_SLICE));
      }
      this.#lastBuildMs = performance.now() - started;
      this.#index = index;
      return index;
    })().finally(() => {
      this.#building = null;
    });
    return this.#building;
  }

  /** Re-reads the messages written since the last catch-up and updates `index` in place. */
  #catchUp(index: HistorySearch): Promise<void> {
    if (this.#catchingUp) return this.#catchingUp;
    const ids = [...this.#changed];
    this.#changed.clear();
    this.#catchingUp = getMessages(ids)
      .then((rows) => {
        rows.forEach((row, i) => {
          if (row) index.upsert(row);
          else index.remove(ids[i]!);
        });
      })
      .catch((error: unknown) => {
        // Could not read them: build again from scratch next time rather than be wrong.
        this.#stale = true;
        throw error;
      })
      .finally(() => {
        this.#catchingUp = null;
        // More writes came meanwhile (a streaming answer saves every half second).
        if (this.#changed.size > 0 && !this.#stale) void this.#catchUp(index).catch(() => {});
      });
    return this.#catchingUp;
  }
}
