// Research sessions (C10): documents gathered for study and the cited notes made from them,
// saved so a session can be reopened. They are the person's data: exported and imported.
import { liveQuery } from 'dexie';
import { getDatabase, type OmniaDatabase } from './db';
import { StorageWriteError, toStorageWriteError } from './errors';
import type { ResearchSession } from './types';

/** Saves the whole session (a new one, or new notes for an existing one). */
export async function saveResearchSession(
  row: ResearchSession,
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  try {
    await db.researchSessions.put(row);
  } catch (error) {
    throw toStorageWriteError(error, 'saving the research session');
  }
}

export function getResearchSession(
  id: string,
  db: OmniaDatabase = getDatabase(),
): Promise<ResearchSession | undefined> {
  return db.researchSessions.get(id);
}

/** Every session, last changed first, now and after every change in any tab. */
export function watchResearchSessions(
  onChange: (sessions: ResearchSession[]) => void,
  db: OmniaDatabase = getDatabase(),
): () => void {
  const subscription = liveQuery(() =>
    db.researchSessions.orderBy('updatedAt').reverse().toArray(),
  ).subscribe({
    next: onChange,
    error: (error: unknown) => console.warn('Omnia: could not read research sessions', error),
  });
  return () => subscription.unsubscribe();
}

export async function deleteResearchSession(
  id: string,
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  try {
    await db.researchSessions.delete(id);
  } catch (error) {
    throw toStorageWriteError(error, 'deleting the research session');
  }
}

/** Renames the session; `updatedAt` is left alone (renaming does not reorder the list). */
export async function renameResearchSession(
  id: string,
  title: string,
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  let updated: number;
  try {
    updated = await db.researchSessions.update(id, { title: title.trim() });
  } catch (error) {
    throw toStorageWriteError(error, 'renaming the research session');
  }
  if (updated === 0) {
    throw new StorageWriteError(
      'not-found',
      'This research session no longer exists (it may have been deleted in another tab).',
    );
  }
}
