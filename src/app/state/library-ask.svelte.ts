/**
 * "Ask the library": the question, its filters and the last extractive answer. Kept outside
 * the component so the answer is still there after a visit to another view. Only the newest
 * question's answer is shown: a slower earlier one arriving late is dropped.
 */
import type { ExtractiveAnswer, RetrievalQuery } from '../../core/rag/types';
import { dayBounds, type DateRangeFilter } from '../components/library/document-filter';
import { libraryService } from './library.svelte';

const ANSWER_PASSAGES = 8;

class LibraryAsk {
  text = $state('');
  collectionIds = $state<string[]>([]);
  date = $state<DateRangeFilter>({ field: 'addedAt', from: '', to: '' });
  #answer = $state.raw<ExtractiveAnswer | null>(null);
  #busy = $state(false);
  #error = $state<string | null>(null);
  #answered = $state(0);
  #run = 0;

  /** How many questions have been answered (or failed) so far: tests wait for it to move. */
  get answered(): number {
    return this.#answered;
  }

  get answer(): ExtractiveAnswer | null {
    return this.#answer;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get error(): string | null {
    return this.#error;
  }

  /** The query the service gets: no collections ticked = the whole library. */
  query(): RetrievalQuery {
    const query: RetrievalQuery = { text: this.text.trim(), limit: ANSWER_PASSAGES };
    if (this.collectionIds.length > 0) query.collectionIds = [...this.collectionIds];
    const bounds = dayBounds(this.date);
    if (bounds.from !== undefined || bounds.to !== undefined) {
      query.dateRange = { field: this.date.field, ...bounds };
    }
    return query;
  }

  async ask(): Promise<void> {
    const query = this.query();
    if (!query.text) return;
    const run = ++this.#run;
    this.#busy = true;
    this.#error = null;
    try {
      const answer = await libraryService().answer(query);
      if (run === this.#run) this.#answer = answer;
    } catch (error) {
      if (run === this.#run) this.#error = error instanceof Error ? error.message : String(error);
    } finally {
      if (run === this.#run) {
        this.#busy = false;
        this.#answered++;
      }
    }
  }
}

export const libraryAsk = new LibraryAsk();
