/**
 * Marks the query's words in a passage the way the keyword index matched them (core/rag/
 * terms.ts): folded, stop words dropped, stemmed, months and numbers read alike, so
 * "orcamentos" marks "Orçamento", "julho" marks "jul" and "1234" marks "1.234". Pure and
 * DOM-free; the components render the ranges as text nodes with <mark>, never as HTML.
 */
import { libraryTerms, libraryTermsOf, libraryTokenSpans } from '../../../core/rag/terms';

/** The query's search terms, as the keyword index sees them. */
export function queryTerms(query: string): Set<string> {
  return new Set(libraryTermsOf(query));
}

/** [start, end) ranges of `text` whose words match one of `terms`. */
export function matchRanges(text: string, terms: ReadonlySet<string>): [number, number][] {
  if (terms.size === 0) return [];
  const ranges: [number, number][] = [];
  for (const span of libraryTokenSpans(text)) {
    const last = ranges.at(-1);
    if (last !== undefined && last[0] === span.start) continue;
    if (libraryTerms(span.token).some((term) => terms.has(term))) {
      ranges.push([span.start, span.end]);
    }
  }
  return ranges;
}

export interface Excerpt {
  text: string;
  ranges: [number, number][];
}

/**
 * At most `max` characters of `text` around its first match (whole text when short), cut at
 * spaces, with "…" where it was cut; the ranges are moved to fit the excerpt.
 */
export function excerptAround(text: string, terms: ReadonlySet<string>, max = 360): Excerpt {
  const ranges = matchRanges(text, terms);
  if (text.length <= max) return { text, ranges };
  const firstMatch = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, firstMatch - Math.floor(max / 3));
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < firstMatch ? space + 1 : start;
  }
  let end = Math.min(text.length, start + max);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    end = space > start ? space : end;
  }
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const shift = prefix.length - start;
  return {
    text: prefix + text.slice(start, end) + suffix,
    ranges: ranges
      .filter(([s, e]) => s >= start && e <= end)
      .map(([s, e]) => [s + shift, e + shift] as [number, number]),
  };
}
