/**
 * Frames of a video file for the captioner, and its length: the browser's own <video> element
 * decodes them (workers have no video decoder), so this runs on the main thread and the Library
 * gets it through a port (core never touches the DOM). Frames are ImageBitmaps, scaled so the
 * long side is at most 512 px (what image-to-text models read anyway), transferred to the
 * vision worker.
 */

/** Long side of a sampled frame, in pixels. */
export const FRAME_MAX_SIDE = 512;

const CANNOT_PLAY =
  'This browser cannot play this video, so its frames cannot be described. Try WebM or MP4 (H.264).';

function abortError(): DOMException {
  return new DOMException('Reading the video was cancelled.', 'AbortError');
}

/** Resolves on `event`, rejects on the element's error or on abort. */
function once(video: HTMLVideoElement, event: string, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const done = (): void => {
      video.removeEventListener(event, onEvent);
      video.removeEventListener('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const onEvent = (): void => {
      done();
      resolve();
    };
    const onError = (): void => {
      done();
      reject(new Error(CANNOT_PLAY));
    };
    const onAbort = (): void => {
      done();
      reject(abortError());
    };
    video.addEventListener(event, onEvent);
    video.addEventListener('error', onError);
    signal?.addEventListener('abort', onAbort);
  });
}

interface OpenVideo {
  video: HTMLVideoElement;
  close: () => void;
}

async function openVideo(blob: Blob, signal?: AbortSignal): Promise<OpenVideo> {
  const url = URL.createObjectURL(blob);
  const video = document.createElement('video');
  const close = (): void => {
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
  };
  try {
    video.muted = true;
    video.playsInline = true;
    video.preload = 'auto';
    const loaded = once(video, 'loadedmetadata', signal);
    video.src = url;
    await loaded;
    if (!Number.isFinite(video.duration)) {
      // MediaRecorder's WebM has no duration in its header: seeking past the end makes the
      // browser find it.
      const found = once(video, 'seeked', signal);
      video.currentTime = Number.MAX_SAFE_INTEGER;
      await found;
    }
    if (!Number.isFinite(video.duration) || video.duration <= 0) throw new Error(CANNOT_PLAY);
    return { video, close };
  } catch (error) {
    close();
    throw error;
  }
}

/**
 * The video's length in seconds.
 * @throws Error with a readable message when this browser cannot play the file.
 */
export async function videoDuration(
  blob: Blob,
  options: { signal?: AbortSignal } = {},
): Promise<number> {
  const { video, close } = await openVideo(blob, options.signal);
  try {
    return video.duration;
  } finally {
    close();
  }
}

async function seek(video: HTMLVideoElement, time: number, signal?: AbortSignal): Promise<void> {
  const target = Math.min(Math.max(0, time), Math.max(0, video.duration - 0.001));
  if (Math.abs(video.currentTime - target) < 1e-6 && video.readyState >= 2) return;
  const seeked = once(video, 'seeked', signal);
  video.currentTime = target;
  await seeked;
}

/**
 * Frames at `times` (seconds), in order, each an ImageBitmap whose long side is ≤ 512 px.
 * @example for await (const { time, image } of sampleVideoFrames(file, [0.5, 1.5])) caption(image);
 */
export async function* sampleVideoFrames(
  blob: Blob,
  times: readonly number[],
  options: { signal?: AbortSignal } = {},
): AsyncIterable<{ time: number; image: ImageBitmap }> {
  const { signal } = options;
  const { video, close } = await openVideo(blob, signal);
  try {
    const { videoWidth: width, videoHeight: height } = video;
    if (width === 0 || height === 0) {
      throw new Error('This file has no picture to describe (it may be audio only).');
    }
    const scale = Math.min(1, FRAME_MAX_SIDE / Math.max(width, height));
    const resizeWidth = Math.max(1, Math.round(width * scale));
    const resizeHeight = Math.max(1, Math.round(height * scale));
    for (const time of times) {
      if (signal?.aborted) throw abortError();
      await seek(video, time, signal);
      const image = await createImageBitmap(video, {
        resizeWidth,
        resizeHeight,
        resizeQuality: 'medium',
      });
      yield { time, image };
    }
  } finally {
    close();
  }
}
