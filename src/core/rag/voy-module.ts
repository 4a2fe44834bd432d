// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient module declaration for an untyped deep import cannot be imported; every tsconfig that reaches this file needs it
/// <reference path="./voy-search-bg.d.ts" />
// Loads voy-search (the WASM k-d tree) without its ESM-wasm entry: voy_search.js does
// `import * as wasm from './voy_search_bg.wasm'`, which Node and our Vite build cannot
// resolve. The caller brings the .wasm bytes (the worker fetches its bundled URL; tests read
// node_modules), we instantiate them against the JS glue and wire the two together once per
// realm. The glue is imported lazily so nothing pulls voy into a bundle that never uses it.
import type * as VoyGlue from 'voy-search/voy_search_bg.js';

/** The voy-search API (its `Voy` class and helpers), ready to use. */
export type VoyModule = typeof VoyGlue;

let loading: Promise<VoyModule> | null = null;

async function instantiate(wasm: BufferSource | WebAssembly.Module): Promise<VoyModule> {
  const glue = await import('voy-search/voy_search_bg.js');
  const imports: WebAssembly.Imports = {
    './voy_search_bg.js': glue as unknown as WebAssembly.ModuleImports,
  };
  const instance =
    wasm instanceof WebAssembly.Module
      ? await WebAssembly.instantiate(wasm, imports)
      : (await WebAssembly.instantiate(wasm, imports)).instance;
  glue.__wbg_set_wasm(instance.exports);
  return glue;
}

/**
 * voy-search, instantiated from `wasm` (the bytes or compiled module of
 * voy-search/voy_search_bg.wasm). The glue module holds one wasm instance per realm, so
 * the first call wins and later calls get the same module; a failed load may be retried.
 *
 * @example
 * const voy = await loadVoy(readFileSync('node_modules/voy-search/voy_search_bg.wasm'));
 * const index = new VoyVectorIndex(voy, 384);
 */
export function loadVoy(wasm: BufferSource | WebAssembly.Module): Promise<VoyModule> {
  loading ??= instantiate(wasm).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
