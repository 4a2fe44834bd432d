/**
 * Tesseract's language data, read from the verified model cache and nowhere else: one catalog
 * entry per language, whose file is `<code>.traineddata` or `<code>.traineddata.gz`. The code
 * comes from the file name, as tesseract itself names its data.
 */
import type { CatalogEntry } from '../../catalog-types';
import { EngineError } from '../errors';
import type { ModelFileSource } from '../types';

export interface LanguageData {
  /** Tesseract's language code ('eng', 'por'). */
  code: string;
  modelId: string;
  path: string;
  /** The file's bytes, gzipped or not (the worker script checks the gzip magic). */
  data: Uint8Array;
}

const TRAINEDDATA = /(?:^|\/)([a-z][a-z0-9_]*)\.traineddata(?:\.gz)?$/i;

/** The language data file of a tesseract entry and the code it names. */
export function languageFileOf(entry: CatalogEntry): { code: string; path: string } {
  if (entry.engine !== 'tesseract' || entry.task !== 'ocr') {
    throw new EngineError(
      'unsupported',
      `Model "${entry.id}" is not tesseract language data (task ${entry.task}, engine ${entry.engine}).`,
      { modelId: entry.id },
    );
  }
  const matches = entry.files
    .map((file) => ({ path: file.path, match: TRAINEDDATA.exec(file.path) }))
    .filter((found) => found.match !== null);
  const [found] = matches;
  if (!found?.match?.[1] || matches.length > 1) {
    throw new EngineError(
      'unsupported',
      `Model "${entry.id}" must list exactly one <language>.traineddata(.gz) file.`,
      { modelId: entry.id },
    );
  }
  return { code: found.match[1], path: found.path };
}

/** Reads every entry's language data; a missing file is a 'missing-file' EngineError. */
export async function readLanguageData(
  entries: readonly CatalogEntry[],
  files: (modelId: string) => ModelFileSource,
): Promise<LanguageData[]> {
  if (entries.length === 0) {
    throw new EngineError('unsupported', 'OCR needs at least one installed language model.');
  }
  const languages: LanguageData[] = [];
  for (const entry of entries) {
    const { code, path } = languageFileOf(entry);
    if (languages.some((language) => language.code === code)) {
      throw new EngineError('unsupported', `Language "${code}" is given twice.`, {
        modelId: entry.id,
      });
    }
    const blob = await files(entry.id).open(path);
    if (!blob) {
      throw new EngineError(
        'missing-file',
        `The language data ${path} of model "${entry.id}" is not installed: download or repair the model.`,
        { modelId: entry.id, path },
      );
    }
    languages.push({
      code,
      modelId: entry.id,
      path,
      data: new Uint8Array(await blob.arrayBuffer()),
    });
  }
  return languages;
}
