/**
 * Inputs of the ingest bench, made here from a seed: a many-page text PDF (pdf-lib, written to
 * a temp folder, as a person's report would arrive) and a parsed document whose chunks we
 * control — one paragraph per page, short enough for the fixture embedder, so the library
 * worker's chunker makes exactly one chunk per page and the bare path can embed the same texts.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { ParsedDocument } from '../src/core/ingest/types.ts';
import { seededRandom } from '../scripts/fixtures/fixture-bytes.ts';

// prettier-ignore
const WORDS = [
  'o', 'a', 'de', 'que', 'e', 'para', 'com', 'uma', 'the', 'and', 'of', 'to', 'for', 'with',
  'relatório', 'manutenção', 'orçamento', 'cliente', 'prazo', 'reunião', 'equipe', 'contrato',
  'bomba', 'turbina', 'válvula', 'pressão', 'filtro', 'report', 'budget', 'schedule', 'pump',
  'valve', 'pressure', 'filter', 'inspection', 'warranty', 'safety', 'procedure', 'semana',
];

function sentence(next: () => number, words: number): string {
  const out = Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)]!);
  out[0] = out[0]!.charAt(0).toUpperCase() + out[0]!.slice(1);
  return `${out.join(' ')}.`;
}

export const PDF_PAGES = 200;
const LINES_PER_PAGE = 40;

/** A PDF of `pages` pages, each with a heading line and 40 lines of text; returns its path. */
export async function writeBenchPdf(
  pages = PDF_PAGES,
): Promise<{ path: string; bytes: Uint8Array }> {
  const next = seededRandom(2024);
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let p = 1; p <= pages; p++) {
    const page = pdf.addPage([595, 842]);
    page.drawText(`Seção ${p}: ${sentence(next, 4)}`, { x: 50, y: 800, size: 14, font });
    for (let line = 0; line < LINES_PER_PAGE; line++) {
      page.drawText(sentence(next, 10), { x: 50, y: 770 - line * 18, size: 10, font });
    }
  }
  const bytes = await pdf.save();
  const dir = await mkdtemp(join(tmpdir(), 'omnia-ingest-bench-'));
  const path = join(dir, 'bench-report.pdf');
  await writeFile(path, bytes);
  return { path, bytes };
}

export const EMBED_CHUNKS = 512;

/**
 * One ~30-word paragraph per page: the chunker cannot merge across pages, so 1 chunk each, and
 * the chunk texts are the paragraphs. Each `seed` gives other texts: every timed round adds a
 * document the app has never seen (nothing it remembers of an earlier round can help it).
 */
export function embedDocument(seed = 0, chunks = EMBED_CHUNKS): ParsedDocument {
  const next = seededRandom(512 + seed * 7919);
  return {
    kind: 'pdf',
    pageCount: chunks,
    warnings: [],
    blocks: Array.from({ length: chunks }, (_, i) => ({
      kind: 'paragraph' as const,
      text: `${sentence(next, 12)} ${sentence(next, 12)} ${sentence(next, 6)}`,
      page: i + 1,
    })),
  };
}
