/**
 * Each view is its own chunk, fetched the first time its route is shown: the shell that
 * index.html loads stays small (scripts/vite/entry-budget.ts fails the build past its
 * budget), and a view's libraries (markdown, highlighting, virtual lists, search) arrive
 * with the view that needs them. The service worker precaches every chunk, so a view
 * that was never opened still opens offline.
 *
 * Home, the landing view, is small and part of the shell: the usual start fetches no chunk
 * after the entry's own.
 */
import type { Component } from 'svelte';
import type { ViewRoute } from '../router.svelte';
import HomeView from './HomeView.svelte';

type ViewModule = { default: Component };

const LOADERS: Readonly<Record<ViewRoute, () => Promise<ViewModule>>> = {
  home: () => Promise.resolve({ default: HomeView }),
  chat: () => import('./ChatView.svelte'),
  library: () => import('./LibraryView.svelte'),
  research: () => import('./ResearchView.svelte'),
  prompts: () => import('./PromptsView.svelte'),
  transcribe: () => import('./TranscribeView.svelte'),
  models: () => import('./ModelsView.svelte'),
  settings: () => import('./SettingsView.svelte'),
  system: () => import('./SystemView.svelte'),
  share: () => import('./ShareView.svelte'),
  demo: () => import('./DemoView.svelte'),
};

class ViewLoader {
  #loaded = $state.raw<Partial<Record<ViewRoute, Component>>>({ home: HomeView });
  #failed = $state.raw<Partial<Record<ViewRoute, string>>>({});
  readonly #pending = new Map<ViewRoute, Promise<void>>();

  /** The view's component once its chunk has arrived; undefined until then. */
  component(route: ViewRoute): Component | undefined {
    return this.#loaded[route];
  }

  /** Why the view's chunk could not be loaded (offline before install, a replaced deploy). */
  error(route: ViewRoute): string | undefined {
    return this.#failed[route];
  }

  /**
   * Fetches the view's chunk once; a later call for the same route waits on the same fetch.
   * Never rejects: a failure is kept for error() and a later call tries again.
   */
  load(route: ViewRoute): Promise<void> {
    if (this.#loaded[route]) return Promise.resolve();
    let pending = this.#pending.get(route);
    if (!pending) {
      pending = LOADERS[route]().then(
        (module) => {
          this.#loaded = { ...this.#loaded, [route]: module.default };
          const { [route]: _dropped, ...rest } = this.#failed;
          this.#failed = rest;
        },
        (error: unknown) => {
          this.#failed = {
            ...this.#failed,
            [route]: error instanceof Error ? error.message : String(error),
          };
        },
      );
      pending = pending.finally(() => this.#pending.delete(route));
      this.#pending.set(route, pending);
    }
    return pending;
  }
}

export const views = new ViewLoader();
