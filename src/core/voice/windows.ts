// Why this file exists: Whisper reads at most 30 s at once, so long audio is cut into windows
// that overlap; the overlap lets stitching (stitch.ts) pick a seam away from any window's edge,
// where words are often cut in half.

/** One window of audio: samples [startSample, endSample) and the same in seconds. */
export interface AudioWindow {
  index: number;
  startSample: number;
  endSample: number;
  startSeconds: number;
  endSeconds: number;
}

/**
 * Windows of `windowSeconds` starting every `windowSeconds - overlapSeconds` (0, 25, 50 … s by
 * default); the last one ends at the audio's end. Audio up to one window long is one window;
 * no samples give none.
 *
 * @example planWindows(75 * 16000, 16000) // 0–30 s, 25–55 s, 50–75 s
 */
export function planWindows(
  totalSamples: number,
  sampleRate: number,
  windowSeconds = 30,
  overlapSeconds = 5,
): AudioWindow[] {
  if (!(sampleRate > 0)) throw new Error(`The sample rate must be positive (got ${sampleRate})`);
  if (!(windowSeconds > 0)) throw new Error(`The window must be positive (got ${windowSeconds} s)`);
  if (!(overlapSeconds >= 0 && overlapSeconds < windowSeconds)) {
    throw new Error(
      `The overlap must be at least 0 and shorter than the window (got ${overlapSeconds} s of ${windowSeconds} s)`,
    );
  }
  const total = Math.max(0, Math.floor(totalSamples));
  const windowSamples = Math.max(1, Math.round(windowSeconds * sampleRate));
  const stepSamples = Math.max(1, Math.round((windowSeconds - overlapSeconds) * sampleRate));
  const windows: AudioWindow[] = [];
  for (let start = 0; start < total; start += stepSamples) {
    const end = Math.min(start + windowSamples, total);
    windows.push({
      index: windows.length,
      startSample: start,
      endSample: end,
      startSeconds: start / sampleRate,
      endSeconds: end / sampleRate,
    });
    if (end === total) break;
  }
  return windows;
}
