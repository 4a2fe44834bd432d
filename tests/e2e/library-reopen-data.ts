/**
 * Inputs of the reopen bench and its browser test: a Library of N documents of two passages
 * each, written straight into IndexedDB by the Library browser tests' seedLibrary (and 32-
 * dimension vectors when an embedding model is named). Passages are drawn from a vocabulary of
 * a few thousand made-up words with a skewed (Zipf-like) frequency, so the keyword index holds
 * many terms with long and short posting lists, as real prose does; one passage carries the
 * planted answer, in words the vocabulary never makes.
 */
import type { Page } from 'playwright-core';
import { seedLibrary as seedDocuments } from './library-helpers';

const SYLLABLES =
  'ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu'.split(
    ' ',
  );
const VOCABULARY = Array.from({ length: 6000 }, (_, i) => {
  const a = SYLLABLES[i % SYLLABLES.length]!;
  const b = SYLLABLES[Math.floor(i / SYLLABLES.length) % SYLLABLES.length]!;
  const c = SYLLABLES[Math.floor(i / SYLLABLES.length ** 2) % SYLLABLES.length]!;
  return i < 2500 ? `${a}${b}` + (i % 3 === 0 ? 'n' : '') : `${a}${b}${c}`;
});

/** The question the bench and the test ask, and where its answer is planted. */
export const REOPEN_QUESTION = 'zircon turbine warranty';
export const PLANTED_ANSWER = 'The zircon turbine warranty lasts thirty seven months.';

/** The document holding the planted passage in a library of `size` documents. */
export function plantedDocument(size: number): string {
  return `seed-${Math.floor(size * 0.43)}.txt`;
}

/** A deterministic passage of `count` made-up words, seeded by `seed`. */
export function passage(seed: number, count: number): string {
  let state = (seed * 7919 + 17) % 2147483647;
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    state = (state * 16807) % 2147483647;
    // Squaring a uniform draw favours low ranks: a few words are frequent, most are rare.
    const u = state / 2147483647;
    words.push(VOCABULARY[Math.floor(u * u * VOCABULARY.length)]!);
  }
  return `${words.join(' ')}.`;
}

/** Writes `size` documents (2 passages each, vectors of `modelId` when named), one planted. */
export function seedReopenLibrary(page: Page, size: number, modelId: string | null): Promise<void> {
  const planted = Math.floor(size * 0.43);
  return seedDocuments(page, size, {
    modelId,
    passage: (i, order) =>
      i === planted && order === 1
        ? `${passage(i * 2 + order, 40)} ${PLANTED_ANSWER} ${passage(i * 3, 40)}`
        : passage(i * 2 + order, 110),
    documentSize: 2000,
    tokenCount: 130,
  });
}
