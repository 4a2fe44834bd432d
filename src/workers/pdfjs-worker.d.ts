// pdfjs-dist ships no types for its worker module. The ingest worker imports it only for its
// side effect: it sets `globalThis.pdfjsWorker`, which makes pdf.js run its "fake worker" in
// our thread instead of starting a second Worker.
declare module 'pdfjs-dist/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
