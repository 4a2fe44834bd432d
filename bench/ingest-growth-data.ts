/**
 * Inputs of the ingest-growth bench: small text files to add (2–4 KB, distinct words so no
 * two are duplicates), and a Library of N documents written straight into IndexedDB by the
 * Library browser tests' seedLibrary (two passages each, and 32-dimension vectors when an
 * embedding model is named).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { seedLibrary as seedDocuments } from '../tests/e2e/library-helpers.ts';

const WORDS =
  'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu turbine zircon pump valve maintenance interval warranty bearing gasket seal motor rotor stator coolant filter pressure'.split(
    ' ',
  );

/** A deterministic paragraph of `count` words, seeded by `seed`. */
export function paragraph(seed: number, count: number): string {
  let state = seed * 7919 + 17;
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    state = (state * 16807) % 2147483647;
    words.push(WORDS[state % WORDS.length]!);
  }
  return words.join(' ');
}

/** `count` text files of about 3 KB in `dir`; returns their paths. */
export function growthFiles(dir: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const path = join(dir, `growth-${String(i).padStart(3, '0')}.txt`);
    const body = [0, 1, 2, 3].map((p) => `${paragraph(i * 10 + p, 100)} unique${i}x${p}.`);
    writeFileSync(path, `Growth note ${i}\n\n${body.join('\n\n')}\n`);
    return path;
  });
}

/** Writes `size` documents (and their chunks, and vectors of `modelId`) into the app's database. */
export function seedLibrary(page: Page, size: number, modelId: string | null): Promise<void> {
  return seedDocuments(page, size, {
    modelId,
    passage: (i, order) => `${paragraph(100_000 + i * 2 + order, 120)} s${i * 2 + order}`,
    documentSize: 2000,
    tokenCount: 130,
  });
}
