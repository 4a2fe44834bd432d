/**
 * The markdown renderer (marked and DOMPurify, in render-markdown.ts) is its own chunk: the
 * chat fetches it when it opens, not the shell. `renderer` is null until it has arrived;
 * `highlighted` counts how often highlight.js arrived, so views that read it render again
 * with their code highlighted.
 */
import type { RenderedMarkdown } from './render-markdown';

type Render = (source: string, options?: { citations?: number }) => RenderedMarkdown;

class Markdown {
  #render = $state.raw<Render | null>(null);
  #highlighted = $state(0);
  #failed = $state(false);
  #loading: Promise<void> | undefined;
  /** Highlighter loads already waited on: one render again per load, not one per caller. */
  readonly #awaited = new WeakSet<Promise<void>>();

  /** renderMarkdown, once its chunk is here; null before. */
  get renderer(): Render | null {
    return this.#render;
  }

  /** Whether the renderer could not be fetched (then text stays plain). */
  get failed(): boolean {
    return this.#failed;
  }

  /** Read it to render again when the highlighter arrives. */
  get highlighted(): number {
    return this.#highlighted;
  }

  /** Fetches the renderer once; safe to call again (and again after a failure). */
  load(): Promise<void> {
    this.#loading ??= import('./render-markdown').then(
      (module) => {
        this.#render = module.renderMarkdown;
        this.#failed = false;
      },
      () => {
        this.#failed = true;
        this.#loading = undefined;
      },
    );
    return this.#loading;
  }

  /** Renders again once `waiting` (the result's highlighter) has settled. */
  whenHighlighted(waiting: Promise<void>): void {
    if (this.#awaited.has(waiting)) return;
    this.#awaited.add(waiting);
    void waiting.then(() => {
      this.#highlighted++;
    });
  }
}

export const markdown = new Markdown();
