/**
 * The expected outputs of the voice and vision fixtures, read from the reference files the
 * fixture script writes (never hard-coded): the fixture Whisper's text for dictation.wav
 * (language en, no timestamps) and the fixture captioner's caption of scene.png (q8: the
 * browser's WASM device loads the quantized files).
 */
import { existsSync, readFileSync } from 'node:fs';

const REFERENCE = 'tests/fixtures/models/reference.json';
const CAPTIONER_REFERENCE = 'tests/fixtures/models/reference-captioner.json';

type Json = Record<string, unknown>;

function read(path: string): Json {
  return JSON.parse(readFileSync(path, 'utf8')) as Json;
}

function section(key: string, fallback?: string): Json {
  const main = read(REFERENCE)[key];
  if (main && typeof main === 'object') return main as Json;
  if (fallback && existsSync(fallback)) {
    const other = read(fallback)[key];
    if (other && typeof other === 'object') return other as Json;
  }
  throw new Error(`${REFERENCE} has no "${key}" section: build the fixtures first.`);
}

interface CaptionImage {
  file: string;
  q8: { text: string };
}

export function sceneCaption(): string {
  const images = section('captioner', CAPTIONER_REFERENCE)['images'] as CaptionImage[];
  const scene = images.find((i) => i.file.endsWith('/scene.png'));
  if (!scene) throw new Error('The captioner reference has no scene.png');
  return scene.q8.text.trim();
}

/** Whisper on dictation.wav, language en, no timestamps (q8), as the fixture script wrote it. */
export function dictationReferenceText(): string {
  const clips = section('whisper')['clips'] as Record<string, Json> | undefined;
  const q8 = clips?.['dictation.wav']?.['q8'] as Json | undefined;
  const noTimestamps = q8?.['no_timestamps'] as Json | undefined;
  const text = noTimestamps?.['text'];
  if (typeof text !== 'string') throw new Error('The whisper reference has no dictation text');
  return text.trim();
}
