/**
 * The UI language: picked from the browser at first, then whatever the person chose in
 * Settings (remembered in the settings table). Components call `i18n.t(key, params)`;
 * reading `i18n.locale` inside it makes every string re-render on a switch.
 *
 * English ships with the shell; another language's strings are their own chunk, fetched
 * when that language is first applied (main.ts waits for it before the first paint). Until
 * they arrive, and if they cannot, `t` falls back to English.
 */
import { en, type MessageKey } from './en';
import { interpolate, formatBytes } from '../../core/format';
import { isLocale, pickLocale, type Locale } from '../../core/locale';
import { getSetting, setSetting } from '../../storage';

type Catalog = Readonly<Record<MessageKey, string>>;

const LOADERS: Readonly<Record<Exclude<Locale, 'en'>, () => Promise<Catalog>>> = {
  'pt-BR': () => import('./pt-BR').then((m) => m.ptBR),
};

class I18n {
  #locale = $state<Locale>(pickLocale(navigator.languages ?? [navigator.language]));
  #catalogs = $state.raw<Partial<Record<Locale, Catalog>>>({ en });
  /** The latest language asked for: an older one that arrives later does not win. */
  #wanted: Locale = this.#locale;

  get locale(): Locale {
    return this.#locale;
  }

  /** Loads the remembered choice, if any; the browser's language stands until then. */
  async restore(): Promise<void> {
    // The browser's language may need its strings too: fetch them while the setting is read.
    const browser = this.#load(this.#locale);
    const saved = await getSetting('locale');
    if (isLocale(saved)) await this.#apply(saved);
    else {
      await browser;
      await this.#apply(this.#locale);
    }
  }

  async choose(locale: Locale): Promise<void> {
    await this.#apply(locale);
    await setSetting('locale', locale);
  }

  /** After "delete all my data": back to what the browser asks for. */
  resetToBrowser(): void {
    void this.#apply(pickLocale(navigator.languages ?? [navigator.language]));
  }

  t = (key: MessageKey, params?: Readonly<Record<string, string | number>>): string =>
    interpolate((this.#catalogs[this.#locale] ?? en)[key], params, this.#locale);

  bytes = (n: number): string => formatBytes(n, this.#locale);

  async #load(locale: Locale): Promise<void> {
    if (locale === 'en' || this.#catalogs[locale]) return;
    try {
      const catalog = await LOADERS[locale]();
      this.#catalogs = { ...this.#catalogs, [locale]: catalog };
    } catch {
      // Offline before the chunk was cached: English stands in until a later try works.
    }
  }

  /** Switches once the language's strings are here, so no view shows half of each. */
  async #apply(locale: Locale): Promise<void> {
    this.#wanted = locale;
    await this.#load(locale);
    if (this.#wanted !== locale) return;
    this.#locale = locale;
    document.documentElement.lang = locale;
  }
}

export const i18n = new I18n();
