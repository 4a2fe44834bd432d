// voy panics on many identical vectors (repeated headers and footers do that), and a WASM
// panic leaves its instance unusable. The index must carry on as an exact scan. Its own file:
// the panic breaks voy for the rest of this test file's realm.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { ExactVectorIndex, VoyVectorIndex } from '../../../../src/core/rag/vector-index';
import { loadVoy } from '../../../../src/core/rag/voy-module';

function unit(dim: number, seed: number): Float32Array {
  const v = Float32Array.from({ length: dim }, (_, i) => Math.sin(seed * 31 + i * 7));
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

describe('VoyVectorIndex when voy panics', () => {
  it('keeps every vector and answers exactly after voy fails on identical points', async () => {
    const voy = await loadVoy(readFileSync('node_modules/voy-search/voy_search_bg.wasm'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const index = new VoyVectorIndex(voy, 8);
    const same = unit(8, 1);
    const items = [
      ...Array.from({ length: 200 }, (_, i) => ({ id: `dup-${i}`, vector: same })),
      ...Array.from({ length: 20 }, (_, i) => ({ id: `v-${i}`, vector: unit(8, i + 2) })),
    ];
    index.add(items);
    expect(index.kind).toBe('exact');
    expect(warn).toHaveBeenCalled();
    expect(index.size).toBe(220);

    const exact = new ExactVectorIndex(8);
    exact.add(items);
    const query = unit(8, 5);
    expect(index.search(query, 5)).toEqual(exact.search(query, 5));
    index.remove(['v-3']);
    exact.remove(['v-3']);
    expect(index.search(query, 5)).toEqual(exact.search(query, 5));
    // A new index over the broken module starts as an exact scan at once.
    const next = new VoyVectorIndex(voy, 8);
    next.add([{ id: 'a', vector: query }]);
    expect(next.kind).toBe('exact');
    expect(next.search(query, 1)[0]?.id).toBe('a');
    warn.mockRestore();
  });
});
