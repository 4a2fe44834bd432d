// chunkDocument against a whitespace-word counter (so limits can be checked by eye), and
// once against the real fixture embedder's WordPiece tokenizer: limits, page/sheet/heading
// boundaries, whole rows, bounded overlap, full coverage of the input words.
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import {
  chunkDocument,
  chunkOptionsFor,
  estimateTokens,
  type ChunkOptions,
} from '../../../../src/core/ingest/chunk';
import type { ChunkDraft, ParsedDocument, TextBlock } from '../../../../src/core/ingest/types';

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

/** Counts whitespace words and records how many texts each call measured. */
function wordCounter(): ChunkOptions['countTokens'] & { calls: number[] } {
  const calls: number[] = [];
  const count = (texts: readonly string[]): Promise<number[]> => {
    calls.push(texts.length);
    return Promise.resolve(texts.map((t) => words(t).length));
  };
  return Object.assign(count, { calls });
}

const doc = (blocks: TextBlock[], kind: ParsedDocument['kind'] = 'pdf'): ParsedDocument => ({
  kind,
  blocks,
  warnings: [],
});

/** `n` numbered sentences of 6 words each, so every word is unique and traceable. */
const sentences = (tag: string, n: number): string =>
  Array.from({ length: n }, (_, i) => `${tag}${i} alpha beta gamma delta end.`).join(' ');

const options = (maxTokens: number, overlapTokens: number): ChunkOptions => ({
  maxTokens,
  overlapTokens,
  countTokens: wordCounter(),
});

/** Every word of the input appears in some chunk. */
function expectCovered(input: ParsedDocument, chunks: readonly ChunkDraft[]): void {
  const output = new Set(chunks.flatMap((c) => words(c.text)));
  for (const block of input.blocks) for (const w of words(block.text)) expect(output).toContain(w);
}

describe('chunkDocument', () => {
  it('returns [] for an empty document or whitespace-only blocks', async () => {
    expect(await chunkDocument(doc([]), options(20, 2))).toEqual([]);
    const blank = doc([{ kind: 'paragraph', text: '   \n ' }]);
    expect(await chunkDocument(blank, options(20, 2))).toEqual([]);
  });

  it('packs whole paragraphs, never past the limit, orders 0..n-1 and covers every word', async () => {
    const input = doc(
      Array.from({ length: 12 }, (_, i) => ({ kind: 'paragraph', text: sentences(`p${i}x`, 2) })),
    );
    const chunks = await chunkDocument(input, options(40, 0));
    expect(chunks.map((c) => c.order)).toEqual(chunks.map((_, i) => i));
    for (const chunk of chunks) {
      expect(chunk.tokenCount).toBe(words(chunk.text).length);
      expect(chunk.tokenCount).toBeLessThanOrEqual(40);
    }
    // 12-word paragraphs: three fit in 40, so 4 chunks, each of 3 whole paragraphs.
    expect(chunks).toHaveLength(4);
    expect(chunks[0]?.text.split('\n\n')).toHaveLength(3);
    expectCovered(input, chunks);
  });

  it('splits a long paragraph between sentences, with bounded overlap of whole sentences', async () => {
    const input = doc([{ kind: 'paragraph', text: sentences('S', 20), page: 1 }]);
    const chunks = await chunkDocument(input, options(30, 12));
    expect(chunks.length).toBeGreaterThan(4);
    for (const [i, chunk] of chunks.entries()) {
      expect(chunk.tokenCount).toBeLessThanOrEqual(30);
      expect(chunk.text).toMatch(/^S\d+ alpha/);
      expect(chunk.text).toMatch(/end\.$/);
      const previous = chunks[i - 1];
      if (previous === undefined) continue;
      // The chunk opens with the previous one's last two sentences (12 words ≤ 12).
      const opening = words(chunk.text).slice(0, 12).join(' ');
      expect(previous.text.endsWith(opening)).toBe(true);
      expect(words(chunk.text).slice(12, 13)[0]).not.toBe(words(previous.text).at(-6));
    }
    expectCovered(input, chunks);
  });

  it('cuts an over-long sentence at words (never mid-word) and a giant word as a last resort', async () => {
    const long = Array.from({ length: 50 }, (_, i) => `w${i}`).join(' ');
    const chunks = await chunkDocument(doc([{ kind: 'paragraph', text: long }]), options(8, 0));
    expect(chunks.every((c) => c.tokenCount <= 8)).toBe(true);
    expect(chunks.flatMap((c) => words(c.text))).toEqual(words(long));
    const giant = 'x'.repeat(40);
    const counter = (texts: readonly string[]): Promise<number[]> =>
      Promise.resolve(texts.map((t) => Math.ceil(t.length / 4)));
    const cut = await chunkDocument(doc([{ kind: 'paragraph', text: giant }]), {
      maxTokens: 3,
      overlapTokens: 0,
      countTokens: counter,
    });
    expect(cut.map((c) => c.text).join('')).toBe(giant);
    expect(cut.every((c) => c.tokenCount <= 3)).toBe(true);
  });

  it('never crosses a page and never carries overlap across one', async () => {
    const input = doc(
      [1, 2, 3].map((page) => ({ kind: 'paragraph', text: sentences(`Pg${page}s`, 6), page })),
    );
    const chunks = await chunkDocument(input, options(20, 6));
    for (const chunk of chunks) {
      expect(chunk.page).toBeDefined();
      for (const w of words(chunk.text).filter((x) => x.startsWith('Pg'))) {
        expect(w.startsWith(`Pg${chunk.page}s`)).toBe(true);
      }
    }
    expect(new Set(chunks.map((c) => c.page))).toEqual(new Set([1, 2, 3]));
    expectCovered(input, chunks);
  });

  it('starts a chunk at a heading with that heading’s section, without overlap', async () => {
    const input = doc(
      [
        { kind: 'heading', text: 'Manual', level: 1 },
        { kind: 'paragraph', text: sentences('intro', 2), section: 'Manual' },
        { kind: 'heading', text: 'Segurança', level: 2, section: 'Manual' },
        { kind: 'paragraph', text: sentences('seg', 2), section: 'Manual › Segurança' },
        { kind: 'heading', text: 'Manutenção', level: 2, section: 'Manual' },
        { kind: 'heading', text: 'Filtros', level: 3, section: 'Manual › Manutenção' },
        { kind: 'paragraph', text: sentences('filt', 1), section: 'Manual › Manutenção › Filtros' },
      ],
      'docx',
    );
    const chunks = await chunkDocument(input, options(100, 10));
    expect(chunks.map((c) => [c.text.split('\n\n')[0], c.section])).toEqual([
      ['Manual', 'Manual'],
      ['Segurança', 'Manual › Segurança'],
      ['Manutenção', 'Manual › Manutenção › Filtros'],
    ]);
    expect(chunks[2]?.text.split('\n\n')[1]).toBe('Filtros');
    expect(chunks[1]?.text).not.toContain('intro');
  });

  it('packs table rows whole with their sheet and row range, overlapping by rows', async () => {
    const row = (sheet: string, n: number): TextBlock => ({
      kind: 'row',
      sheet,
      row: n,
      text: `Item: ${sheet}${n} | Valor: ${n * 10} | Nota: linha ${n}`,
    });
    const blocks = [
      ...Array.from({ length: 10 }, (_, i) => row('Receitas', i + 2)),
      ...Array.from({ length: 7 }, (_, i) => row('Despesas', i + 2)),
    ];
    const chunks = await chunkDocument(doc(blocks, 'xlsx'), options(40, 10));
    for (const chunk of chunks) {
      expect(chunk.tokenCount).toBeLessThanOrEqual(40);
      const lines = chunk.text.split('\n');
      for (const line of lines) expect(blocks.map((b) => b.text)).toContain(line);
      const sheets = new Set(lines.map((l) => /Item: ([A-Za-z]+)/.exec(l)?.[1]));
      expect([...sheets]).toEqual([chunk.sheet]);
      const numbers = lines.map((l) => Number(/linha (\d+)/.exec(l)?.[1]));
      expect(chunk.rows).toEqual([Math.min(...numbers), Math.max(...numbers)]);
    }
    // Rows of 10 words: 4 per chunk; the next starts with the previous chunk's last row.
    expect(chunks[0]?.rows).toEqual([2, 5]);
    expect(chunks[1]?.rows).toEqual([5, 8]);
    const despesas = chunks.filter((c) => c.sheet === 'Despesas');
    expect(despesas[0]?.rows?.[0]).toBe(2);
    expectCovered(doc(blocks), chunks);
  });

  it('gives a recording’s chunks the time their blocks span, overlap included', async () => {
    const timed = (i: number, section?: string): TextBlock => ({
      kind: 'paragraph',
      text: `Minute ${i} alpha beta gamma delta end.`,
      time: [i * 60, i * 60 + 55],
      section: section ?? `00:${String(i).padStart(2, '0')}:00–00:${String(i).padStart(2, '0')}:55`,
    });
    const chunks = await chunkDocument(
      doc(
        [0, 1, 2, 3].map((i) => timed(i)),
        'audio',
      ),
      options(14, 7),
    );
    expect(chunks.map((c) => [c.time, c.section])).toEqual([
      [[0, 115], '00:00:00–00:01:55'],
      [[60, 175], '00:01:00–00:02:55'],
      [[120, 235], '00:02:00–00:03:55'],
    ]);
    // A section that is not a time label (a named part of a video) is kept as it is.
    const named = await chunkDocument(
      doc([timed(0, 'Intro'), timed(1, 'Intro')], 'video'),
      options(14, 0),
    );
    expect(named.map((c) => [c.time, c.section])).toEqual([[[0, 115], 'Intro']]);
  });

  it('handles Portuguese text with abbreviations and decimals', async () => {
    const text =
      'O Dr. Silva revisou o relatório de manutenção. A pressão subiu 3.5 bar em jan. de 2024. ' +
      'A Sra. Souza aprovou a troca das válvulas. Não houve acidentes no período.';
    const chunks = await chunkDocument(
      doc([{ kind: 'paragraph', text, section: 'Relatório' }]),
      options(12, 0),
    );
    expect(chunks.map((c) => c.text)).toEqual([
      'O Dr. Silva revisou o relatório de manutenção.',
      'A pressão subiu 3.5 bar em jan. de 2024.',
      'A Sra. Souza aprovou a troca das válvulas.',
      'Não houve acidentes no período.',
    ]);
    expect(chunks.every((c) => c.section === 'Relatório')).toBe(true);
  });

  it('measures in batches, not once per piece, and is deterministic', async () => {
    const input = doc(
      Array.from({ length: 30 }, (_, i) => ({ kind: 'paragraph', text: sentences(`b${i}x`, 4) })),
    );
    const first = options(50, 6);
    const a = await chunkDocument(input, first);
    const calls = (first.countTokens as ReturnType<typeof wordCounter>).calls;
    expect(calls.length).toBeLessThanOrEqual(3);
    expect(await chunkDocument(input, options(50, 6))).toEqual(a);
  });

  it('derives options from the model context and estimates tokens without a model', async () => {
    expect(chunkOptionsFor(512)).toMatchObject({ maxTokens: 256, overlapTokens: 31 });
    expect(chunkOptionsFor(64)).toMatchObject({ maxTokens: 62, overlapTokens: 7 });
    expect(chunkOptionsFor(null)).toMatchObject({ maxTokens: 256 });
    expect(estimateTokens('Olá, mundo!')).toBe(Math.ceil(1.3 * 2 + 2));
    expect(await chunkOptionsFor(null).countTokens(['a b', ''])).toEqual([3, 0]);
  });

  it('keeps every chunk within the real fixture tokenizer’s limit', async () => {
    env.localModelPath = fileURLToPath(new URL('../../../fixtures/models/', import.meta.url));
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    const tokenizer = await AutoTokenizer.from_pretrained('omnia-fixture-embedder');
    let calls = 0;
    const count = (texts: readonly string[]): Promise<number[]> => {
      calls++;
      return Promise.resolve(
        texts.map((t) => tokenizer.encode(t, { add_special_tokens: false }).length),
      );
    };
    const opts = chunkOptionsFor(64, count);
    const input = doc([
      { kind: 'heading', text: 'Maintenance report', page: 1 },
      ...Array.from({ length: 6 }, (_, i) => ({
        kind: 'paragraph' as const,
        page: 1 + Math.floor(i / 3),
        text:
          `The pump number ${i} was checked on Monday, and the pressure stayed at 3.5 bar. ` +
          'A manutenção das válvulas foi concluída sem problemas; o relatório segue anexo. ' +
          'Next inspection is planned for the spring, after the new filters arrive.',
      })),
    ]);
    const chunks = await chunkDocument(input, opts);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      const real = tokenizer.encode(chunk.text, { add_special_tokens: false }).length;
      expect(real).toBe(chunk.tokenCount);
      expect(real).toBeLessThanOrEqual(62);
    }
    expect(calls).toBeLessThanOrEqual(4);
    expectCovered(input, chunks);
  });
});
