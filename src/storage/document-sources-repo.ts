// Document sources: the original bytes of Library documents whose text needs a model first
// (images, audio, video, PDFs with scanned pages). Today's ingest keeps them so the Library
// can caption, transcribe or OCR the file when the person installs a model later, and so
// "Process now" works after a reload. They are the person's data: exported (as Blobs, like
// chat attachments) and erased with everything else; removing a document removes its source.
import { getDatabase, type OmniaDatabase } from './db';
import { toStorageWriteError } from './errors';
import type { DocumentSource } from './types';

/** Keeps (or replaces) the original file of a document. */
export async function putDocumentSource(
  row: DocumentSource,
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  try {
    await db.documentSources.put(row);
  } catch (error) {
    throw toStorageWriteError(error, `keeping the file "${row.name}" for processing`);
  }
}

export function getDocumentSource(
  documentId: string,
  db: OmniaDatabase = getDatabase(),
): Promise<DocumentSource | undefined> {
  return db.documentSources.get(documentId);
}

/** Whether the document's original file is kept. */
export async function hasDocumentSource(
  documentId: string,
  db: OmniaDatabase = getDatabase(),
): Promise<boolean> {
  return (await db.documentSources.where('documentId').equals(documentId).count()) > 0;
}

export async function deleteDocumentSource(
  documentId: string,
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  try {
    await db.documentSources.delete(documentId);
  } catch (error) {
    throw toStorageWriteError(error, 'deleting the kept file of a document');
  }
}
