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
import { checkImageDecodes } from './image-decode';
import { createIngestApi, type PdfjsModule } from './ingest-api';

async function loadPdfjs(): Promise<PdfjsModule> {
  const [pdfjs] = await Promise.all([
    import('pdfjs-dist'),
    import('pdfjs-dist/build/pdf.worker.mjs'),
  ]);
  return pdfjs;
}

/**
 * pdf.js draws scratch canvases (masks, patterns, groups) through a canvas factory whose
 * default creates <canvas> elements from `document`, which a worker lacks: OffscreenCanvas
 * does the same job here. Rendering pages for OCR needs it (renderPages).
 */
class OffscreenCanvasFactory {
  create(width: number, height: number) {
    if (width <= 0 || height <= 0) throw new Error('Invalid canvas size');
    const canvas = new OffscreenCanvas(width, height);
    return { canvas, context: canvas.getContext('2d', { willReadFrequently: true }) };
  }
  reset(entry: { canvas: OffscreenCanvas | null }, width: number, height: number): void {
    if (!entry.canvas) throw new Error('Canvas is not specified');
    entry.canvas.width = width;
    entry.canvas.height = height;
  }
  destroy(entry: { canvas: OffscreenCanvas | null; context: unknown }): void {
    if (entry.canvas) entry.canvas.width = entry.canvas.height = 0;
    entry.canvas = null;
    entry.context = null;
  }
}

/**
 * pdf.js's default filter factory builds SVG filters in `document` (transfer functions,
 * high-contrast colours). Without a document, draw without them: "none" is pdf.js's own
 * answer when filters are unsupported.
 */
class NoFilterFactory {
  addFilter(): string {
    return 'none';
  }
  addHCMFilter(): string {
    return 'none';
  }
  addAlphaFilter(): string {
    return 'none';
  }
  addLuminosityFilter(): string {
    return 'none';
  }
  addHighlightHCMFilter(): string {
    return 'none';
  }
  destroy(): void {}
}

// Served by scripts/vite/pdfjs-assets.ts next to the assets folder this script is built into.
const assetUrl = (folder: string): string =>
  new URL(`../pdfjs/${folder}/`, self.location.href).href;

expose(
  createIngestApi({
    loadPdfjs,
    // A file that starts like an image must decode before it is kept (issue 15).
    checkImage: checkImageDecodes,
    pdfOptions: {
      standardFontDataUrl: assetUrl('standard_fonts'),
      cMapUrl: assetUrl('cmaps'),
      // pdf.js's main-thread fetch path reads document.baseURI, which a worker lacks.
      useWorkerFetch: true,
    },
    renderOptions: {
      CanvasFactory: OffscreenCanvasFactory,
      FilterFactory: NoFilterFactory,
      // FontFace needs `document.fonts`: draw glyphs as paths instead (as in Node).
      disableFontFace: true,
    },
  }),
);
