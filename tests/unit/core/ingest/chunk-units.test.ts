// What chunking asks the tokenizer: every block once, whole; sentences one by one only for a
// block too long to pack whole. A block that becomes a chunk by itself is counted as exactly
// the text the embedder will read (so the embedder's memo spares a second tokenization).
import { describe, expect, it } from 'vitest';
import { chunkDocument, chunkOptionsFor } from '../../../../src/core/ingest/chunk';
import { measureUnits, type TokenCounter } from '../../../../src/core/ingest/chunk-units';
import type { ParsedDocument, TextBlock } from '../../../../src/core/ingest/types';

/** Counts words (+2 for the special tokens, as a model's tokenizer does) and records each text. */
function recordingCounter(): { count: TokenCounter; asked: string[] } {
  const asked: string[] = [];
  const count: TokenCounter = (texts) => {
    asked.push(...texts);
    return Promise.resolve(texts.map((t) => t.split(/\s+/).filter(Boolean).length + 2));
  };
  return { count, asked };
}

const words = (n: number, tag: string): string =>
  Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ');

describe('measureUnits', () => {
  it('counts a block that fits once, and shares its count among its sentences', async () => {
    const block: TextBlock = {
      kind: 'paragraph',
      text: `${words(5, 'Alfa')}. ${words(9, 'Bravo')}. ${words(3, 'Charlie')}.`,
    };
    const { count, asked } = recordingCounter();
    const [units] = await measureUnits([block], 40, count);
    expect(asked).toEqual([block.text]);
    expect(units?.map((u) => u.text)).toHaveLength(3);
    expect(units?.reduce((sum, u) => sum + u.tokens, 0)).toBe(17 + 2);
    expect(units?.[1]?.tokens).toBeGreaterThan(units?.[2]?.tokens ?? 0);
  });

  it('counts the sentences of a block too long to pack whole, and cuts what is still too long', async () => {
    const long = `${words(10, 'Alfa')}. ${words(30, 'Bravo')}.`;
    const { count, asked } = recordingCounter();
    const [units] = await measureUnits([{ kind: 'paragraph', text: long }], 20, count);
    expect(asked.slice(0, 3)).toEqual([long, `${words(10, 'Alfa')}.`, `${words(30, 'Bravo')}.`]);
    for (const unit of units ?? []) expect(unit.tokens).toBeLessThanOrEqual(20);
    expect(units?.map((u) => u.text).join(' ')).toBe(long);
  });
});

describe('chunkDocument with one paragraph per page', () => {
  it('asks the counter only for the paragraphs, which are the chunks', async () => {
    const doc: ParsedDocument = {
      kind: 'pdf',
      pageCount: 3,
      warnings: [],
      blocks: [1, 2, 3].map((page) => ({
        kind: 'paragraph' as const,
        text: `${words(6, `p${page}x`)}. ${words(4, `p${page}y`)}.`,
        page,
      })),
    };
    const { count, asked } = recordingCounter();
    const chunks = await chunkDocument(doc, chunkOptionsFor(64, count));
    const texts = doc.blocks.map((b) => b.text);
    expect(chunks.map((c) => c.text)).toEqual(texts);
    expect(new Set(asked)).toEqual(new Set(texts));
  });
});
