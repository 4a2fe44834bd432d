/**
 * The OcrEngine on tesseract.js: language data read from the verified model cache (never a
 * CDN, never tesseract's own IndexedDB cache), the LSTM-only core, and recognition of decoded
 * RGBA pixels. A recognition cannot be interrupted inside WebAssembly, so cancelling one
 * terminates the tesseract worker; the next call starts a new one from the bytes kept here.
 */
import type { CatalogEntry } from '../../catalog-types';
import { abortedError, disposedError, EngineError, errorText, runError } from '../errors';
import { createSerial } from '../serial';
import type { ModelFileSource, OcrEngine, OcrResult, RgbaImage } from '../types';
import { readLanguageData, type LanguageData } from './language-data';
import { toOcrResult } from './ocr-result';
import { rgbaToPnm } from './rgba-to-pnm';
import { TesseractJobs } from './tesseract-jobs';
import {
  isNode,
  spawnBrowserPort,
  spawnNodePort,
  type TesseractAssetPaths,
} from './tesseract-port';

export type { TesseractAssetPaths } from './tesseract-port';

export interface OcrLoadRequest {
  /** One entry per language (task 'ocr', engine 'tesseract'), recognised together. */
  entries: readonly CatalogEntry[];
  /** The verified files of each entry. */
  files: (modelId: string) => ModelFileSource;
  /** Required in a browser: tesseract's worker and core on our own origin. Absent in Node. */
  paths?: TesseractAssetPaths;
  signal?: AbortSignal;
}

/**
 * Tesseract's OEM 1, LSTM only (the data we ship has no legacy model). Passed as the number
 * also where tesseract.js expects a boolean `lstmOnly`: its Node core loader compares the value
 * with the OEM numbers, its browser loader only tests truthiness, so 1 picks the LSTM-only
 * core on both.
 */
const OEM_LSTM_ONLY = 1;
/** A core that has not started by then never will (a blocked or broken .wasm.js). */
const CORE_START_TIMEOUT_MS = 120_000;

let workerCount = 0;

/** What a failed start means for a person, by the step that failed. */
function startError(step: string, detail: string, languages: LanguageData[]): EngineError {
  const names = languages.map((l) => `${l.code} (${l.modelId})`).join(', ');
  const modelId = languages.map((l) => l.modelId).join('+');
  if (step === 'load') {
    return new EngineError(
      'load-failed',
      `Tesseract's engine did not start: ${detail}. Reload the page; if it persists, the app's tesseract files are missing from this build.`,
      { modelId },
    );
  }
  return new EngineError(
    'load-failed',
    `Tesseract could not read the language data ${names}: ${detail}. The file is damaged or is not tesseract language data: repair or reinstall the model.`,
    { modelId },
  );
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts a tesseract worker with `languages` initialised; terminated on any failure. */
async function startWorker(
  languages: LanguageData[],
  paths: TesseractAssetPaths | undefined,
  signal: AbortSignal | undefined,
): Promise<TesseractJobs> {
  const port = paths ? spawnBrowserPort(paths.workerPath) : await spawnNodePort();
  const jobs = new TesseractJobs(port, `omnia-ocr-${++workerCount}`);
  const onAbort = () => jobs.terminate('cancelled');
  signal?.addEventListener('abort', onAbort, { once: true });
  let step = 'load';
  try {
    if (signal?.aborted) throw new Error('cancelled');
    const options = { lstmOnly: OEM_LSTM_ONLY, corePath: paths?.corePath, logging: false };
    await withTimeout(jobs.run('load', { options }), CORE_START_TIMEOUT_MS, "Tesseract's core");
    step = 'loadLanguage';
    // Copies cross to the worker; our bytes stay here for a restart after a cancel.
    const langs = languages.map(({ code, data }) => ({ code, data }));
    await jobs.run('loadLanguage', {
      langs,
      options: { cacheMethod: 'none', gzip: true, lstmOnly: true },
    });
    step = 'initialize';
    const codes = languages.map((l) => l.code).join('+');
    await jobs.run('initialize', { langs: codes, oem: OEM_LSTM_ONLY, config: {} });
    return jobs;
  } catch (error) {
    jobs.terminate('start failed');
    const modelId = languages.map((l) => l.modelId).join('+');
    if (signal?.aborted) throw abortedError(modelId, 'Loading');
    throw startError(step, error instanceof Error ? error.message : errorText(error), languages);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Loads tesseract with the languages of `request.entries`.
 * @example
 * const ocr = await loadTesseractOcr({ entries: [engEntry, porEntry], files });
 * const { text, lines } = await ocr.recognize({ width, height, data });
 */
export async function loadTesseractOcr(request: OcrLoadRequest): Promise<OcrEngine> {
  const { paths, signal } = request;
  if (!paths && !isNode()) {
    throw new EngineError(
      'unsupported',
      "In a browser, OCR needs the URLs of tesseract's worker and core files (paths).",
    );
  }
  const languages = await readLanguageData(request.entries, request.files);
  const modelId = languages.map((l) => l.modelId).join('+');
  if (signal?.aborted) throw abortedError(modelId, 'Loading');
  let jobs: TesseractJobs | null = await startWorker(languages, paths, signal);
  const serial = createSerial();
  let disposed = false;

  const recognizeOnce = async (image: RgbaImage, callSignal?: AbortSignal): Promise<OcrResult> => {
    if (disposed) throw disposedError(modelId);
    if (callSignal?.aborted) throw abortedError(modelId, 'Text recognition');
    let file: Uint8Array;
    try {
      file = rgbaToPnm(image);
    } catch (error) {
      throw new EngineError('unsupported', `Cannot read this image: ${errorText(error)}`, {
        modelId,
        cause: error,
      });
    }
    jobs ??= await startWorker(languages, paths, callSignal);
    const running = jobs;
    const onAbort = () => {
      running.terminate('cancelled');
      if (jobs === running) jobs = null;
    };
    callSignal?.addEventListener('abort', onAbort, { once: true });
    try {
      const data = await running.run('recognize', {
        image: file,
        options: {},
        output: { text: true, blocks: true },
      });
      return toOcrResult(data);
    } catch (error) {
      if (callSignal?.aborted) throw abortedError(modelId, 'Text recognition');
      if (disposed) throw disposedError(modelId);
      // The worker may be in any state after a failure: start a fresh one next time.
      running.terminate('failed');
      if (jobs === running) jobs = null;
      throw runError(error, modelId, 'Text recognition');
    } finally {
      callSignal?.removeEventListener('abort', onAbort);
    }
  };

  return {
    modelId,
    device: paths ? 'wasm' : 'cpu',
    fallback: null,
    languages: languages.map((l) => l.code),
    recognize: (image, options = {}) => serial(() => recognizeOnce(image, options.signal)),
    dispose() {
      if (!disposed) {
        disposed = true;
        jobs?.terminate('disposed');
        jobs = null;
      }
      return Promise.resolve();
    },
  };
}
