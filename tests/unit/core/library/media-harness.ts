// Media ports for the Library service tests. The service, the media job, the parsers, the
// document builders, the library API (fixture embedder, voy) and IndexedDB are all real; what
// stands in here is only what the tests do not exercise — the models' outputs (the speech and
// vision workers are tested with the real fixture models in tests/unit/workers) and the
// browser's decoders — as small deterministic objects that honour abort signals like the
// real clients do.
import type { MediaModelTask, MediaPorts, VideoFrame } from '../../../../src/core/library/ports';
import type { ImageTextTask, RgbaImage } from '../../../../src/models/engines/types';
import type {
  CaptionRequest,
  OcrRequest,
  TranscriptionOptions,
  TranscriptionRequest,
  TranscriptionResult,
} from '../../../../src/workers/media-types';

export const SAID = [
  { start: 0, end: 4, text: 'The quartz pelican migrates north in April.' },
  { start: 4, end: 9, text: 'Its feathers shimmer like wet slate.' },
];
export const CAPTION = 'a brass telescope on a wooden tripod';
export const OCR_TEXT = 'INVOICE 7731\n\nTotal due: forty two marbles';
export const PAGE_TEXT = 'The scanned page mentions the obsidian lantern festival.';

function aborted(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError');
}

/** Resolves after `ms`, or rejects at once when `signal` aborts. */
function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(aborted());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface MediaHarness {
  ports: MediaPorts;
  installed: Record<MediaModelTask, string[]>;
  calls: { transcribe: TranscriptionRequest[]; caption: CaptionRequest[]; ocr: OcrRequest[] };
  /** Milliseconds each transcription window takes (a cancel test makes it long). */
  windowMs: number;
  /** Resolves when a transcription starts. */
  transcriptionStarted: Promise<void>;
  /** Video length the decoder reports; null: the "browser" cannot play it. */
  videoSeconds: number | null;
  /** Whether the video has an audio track. */
  videoHasAudio: boolean;
  /** What the installed image-to-text model does: ['caption'], or Florence-2's three tasks. */
  captionerTasks: ImageTextTask[];
}

export function mediaHarness(): MediaHarness {
  let started: () => void = () => undefined;
  const harness: MediaHarness = {
    installed: { 'speech-to-text': [], 'image-to-text': [], ocr: [] },
    calls: { transcribe: [], caption: [], ocr: [] },
    windowMs: 5,
    transcriptionStarted: new Promise((resolve) => (started = resolve)),
    videoSeconds: 3,
    videoHasAudio: true,
    captionerTasks: ['caption'],
    ports: undefined as unknown as MediaPorts,
  };
  harness.ports = {
    installedModels: (task) => Promise.resolve([...harness.installed[task]]),
    speech: {
      async transcribe(
        request: TranscriptionRequest,
        options: TranscriptionOptions = {},
      ): Promise<TranscriptionResult> {
        harness.calls.transcribe.push(request);
        started();
        for (let window = 1; window <= 2; window++) {
          await wait(harness.windowMs, options.signal);
          options.onProgress?.({ windowsDone: window, windows: 2, secondsDone: window * 4.5 });
        }
        return {
          language: 'en',
          durationSeconds: 9,
          segments: SAID,
          text: SAID.map((s) => s.text).join(' '),
          windows: 2,
          engine: { modelId: request.modelId, device: 'wasm', fallback: null },
          windowTokenIds: [[1], [2]],
          elapsedMs: 1,
        };
      },
    },
    vision: {
      async caption(request, options = {}) {
        harness.calls.caption.push(request);
        await wait(1, options.signal);
        const tasks = harness.captionerTasks;
        const wanted = request.task ?? 'caption';
        if (!tasks.includes(wanted) && wanted === 'text') throw new Error('cannot read text');
        const task = tasks.includes(wanted) ? wanted : 'caption';
        const isPage = 'data' in request.image && request.image.width === 7;
        return {
          text: task !== 'text' ? CAPTION : isPage ? PAGE_TEXT : OCR_TEXT,
          tokenIds: null,
          engine: { modelId: request.modelId, device: 'wasm', fallback: null },
          promptUsed: false,
          task,
          elapsedMs: 1,
        };
      },
      async ocr(request, options = {}) {
        harness.calls.ocr.push(request);
        await wait(1, options.signal);
        const isPage = 'data' in request.image && request.image.width === 7;
        const text = isPage ? PAGE_TEXT : OCR_TEXT;
        return { text, confidence: 90, lines: [], languages: ['eng'], elapsedMs: 1 };
      },
    },
    renderPdfPages(_file, pages) {
      const page: RgbaImage = { width: 7, height: 5, data: new Uint8ClampedArray(7 * 5 * 4) };
      return Promise.resolve(pages.map(() => page));
    },
    async decodeAudio(blob, options = {}) {
      await wait(1, options.signal);
      if (blob.type.startsWith('video') && !harness.videoHasAudio) {
        throw new Error('This file has no audio the browser can decode. Try WAV, MP3 or OGG.');
      }
      return { pcm: new Float32Array(16_000 * 9), durationSeconds: 9 };
    },
    videoDuration(_blob, options = {}) {
      if (options.signal?.aborted) return Promise.reject(aborted());
      if (harness.videoSeconds === null) {
        return Promise.reject(new Error('This browser cannot play this video. Try WebM or MP4.'));
      }
      return Promise.resolve(harness.videoSeconds);
    },
    async *sampleVideoFrames(_blob, times, options = {}): AsyncIterable<VideoFrame> {
      for (const time of times) {
        await wait(1, options.signal);
        yield { time, image: { width: 2, height: 2, data: new Uint8ClampedArray(16) } };
      }
    },
  };
  return harness;
}
