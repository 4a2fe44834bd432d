/**
 * Where model files may come from. The Content-Security-Policy is built from this list, so
 * a host that is not here cannot be reached by the app at all. A relay that serves the app
 * itself is the app's own origin ('self') and needs no entry.
 */
export const HUB_CONNECT_SOURCES = Object.freeze([
  'https://huggingface.co',
  'https://*.huggingface.co',
  'https://*.hf.co',
  // web-llm fetches its compiled WebGPU model libraries from here.
  'https://raw.githubusercontent.com',
  // Tesseract's language data, from the @tesseract.js-data npm packages (source-urls.ts).
  'https://cdn.jsdelivr.net',
] as const);
