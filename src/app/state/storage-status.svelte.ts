/**
 * How much this origin stores and whether the browser promised to keep it
 * (navigator.storage.estimate / persisted / persist). Refreshed after anything that writes a lot.
 */
class StorageStatus {
  #usage = $state<number | null>(null);
  #quota = $state<number | null>(null);
  #persisted = $state<boolean | null>(null);
  /** Result of the last persist() request, so the UI can say what happened. */
  #lastRequest = $state<'granted' | 'denied' | null>(null);
  readonly supported = typeof navigator.storage?.estimate === 'function';

  get usage(): number | null {
    return this.#usage;
  }
  get quota(): number | null {
    return this.#quota;
  }
  get persisted(): boolean | null {
    return this.#persisted;
  }
  get lastRequest(): 'granted' | 'denied' | null {
    return this.#lastRequest;
  }

  async refresh(): Promise<void> {
    if (!this.supported) return;
    const [estimate, persisted] = await Promise.all([
      navigator.storage.estimate(),
      navigator.storage.persisted?.() ?? Promise.resolve(false),
    ]);
    this.#usage = estimate.usage ?? null;
    this.#quota = estimate.quota ?? null;
    this.#persisted = persisted;
  }

  async requestPersistence(): Promise<void> {
    if (typeof navigator.storage?.persist !== 'function') return;
    const granted = await navigator.storage.persist();
    this.#lastRequest = granted ? 'granted' : 'denied';
    await this.refresh();
  }
}

export const storageStatus = new StorageStatus();
