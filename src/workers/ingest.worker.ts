// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient module declaration for an untyped deep import cannot be imported
/// <reference path="./pdfjs-worker.d.ts" />
// Why this file exists: the ingest worker's entry. It wires the API to the worker's global
// scope and tells it how to load pdf.js here; the work lives in ingest-api.ts.
//
// pdf.js normally starts its own Worker. We are already in one, so it runs its in-thread
// "fake worker": importing pdf.worker.mjs sets `globalThis.pdfjsWorker`, which pdf.js checks
// before trying to start another. That module also registers a listener on our global scope
// and posts one `{ targetName: 'main', action: 'ready' }` message to the page. Neither
// collides with comlink: pdf.js ignores messages whose targetName is not its own (comlink's
// have none), and comlink's `wrap` on the page ignores messages without its call id.
import { expose } from 'comlink';
import './rpc';
import { createIngestApi, type PdfjsModule } from './ingest-api';

async function loadPdfjs(): Promise<PdfjsModule> {
  const [pdfjs] = await Promise.all([
    import('pdfjs-dist'),
    import('pdfjs-dist/build/pdf.worker.mjs'),
  ]);
  return pdfjs;
}

// Served by scripts/vite/pdfjs-assets.ts next to the assets folder this script is built into.
const assetUrl = (folder: string): string =>
  new URL(`../pdfjs/${folder}/`, self.location.href).href;

expose(
  createIngestApi({
    loadPdfjs,
    pdfOptions: {
      standardFontDataUrl: assetUrl('standard_fonts'),
      cMapUrl: assetUrl('cmaps'),
      // pdf.js's main-thread fetch path reads document.baseURI, which a worker lacks.
      useWorkerFetch: true,
    },
  }),
);
