/**
 * The sidebar's small pure helpers, kept out of the components so their markup stays markup:
 * localised group headings, the link a search hit opens, and a snippet cut into plain and
 * marked parts (rendered as text nodes, never as HTML: message text is untrusted).
 */
import type { DateGroupKey } from '../../../../core/chat/date-groups';
import type { Locale } from '../../../../core/locale';
import { i18n } from '../../../i18n/i18n.svelte';
import { router } from '../../../router.svelte';

/** "Today", "Previous 7 days", … or "March 2026" / "Março de 2026" for `month:2026-03`. */
export function groupLabel(key: DateGroupKey, locale: Locale): string {
  if (!key.startsWith('month:')) {
    return i18n.t(`chatSidebar.group.${key as Exclude<DateGroupKey, `month:${string}`>}`);
  }
  const [year = 1970, month = 1] = key.slice('month:'.length).split('-').map(Number);
  const text = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric' }).format(
    new Date(year, month - 1, 1),
  );
  // Portuguese months are lower case; as a heading it starts with a capital.
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/** `#/chat/<conversation>?m=<message>`: the chat view reads `m`, reveals it and scrolls to it. */
export function hitHref(conversationId: string, messageId: string): string {
  return `${router.href('chat', conversationId)}?m=${encodeURIComponent(messageId)}`;
}

// Building a formatter costs far more than using one (50 search hits re-render per keystroke).
const shortDateFormats = new Map<Locale, Intl.DateTimeFormat>();

// Formatting is the slow part too, and hits share days: one string per locale and local day.
const shortDates = new Map<string, string>();

export function shortDate(time: number, locale: Locale): string {
  const date = new Date(time);
  const key = `${locale} ${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
  const known = shortDates.get(key);
  if (known !== undefined) return known;
  let format = shortDateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    shortDateFormats.set(locale, format);
  }
  const text = format.format(date);
  if (shortDates.size >= 10_000) shortDates.clear();
  shortDates.set(key, text);
  return text;
}

/** What a conversation's actions menu can ask for. */
export type MenuAction = 'rename' | 'pin' | 'archive' | 'delete';

export interface SnippetPart {
  text: string;
  marked: boolean;
}

/**
 * Splits `text` at the [start, end) highlight ranges. Ranges out of order, overlapping or
 * out of bounds are tolerated (clamped and merged), so a bad range never drops text.
 */
export function snippetParts(text: string, highlights: readonly [number, number][]): SnippetPart[] {
  const ranges = highlights
    .map(([s, e]) => [Math.max(0, Math.min(s, text.length)), Math.min(e, text.length)] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) parts.push({ text: text.slice(at, from), marked: false });
    parts.push({ text: text.slice(from, end), marked: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return parts;
}
