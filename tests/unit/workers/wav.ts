// Test helper: reads the committed WAV fixtures (16-bit PCM, mono, 16 kHz: what the fixture
// script writes and what Whisper hears) into samples in [-1, 1]. The app decodes audio with
// the browser's OfflineAudioContext; Node has none, and this format needs no more than this.
import { readFileSync } from 'node:fs';

/** 16 kHz mono PCM16 WAV → Float32 samples; throws on any other layout. */
export function readWav(path: URL): Float32Array {
  const bytes = readFileSync(path);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number): string => bytes.toString('latin1', at, at + 4);
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error(`${path.pathname} is not a WAV file`);
  let format: { channels: number; rate: number; bits: number } | null = null;
  for (let at = 12; at + 8 <= bytes.length;) {
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (tag(at) === 'fmt ') {
      format = {
        channels: view.getUint16(body + 2, true),
        rate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (tag(at) === 'data') {
      if (format?.channels !== 1 || format.rate !== 16_000 || format.bits !== 16) {
        throw new Error(
          `${path.pathname}: expected 16 kHz mono PCM16, got ${JSON.stringify(format)}`,
        );
      }
      const samples = new Float32Array(size / 2);
      for (let i = 0; i < samples.length; i++)
        samples[i] = view.getInt16(body + i * 2, true) / 32768;
      return samples;
    }
    at = body + size + (size % 2);
  }
  throw new Error(`${path.pathname} has no audio data`);
}
