/**
 * Audio files to what Whisper reads: 16 kHz mono PCM. Decoding needs the browser's codecs
 * (WebAudio's decodeAudioData), which workers do not have, so it runs on the main thread; the
 * PCM then crosses to the speech worker. Used by the Transcribe view and by the Library (through
 * a port: core never touches the DOM). Formats are whatever this browser decodes: WAV, MP3, OGG,
 * and usually M4A/AAC and WebM/Opus.
 */

/** Whisper's sample rate. */
export const DECODE_SAMPLE_RATE = 16_000;

/** Files above this are refused before reading them: their decoded audio would not fit in memory. */
export const MAX_AUDIO_FILE_BYTES = 1024 * 1024 * 1024;

/** Four hours: about 920 MB of PCM at 16 kHz, the most a tab can reasonably hold and transcribe. */
export const MAX_AUDIO_SECONDS = 4 * 60 * 60;

export type AudioDecodeErrorKind = 'empty' | 'undecodable' | 'too-large' | 'too-long';

/** Why a file gave no audio, as a kind the UI can translate and an English sentence. */
export class AudioDecodeError extends Error {
  readonly kind: AudioDecodeErrorKind;

  constructor(kind: AudioDecodeErrorKind, message: string) {
    super(message);
    this.name = 'AudioDecodeError';
    this.kind = kind;
  }
}

export interface DecodedAudio {
  /** 16 kHz mono samples in [-1, 1]. */
  pcm: Float32Array;
  durationSeconds: number;
}

function abortError(): DOMException {
  return new DOMException('Decoding the audio was cancelled.', 'AbortError');
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

const UNDECODABLE = 'This file has no audio the browser can decode. Try WAV, MP3 or OGG.';

/**
 * Decodes an audio (or video) file to 16 kHz mono PCM: decodeAudioData resamples to the
 * context's rate, then an OfflineAudioContext with one channel mixes the channels down.
 * @example
 * const { pcm, durationSeconds } = await decodeAudioFile(file, { signal });
 */
export async function decodeAudioFile(
  blob: Blob,
  options: { signal?: AbortSignal } = {},
): Promise<DecodedAudio> {
  const { signal } = options;
  checkAborted(signal);
  if (blob.size === 0) throw new AudioDecodeError('empty', 'This file is empty.');
  if (blob.size > MAX_AUDIO_FILE_BYTES) {
    throw new AudioDecodeError(
      'too-large',
      `This file is larger than ${MAX_AUDIO_FILE_BYTES / 1024 ** 3} GB. Split it into shorter recordings.`,
    );
  }
  const bytes = await blob.arrayBuffer();
  checkAborted(signal);
  const decoded = await decodeAtRate(bytes);
  checkAborted(signal);
  if (decoded.length === 0 || decoded.numberOfChannels === 0) {
    throw new AudioDecodeError('undecodable', UNDECODABLE);
  }
  if (decoded.duration > MAX_AUDIO_SECONDS) {
    throw new AudioDecodeError(
      'too-long',
      `This recording is longer than ${MAX_AUDIO_SECONDS / 3600} hours. Split it into shorter recordings.`,
    );
  }
  const pcm = await toMono16k(decoded);
  checkAborted(signal);
  return { pcm, durationSeconds: pcm.length / DECODE_SAMPLE_RATE };
}

async function decodeAtRate(bytes: ArrayBuffer): Promise<AudioBuffer> {
  // A one-frame context is enough to decode with: decodeAudioData resamples to its rate.
  const context = new OfflineAudioContext(1, 1, DECODE_SAMPLE_RATE);
  try {
    return await context.decodeAudioData(bytes);
  } catch {
    throw new AudioDecodeError('undecodable', UNDECODABLE);
  }
}

async function toMono16k(buffer: AudioBuffer): Promise<Float32Array> {
  if (buffer.numberOfChannels === 1 && buffer.sampleRate === DECODE_SAMPLE_RATE) {
    return buffer.getChannelData(0).slice();
  }
  const length = Math.ceil(buffer.duration * DECODE_SAMPLE_RATE);
  const context = new OfflineAudioContext(1, length, DECODE_SAMPLE_RATE);
  const source = context.createBufferSource();
  source.buffer = buffer;
  source.connect(context.destination);
  source.start();
  const rendered = await context.startRendering();
  return rendered.getChannelData(0).slice();
}
