/**
 * Tesseract's recognition output → our OcrResult. The worker script returns the page text,
 * the mean word confidence and (asked for with `blocks: true`) tesseract's JSON layout tree:
 * blocks → paragraphs → lines, each line with its text, confidence and bounding box.
 */
import type { OcrLine, OcrResult } from '../types';

interface RawBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface RawLine {
  text?: unknown;
  confidence?: unknown;
  bbox?: Partial<RawBox>;
}
interface RawBlock {
  paragraphs?: { lines?: RawLine[] }[];
}
interface RawRecognition {
  text?: unknown;
  confidence?: unknown;
  blocks?: RawBlock[] | null;
}

const finite = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : 0;

function lineOf(raw: RawLine): OcrLine | null {
  const text = typeof raw.text === 'string' ? raw.text.trim() : '';
  if (text === '') return null;
  const box = raw.bbox ?? {};
  return {
    text,
    confidence: finite(raw.confidence),
    box: { x0: finite(box.x0), y0: finite(box.y0), x1: finite(box.x1), y1: finite(box.y1) },
  };
}

/** Reads the worker script's `recognize` answer; anything unexpected becomes empty, not NaN. */
export function toOcrResult(data: unknown): OcrResult {
  const raw = (typeof data === 'object' && data !== null ? data : {}) as RawRecognition;
  const lines = (raw.blocks ?? [])
    .flatMap((block) => block.paragraphs ?? [])
    .flatMap((paragraph) => paragraph.lines ?? [])
    .map(lineOf)
    .filter((line): line is OcrLine => line !== null);
  return {
    text: typeof raw.text === 'string' ? raw.text.trim() : '',
    confidence: finite(raw.confidence),
    lines,
  };
}
