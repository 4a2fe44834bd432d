/**
 * The audio worklet behind dictation: runs on the audio thread, hands the main thread each
 * render quantum's mono samples in batches (a message per 128 samples would flood it), plus
 * the batch's RMS for the level meter. Built by Vite as its own module (`?worker&url`).
 */

// The worklet scope's globals are not in TypeScript's DOM library.
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(
  name: string,
  processor: new () => AudioWorkletProcessor & {
    process(inputs: Float32Array[][]): boolean;
  },
): void;
declare const sampleRate: number;

/** About 20 batches a second, whatever the context's rate. */
const BATCHES_PER_SECOND = 20;

class PcmCaptureProcessor extends AudioWorkletProcessor {
  #batch: Float32Array = new Float32Array(
    Math.max(128, Math.round(sampleRate / BATCHES_PER_SECOND)),
  );
  #filled = 0;

  constructor() {
    super();
  }

  process(inputs: Float32Array[][]): boolean {
    const channels = inputs[0];
    const first = channels?.[0];
    if (!channels || !first) return true;
    for (let i = 0; i < first.length; i++) {
      // Mono: the mean of the channels (a fake or stereo mic may give two).
      let sum = 0;
      for (const channel of channels) sum += channel[i] ?? 0;
      this.#batch[this.#filled++] = sum / channels.length;
      if (this.#filled === this.#batch.length) this.#flush();
    }
    return true;
  }

  #flush(): void {
    const samples = this.#batch.slice(0, this.#filled);
    let squares = 0;
    for (const s of samples) squares += s * s;
    const rms = Math.sqrt(squares / Math.max(1, samples.length));
    this.port.postMessage({ samples, rms }, [samples.buffer]);
    this.#filled = 0;
  }
}

registerProcessor('omnia-pcm-capture', PcmCaptureProcessor);

// A module, so the declarations above stay in this file.
export {};
