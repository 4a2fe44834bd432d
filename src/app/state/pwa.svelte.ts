/**
 * The service worker's life as the UI sees it: "ready offline" once the shell is cached,
 * "update available" when a new version waits (registerType 'prompt': never reload by surprise).
 */
import { registerSW } from 'virtual:pwa-register';
import { OFFLINE_READY_SHOWN_MS } from './pwa-timing';

class Pwa {
  #needRefresh = $state(false);
  #offlineReady = $state(false);
  #registerError = $state<string | null>(null);
  #updateSW: ((reload?: boolean) => Promise<void>) | null = null;
  #offlineTimer: ReturnType<typeof setTimeout> | null = null;

  get needRefresh(): boolean {
    return this.#needRefresh;
  }
  get offlineReady(): boolean {
    return this.#offlineReady;
  }
  get registerError(): string | null {
    return this.#registerError;
  }

  start(): void {
    if (!('serviceWorker' in navigator)) return;
    this.#updateSW = registerSW({
      onNeedRefresh: () => (this.#needRefresh = true),
      onOfflineReady: () => {
        this.#offlineReady = true;
        this.#offlineTimer = setTimeout(() => this.dismissOfflineReady(), OFFLINE_READY_SHOWN_MS);
      },
      onRegisterError: (error: unknown) => {
        this.#registerError = error instanceof Error ? error.message : String(error);
      },
    });
  }

  /** Activates the waiting version and reloads into it. */
  async applyUpdate(): Promise<void> {
    this.#needRefresh = false;
    await this.#updateSW?.(true);
  }

  dismissUpdate(): void {
    this.#needRefresh = false;
  }

  dismissOfflineReady(): void {
    if (this.#offlineTimer !== null) clearTimeout(this.#offlineTimer);
    this.#offlineTimer = null;
    this.#offlineReady = false;
  }
}

export const pwa = new Pwa();
