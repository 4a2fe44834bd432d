/** Human-readable figures, formatted for the UI's locale. */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** 1536 → "1.5 KB" (1024-based, as the browser's storage figures are). */
export function formatBytes(bytes: number, locale: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  return `${number} ${UNITS[unit]}`;
}

/** Share of a quota as a percentage with one decimal, or null when the quota is unknown. */
export function percentOf(part: number, whole: number): number | null {
  if (!Number.isFinite(whole) || whole <= 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}

// {count, plural, one {# passage} other {# passages}}: ICU's plural form, the subset the UI
// needs (exact =N forms and the locale's categories; # is the number).
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const PLURAL_FORM = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

function pluralForm(forms: string, value: number, locale: string): string | undefined {
  const byKey = new Map([...forms.matchAll(PLURAL_FORM)].map((m) => [m[1] ?? '', m[2] ?? '']));
  return (
    byKey.get(`=${value}`) ??
    byKey.get(new Intl.PluralRules(locale).select(value)) ??
    byKey.get('other')
  );
}

/**
 * Replaces {name} placeholders and chooses {name, plural, one {…} other {…}} forms by the
 * locale's plural rules, with # as the number in the locale's digits ("1,204" / "1.204");
 * unknown placeholders are left visible so they get noticed.
 * @example interpolate('{n, plural, one {# row} other {# rows}}', { n: 1 }, 'en') // '1 row'
 */
export function interpolate(
  template: string,
  params: Readonly<Record<string, string | number>> = {},
  locale = 'en',
): string {
  const chosen = template.replace(PLURAL, (whole, name: string, forms: string) => {
    const value = params[name];
    if (typeof value !== 'number') return whole;
    const form = pluralForm(forms, value, locale);
    return form === undefined
      ? whole
      : form.replaceAll('#', new Intl.NumberFormat(locale).format(value));
  });
  return chosen.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
