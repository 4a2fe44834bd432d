// Which sentences of a passage may answer a question, as a person should read them: plain
// text (plain-text.ts), and never a heading or a title. A chunk opens with the headings of
// its section and a text file with its title line; they hold the question's words ("Relatório
// Trimestral…" for "quando foi publicado o relatório trimestral?") but answer nothing. A line
// is a heading when markdown marks it ("## …"), when it is the passage's section or one of
// the headings above it, when it is the document's name, or when it opens the passage as a
// title does: alone in its block, short, with no colon and no closing punctuation. Table
// rows (CSV, XLSX) are never headings.
import { foldAccents } from '../text/fold';
import { isMarkdownHeading, plainLines } from './plain-text';
import { splitSentences } from './sentences';
import type { Passage } from './types';

/** A sentence of a passage: plain text, its place among the passage's answer sentences. */
export interface AnswerSentence {
  text: string;
  order: number;
  /** A row of a table (CSV, XLSX, or a markdown table). */
  row: boolean;
}

const SECTION_SEPARATOR = ' › ';
/** A JSON leaf inside an array element: "items[1].name: Gloves" → record "items[1]", field "name: Gloves". */
const JSON_FIELD = /^(\S*\[\d+\])\.([^\s:][^:]*: .*)$/;
const TITLE_MAX_WORDS = 12;
const CLOSING = /[.!?…;:,]["'”’»)\]]*$/u;

/** Folded, punctuation as single spaces: "Ata – Reunião" and "ata-reuniao" compare equal. */
function label(text: string): string {
  return foldAccents(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The labels no answer may be: the section's headings and the document's name. */
function labelsOf(passage: Passage): Set<string> {
  const labels = new Set<string>();
  for (const heading of passage.section?.split(SECTION_SEPARATOR) ?? []) labels.add(label(heading));
  labels.add(label(passage.documentName.replace(/\.[^.\s]{1,5}$/, '')));
  labels.delete('');
  return labels;
}

/** Whether `plain` reads as a title: short, no colon, no closing punctuation. */
function titleLike(plain: string): boolean {
  const words = plain.split(/\s+/).filter(Boolean).length;
  return words > 0 && words <= TITLE_MAX_WORDS && !plain.includes(':') && !CLOSING.test(plain);
}

/**
 * Consecutive JSON leaves of one array element as one line, "items[1]: sku: NW-205; stock: 80",
 * so a question about a record is answered by the record, not by one of its fields.
 */
function joinJsonRecords(lines: readonly string[]): string[] {
  const out: string[] = [];
  let record: string | null = null;
  for (const line of lines) {
    const field = JSON_FIELD.exec(line);
    if (field !== null && field[1] === record && out.length > 0) {
      out[out.length - 1] += `; ${field[2] ?? ''}`;
      continue;
    }
    record = field?.[1] ?? null;
    out.push(field === null ? line : `${field[1] ?? ''}: ${field[2] ?? ''}`);
  }
  return out;
}

/**
 * The passage's sentences that may stand in an answer, in order: plain text, headings and
 * titles left out.
 *
 * @example answerSentences({ ...passage, text: '# Vendas\n\nA receita subiu **12%**.' })
 * // [{ text: 'A receita subiu 12%.', order: 0, row: false }]
 */
export function answerSentences(passage: Passage): AnswerSentence[] {
  const lines = joinJsonRecords(passage.text.split('\n'));
  const isTable = passage.rows !== undefined;
  const labels = labelsOf(passage);
  const firstLine = lines.findIndex((line) => line.trim() !== '');
  const sentences: AnswerSentence[] = [];
  lines.forEach((line, i) => {
    const plains = plainLines(line);
    const row = isTable || plains.length > 1 || /^\s*\|/.test(line);
    for (const plain of plains) {
      if (plain === '') continue;
      if (!isTable) {
        if (isMarkdownHeading(line) || labels.has(label(plain))) continue;
        const aloneAtTop =
          i === firstLine &&
          lines[i + 1]?.trim() === '' &&
          lines.slice(i + 2).some((l) => l.trim() !== '');
        if (aloneAtTop && titleLike(plain)) continue;
      }
      for (const sentence of splitSentences(plain)) {
        sentences.push({ text: sentence.text, order: sentences.length, row });
      }
    }
  });
  return sentences;
}
