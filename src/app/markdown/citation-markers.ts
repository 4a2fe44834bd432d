/**
 * An answer that used Library passages cites them as [1], [2] or [1, 3]. This marked extension
 * turns exactly those markers into buttons that open the passage — only numbers the message
 * really has a citation for, and never inside code (marked tokenizes code spans and blocks
 * before inline text reaches us). Any other bracketed number stays text, so a model cannot
 * invent a source.
 */
import type { MarkedExtension, Tokens } from 'marked';

interface CitationToken extends Tokens.Generic {
  type: 'citation';
  raw: string;
  indexes: number[];
}

/** `[1]`, `[1, 2]`, `[1,2,3]`: one to three citation numbers. */
const MARKER = /^\[(\d{1,2}(?:\s*,\s*\d{1,2}){0,2})\]/;

/**
 * The extension; `limit()` says how many citations the message being rendered has (read at
 * parse time, because one marked instance serves every message).
 */
export function citationMarkers(limit: () => number): MarkedExtension {
  return {
    extensions: [
      {
        name: 'citation',
        level: 'inline',
        start: (src: string) => (limit() > 0 ? src.search(/\[\d/) : -1),
        tokenizer(src: string): CitationToken | undefined {
          const max = limit();
          if (max === 0) return undefined;
          const match = MARKER.exec(src);
          if (!match?.[1]) return undefined;
          const indexes = match[1].split(',').map((n) => Number(n.trim()));
          if (indexes.some((n) => n < 1 || n > max)) return undefined;
          return { type: 'citation', raw: match[0], indexes };
        },
        renderer(token: Tokens.Generic): string {
          const { indexes } = token as CitationToken;
          return indexes
            .map((n) => `<button type="button" class="cite" data-cite="${n}">[${n}]</button>`)
            .join('');
        },
      },
    ],
  };
}
