/** The developer flag: shows test fixtures (tiny models) and diagnostics to developers only. */
import { getSetting, setSetting } from '../../storage';

class Developer {
  #enabled = $state(false);

  get enabled(): boolean {
    return this.#enabled;
  }

  async restore(): Promise<void> {
    this.#enabled = (await getSetting('developerMode')) === true;
  }

  async set(enabled: boolean): Promise<void> {
    this.#enabled = enabled;
    await setSetting('developerMode', enabled);
  }
}

export const developer = new Developer();
