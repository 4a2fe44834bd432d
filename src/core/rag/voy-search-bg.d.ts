// voy-search ships types only for its ESM-wasm entry (voy_search.js), which neither Node nor
// our build can load. voy-module.ts loads the glue module beside it and hands it the wasm
// instance itself; this declares that glue module: the same API plus the setter.
declare module 'voy-search/voy_search_bg.js' {
  export * from 'voy-search';
  export function __wbg_set_wasm(exports: WebAssembly.Exports): void;
}
