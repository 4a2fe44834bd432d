/** Light, dark or the system's choice; remembered in settings, applied as data-theme on <html>. */
import { getSetting, setSetting } from '../../storage';

export type ThemeChoice = 'light' | 'dark' | 'system';

function isThemeChoice(v: unknown): v is ThemeChoice {
  return v === 'light' || v === 'dark' || v === 'system';
}

class Theme {
  #choice = $state<ThemeChoice>('system');
  #systemDark = $state(false);
  readonly effective = $derived<'light' | 'dark'>(
    this.#choice === 'system' ? (this.#systemDark ? 'dark' : 'light') : this.#choice,
  );

  constructor() {
    const query = matchMedia('(prefers-color-scheme: dark)');
    this.#systemDark = query.matches;
    query.addEventListener('change', (e) => {
      this.#systemDark = e.matches;
      this.#apply();
    });
    this.#apply();
  }

  get choice(): ThemeChoice {
    return this.#choice;
  }

  async restore(): Promise<void> {
    const saved = await getSetting('theme');
    if (isThemeChoice(saved)) this.#choice = saved;
    this.#apply();
  }

  async choose(choice: ThemeChoice): Promise<void> {
    this.#choice = choice;
    this.#apply();
    await setSetting('theme', choice);
  }

  resetToSystem(): void {
    this.#choice = 'system';
    this.#apply();
  }

  #apply(): void {
    document.documentElement.dataset['theme'] = this.effective;
    document.documentElement.style.colorScheme = this.effective;
  }
}

export const theme = new Theme();
