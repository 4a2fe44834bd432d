/**
 * Records the microphone for dictation: getUserMedia → an AudioContext at 16 kHz (Whisper's
 * rate, so the browser resamples) → an AudioWorklet that collects mono Float32 PCM. Reports
 * the level (RMS, about 20 times a second) and the elapsed time while it runs; `stop()` gives
 * the samples, `cancel()` throws them away. Failures become a MicError a person can act on.
 */
import workletUrl from './pcm-capture.worklet.ts?worker&url';

/** Whisper's sample rate. */
export const DICTATION_SAMPLE_RATE = 16_000;

export type MicErrorKind = 'permission' | 'no-device' | 'busy' | 'unsupported' | 'failed';

export class MicError extends Error {
  constructor(
    readonly kind: MicErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'MicError';
  }
}

export interface MicLevel {
  /** Root mean square of the last ~50 ms, 0–1. */
  rms: number;
  elapsedMs: number;
}

export interface MicRecording {
  /** Stops and gives the recording: mono PCM at 16 kHz. */
  stop(): Promise<Float32Array>;
  /** Stops and discards. */
  cancel(): void;
}

/** Messages for each failure, in the UI language (the caller passes its translator). */
export type MicMessages = Readonly<Record<MicErrorKind, string>>;

interface Batch {
  samples: Float32Array;
  rms: number;
}

function micErrorOf(error: unknown, messages: MicMessages): MicError {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return new MicError('permission', messages.permission);
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return new MicError('no-device', messages['no-device']);
  }
  if (name === 'NotReadableError' || name === 'AbortError') {
    return new MicError('busy', messages.busy);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new MicError('failed', `${messages.failed} (${detail})`);
}

/** The context at 16 kHz; where the browser cannot feed a mic into it, its own rate (resampled at stop). */
function sourceFor(stream: MediaStream): {
  context: AudioContext;
  source: MediaStreamAudioSourceNode;
} {
  const context = new AudioContext({ sampleRate: DICTATION_SAMPLE_RATE });
  try {
    return { context, source: context.createMediaStreamSource(stream) };
  } catch {
    void context.close();
    const native = new AudioContext();
    return { context: native, source: native.createMediaStreamSource(stream) };
  }
}

function concat(batches: readonly Float32Array[]): Float32Array<ArrayBuffer> {
  const out = new Float32Array(batches.reduce((n, b) => n + b.length, 0));
  let offset = 0;
  for (const batch of batches) {
    out.set(batch, offset);
    offset += batch.length;
  }
  return out;
}

/** Resamples with an OfflineAudioContext (the browser's own resampler). */
async function resample(pcm: Float32Array<ArrayBuffer>, fromRate: number): Promise<Float32Array> {
  if (fromRate === DICTATION_SAMPLE_RATE || pcm.length === 0) return pcm;
  const frames = Math.ceil((pcm.length * DICTATION_SAMPLE_RATE) / fromRate);
  const offline = new OfflineAudioContext(1, frames, DICTATION_SAMPLE_RATE);
  const buffer = offline.createBuffer(1, pcm.length, fromRate);
  buffer.copyToChannel(pcm, 0);
  const node = offline.createBufferSource();
  node.buffer = buffer;
  node.connect(offline.destination);
  node.start();
  return (await offline.startRendering()).getChannelData(0).slice();
}

/**
 * Starts recording. Rejects with a MicError when the browser has no microphone API, the
 * person refused, or no microphone is there.
 */
export async function startMicRecording(
  onLevel: (level: MicLevel) => void,
  messages: MicMessages,
): Promise<MicRecording> {
  if (!navigator.mediaDevices?.getUserMedia || typeof AudioWorkletNode === 'undefined') {
    throw new MicError('unsupported', messages.unsupported);
  }
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true },
    });
  } catch (error) {
    throw micErrorOf(error, messages);
  }
  const stopTracks = (): void => stream.getTracks().forEach((t) => t.stop());
  let context: AudioContext | undefined;
  try {
    const opened = sourceFor(stream);
    context = opened.context;
    await context.audioWorklet.addModule(workletUrl);
    const node = new AudioWorkletNode(context, 'omnia-pcm-capture', {
      numberOfInputs: 1,
      numberOfOutputs: 0,
    });
    const batches: Float32Array[] = [];
    const started = performance.now();
    node.port.onmessage = (event: MessageEvent<Batch>) => {
      batches.push(event.data.samples);
      onLevel({ rms: event.data.rms, elapsedMs: performance.now() - started });
    };
    opened.source.connect(node);
    if (context.state === 'suspended') await context.resume();
    const rate = context.sampleRate;
    const audio = context;
    const close = (): void => {
      node.port.onmessage = null;
      opened.source.disconnect();
      stopTracks();
      void audio.close();
    };
    return {
      stop: async () => {
        close();
        return resample(concat(batches), rate);
      },
      cancel: close,
    };
  } catch (error) {
    stopTracks();
    void context?.close();
    throw error instanceof MicError ? error : micErrorOf(error, messages);
  }
}
