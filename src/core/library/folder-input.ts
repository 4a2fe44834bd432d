// Why this file exists: a dropped or picked folder brings the operating system's and the
// editors' litter along (.DS_Store, Thumbs.db, Office lock files, .git/). Adding those would
// fill the Library with failed rows nobody asked for, so they are left out before any job
// is made. Real files, even empty ones, are kept: an empty file gets its own clear error.
import type { LibraryFileInput } from './library-service-types';

const JUNK_NAMES: ReadonlySet<string> = new Set(['.ds_store', 'thumbs.db', 'desktop.ini']);

/**
 * True for files a folder drop should skip: system files, Office lock files ("~$report.docx"),
 * and anything hidden (a name, or a folder on its path, starting with '.').
 */
export function isFolderJunk(input: LibraryFileInput): boolean {
  const path = input.relativePath ?? input.file.name;
  const segments = path.split('/').filter((s) => s !== '');
  const name = segments.at(-1) ?? input.file.name;
  if (JUNK_NAMES.has(name.toLowerCase())) return true;
  if (name.startsWith('~$')) return true;
  return segments.some((segment) => segment.startsWith('.'));
}

/** What a job shows: the folder path when there is one, else the file name. */
export function inputLabel(input: LibraryFileInput): string {
  return input.relativePath && input.relativePath !== '' ? input.relativePath : input.file.name;
}
