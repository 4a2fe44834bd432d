/**
 * The UI language: picked from the browser at first, then whatever the person chose in
 * Settings (remembered in the settings table). Components call `i18n.t(key, params)`;
 * reading `i18n.locale` inside it makes every string re-render on a switch.
 */
import { en, type MessageKey } from './en';
import { ptBR } from './pt-BR';
import { interpolate, formatBytes } from '../../core/format';
import { isLocale, pickLocale, type Locale } from '../../core/locale';
import { getSetting, setSetting } from '../../storage';

const CATALOGS: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = {
  en,
  'pt-BR': ptBR,
};

class I18n {
  #locale = $state<Locale>(pickLocale(navigator.languages ?? [navigator.language]));

  get locale(): Locale {
    return this.#locale;
  }

  /** Loads the remembered choice, if any; the browser's language stands until then. */
  async restore(): Promise<void> {
    const saved = await getSetting('locale');
    if (isLocale(saved)) this.#apply(saved);
    else this.#apply(this.#locale);
  }

  async choose(locale: Locale): Promise<void> {
    this.#apply(locale);
    await setSetting('locale', locale);
  }

  /** After "delete all my data": back to what the browser asks for. */
  resetToBrowser(): void {
    this.#apply(pickLocale(navigator.languages ?? [navigator.language]));
  }

  t = (key: MessageKey, params?: Readonly<Record<string, string | number>>): string =>
    interpolate(CATALOGS[this.#locale][key], params);

  bytes = (n: number): string => formatBytes(n, this.#locale);

  #apply(locale: Locale): void {
    this.#locale = locale;
    document.documentElement.lang = locale;
  }
}

export const i18n = new I18n();
