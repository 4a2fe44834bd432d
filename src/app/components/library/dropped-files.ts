/**
 * Turns a drop or a picker into LibraryFileInputs. A dropped folder arrives as one
 * DataTransferItem whose FileSystemDirectoryEntry must be walked by hand: readEntries returns
 * a batch at a time (100 in Chromium) and has to be called until it returns none. Entries must
 * be taken from the items during the drop event itself: the list is emptied once it returns.
 */
import type { LibraryFileInput } from '../../../core/library/library-service-types';

export interface DropResult {
  inputs: LibraryFileInput[];
  /** Entries that could not be read (a file removed meanwhile, a permission error). */
  errors: string[];
}

/** Synchronous part: call inside the drop handler, before any await. */
export function takeDropEntries(transfer: DataTransfer): (FileSystemEntry | File)[] {
  const taken: (FileSystemEntry | File)[] = [];
  for (const item of transfer.items) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) {
      taken.push(entry);
    } else {
      const file = item.getAsFile();
      if (file) taken.push(file);
    }
  }
  // Browsers without items (or tests feeding files only) still give the flat list.
  if (taken.length === 0) taken.push(...transfer.files);
  return taken;
}

function isDirectory(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}

function isFile(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile;
}

function readBatch(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, inFolder: boolean, result: DropResult): Promise<void> {
  try {
    if (isFile(entry)) {
      const file = await fileOf(entry);
      const input: LibraryFileInput = { file };
      if (inFolder) input.relativePath = entry.fullPath.replace(/^\//, '');
      result.inputs.push(input);
    } else if (isDirectory(entry)) {
      const reader = entry.createReader();
      for (let batch = await readBatch(reader); batch.length > 0; batch = await readBatch(reader)) {
        for (const child of batch) await walk(child, true, result);
      }
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    result.errors.push(`${entry.fullPath.replace(/^\//, '')}: ${reason}`);
  }
}

/** Reads the taken entries, folders recursively, in the order they were dropped. */
export async function readDropEntries(
  taken: readonly (FileSystemEntry | File)[],
): Promise<DropResult> {
  const result: DropResult = { inputs: [], errors: [] };
  for (const item of taken) {
    if (item instanceof File) result.inputs.push({ file: item });
    else await walk(item, false, result);
  }
  return result;
}

/** Files from <input type="file">: a folder pick carries webkitRelativePath on each file. */
export function inputsFromPicker(files: FileList | null): LibraryFileInput[] {
  return [...(files ?? [])].map((file) =>
    file.webkitRelativePath ? { file, relativePath: file.webkitRelativePath } : { file },
  );
}
