/**
 * The languages the Transcribe view's menu offers for a speech model: the ones its catalog entry
 * names, plus common Whisper languages when it says 'multilingual' (Whisper knows about a
 * hundred; a menu of all would bury the ones people use). Plain code, tested in Node.
 */
import type { CatalogEntry } from '../../../models/catalog';

export const COMMON_WHISPER_LANGUAGES = [
  'en',
  'pt',
  'es',
  'fr',
  'de',
  'it',
  'nl',
  'pl',
  'ru',
  'uk',
  'tr',
  'ar',
  'hi',
  'ja',
  'ko',
  'zh',
] as const;

/** ISO 639-1 codes for `entry`, its own first, without duplicates; none without a model. */
export function modelLanguages(entry: Pick<CatalogEntry, 'languages'> | null): string[] {
  if (!entry) return [];
  const own = entry.languages
    .filter((tag) => tag !== 'multilingual')
    .map((tag) => tag.toLowerCase().split('-')[0] ?? tag);
  const all = entry.languages.includes('multilingual')
    ? [...own, ...COMMON_WHISPER_LANGUAGES]
    : own;
  return [...new Set(all)];
}
