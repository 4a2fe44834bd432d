/** Which UI language a person gets: the first browser language we speak, else English. */
export const LOCALES = ['en', 'pt-BR'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Any Portuguese variant (pt, pt-PT, pt-BR) gets pt-BR; any English variant gets en. */
export function pickLocale(browserLanguages: readonly string[]): Locale {
  for (const tag of browserLanguages) {
    const lang = tag.toLowerCase().split('-')[0];
    if (lang === 'pt') return 'pt-BR';
    if (lang === 'en') return 'en';
  }
  return 'en';
}
