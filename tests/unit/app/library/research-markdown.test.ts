/** A research session exports as Markdown with every point's sources as footnotes. */
import { describe, expect, it } from 'vitest';
import { researchMarkdown } from '../../../../src/app/components/library/research/research-markdown';
import type { ResearchSourceRow } from '../../../../src/storage';

const source = (chunkId: string, page: number): ResearchSourceRow => ({
  chunkId,
  documentId: 'doc1',
  documentName: 'report.pdf',
  page,
});

const headings = {
  summary: 'Summary',
  keyPoints: 'Key points',
  outline: 'Outline',
  qa: 'Questions and answers',
  sources: 'Sources',
};

describe('research Markdown export', () => {
  it('writes every section and numbers each distinct source once, in order of use', () => {
    const markdown = researchMarkdown(
      {
        title: 'Pumps *study*',
        notes: {
          summary: [{ text: 'Pumps need care.', sources: [source('a', 1)] }],
          bullets: [
            { text: 'Check every [six] months.', sources: [source('b', 2), source('a', 1)] },
          ],
          outline: [
            { title: 'Maintenance', level: 1, source: source('a', 1) },
            { title: 'Schedule', level: 2, source: source('b', 2) },
          ],
          qa: [
            {
              question: 'How often?',
              answer: { text: 'Twice a year.', sources: [source('b', 2)] },
            },
          ],
        },
      },
      headings,
      (s) => `${s.documentName}, p. ${s.page}`,
    );
    expect(markdown).toBe(
      [
        '# Pumps \\*study\\*',
        '',
        '## Summary',
        '',
        'Pumps need care.[^1]',
        '',
        '## Key points',
        '',
        '- Check every \\[six\\] months.[^2][^1]',
        '',
        '## Outline',
        '',
        '- Maintenance[^1]',
        '  - Schedule[^2]',
        '',
        '## Questions and answers',
        '',
        '**How often?**',
        '',
        'Twice a year.[^2]',
        '',
        '## Sources',
        '',
        '[^1]: report.pdf, p. 1',
        '[^2]: report.pdf, p. 2',
        '',
      ].join('\n'),
    );
  });

  it('leaves out empty sections', () => {
    const markdown = researchMarkdown(
      { title: 'Empty', notes: { summary: [], bullets: [], outline: [], qa: [] } },
      headings,
      () => '',
    );
    expect(markdown).toBe('# Empty\n');
  });
});
