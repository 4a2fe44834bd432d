/** Whether the browser thinks it is online; the app works either way, this only informs. */
class Network {
  #online = $state(navigator.onLine);

  constructor() {
    addEventListener('online', () => (this.#online = true));
    addEventListener('offline', () => (this.#online = false));
  }

  get online(): boolean {
    return this.#online;
  }
}

export const network = new Network();
