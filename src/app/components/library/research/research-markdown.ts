/**
 * A research session as Markdown: summary, key points, outline and Q&A, each point followed
 * by footnote markers ([^1]) whose notes at the end name the source ("report.pdf, p. 2").
 * Pure: headings and source labels come in already translated, so it is testable in Node.
 */
import type { ResearchPointRow, ResearchSession, ResearchSourceRow } from '../../../../storage';

export interface MarkdownHeadings {
  summary: string;
  keyPoints: string;
  outline: string;
  qa: string;
  sources: string;
}

/** Markdown's own characters in document text would change the layout: escape them. */
function escape(text: string): string {
  return text
    .replace(/([\\`*_[\]#<>|])/g, '\\$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** One footnote per distinct passage, numbered in order of first use. */
class Footnotes {
  #numbers = new Map<string, number>();
  #labels: string[] = [];
  readonly #label: (source: ResearchSourceRow) => string;

  constructor(label: (source: ResearchSourceRow) => string) {
    this.#label = label;
  }

  markers(sources: readonly ResearchSourceRow[]): string {
    return sources
      .map((source) => {
        let n = this.#numbers.get(source.chunkId);
        if (n === undefined) {
          this.#labels.push(this.#label(source));
          n = this.#labels.length;
          this.#numbers.set(source.chunkId, n);
        }
        return `[^${n}]`;
      })
      .join('');
  }

  lines(): string[] {
    return this.#labels.map((label, i) => `[^${i + 1}]: ${escape(label)}`);
  }
}

function point(point: ResearchPointRow, notes: Footnotes): string {
  return `${escape(point.text)}${notes.markers(point.sources)}`;
}

export function researchMarkdown(
  session: Pick<ResearchSession, 'title' | 'notes'>,
  headings: MarkdownHeadings,
  label: (source: ResearchSourceRow) => string,
): string {
  const notes = new Footnotes(label);
  const { summary, bullets, outline, qa } = session.notes;
  const out: string[] = [`# ${escape(session.title)}`, ''];
  if (summary.length > 0) {
    out.push(`## ${headings.summary}`, '', summary.map((p) => point(p, notes)).join(' '), '');
  }
  if (bullets.length > 0) {
    out.push(`## ${headings.keyPoints}`, '', ...bullets.map((p) => `- ${point(p, notes)}`), '');
  }
  if (outline.length > 0) {
    out.push(`## ${headings.outline}`, '');
    for (const item of outline) {
      const indent = '  '.repeat(Math.max(0, Math.min(5, item.level - 1)));
      out.push(`${indent}- ${escape(item.title)}${notes.markers([item.source])}`);
    }
    out.push('');
  }
  if (qa.length > 0) {
    out.push(`## ${headings.qa}`, '');
    for (const pair of qa)
      out.push(`**${escape(pair.question)}**`, '', point(pair.answer, notes), '');
  }
  const footnotes = notes.lines();
  if (footnotes.length > 0) out.push(`## ${headings.sources}`, '', ...footnotes, '');
  return out.join('\n');
}
