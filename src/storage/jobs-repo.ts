// Jobs: long work that must survive a reload (ingest, re-index, downloads), so the Library
// can show what is running, what failed and why, after the tab was closed and opened again.
import { liveQuery } from 'dexie';
import { getDatabase, type OmniaDatabase } from './db';
import { toStorageWriteError } from './errors';
import type { Job, JobStatus } from './types';

export type JobPatch = Partial<Omit<Job, 'id' | 'kind' | 'createdAt'>>;

const FINISHED: readonly JobStatus[] = ['done', 'failed', 'cancelled'];

export async function putJob(row: Job, db: OmniaDatabase = getDatabase()): Promise<void> {
  try {
    await db.jobs.put(row);
  } catch (error) {
    throw toStorageWriteError(error, 'saving the job');
  }
}

/** Changes only the given fields. */
export async function updateJob(
  id: string,
  patch: JobPatch,
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  try {
    await db.jobs.update(id, patch);
  } catch (error) {
    throw toStorageWriteError(error, 'saving the job');
  }
}

/** Jobs (of one kind, when given), last updated first. */
export async function listJobs(kind?: string, db: OmniaDatabase = getDatabase()): Promise<Job[]> {
  const jobs =
    kind === undefined
      ? await db.jobs.toArray()
      : await db.jobs.where('kind').equals(kind).toArray();
  return jobs.sort((a, b) => b.updatedAt - a.updatedAt);
}

/** Jobs (of one kind, when given), last updated first, now and after every change. */
export function watchJobRows(
  onChange: (jobs: Job[]) => void,
  kind?: string,
  db: OmniaDatabase = getDatabase(),
): () => void {
  const subscription = liveQuery(() => listJobs(kind, db)).subscribe({
    next: onChange,
    error: (error: unknown) => console.warn('Omnia: could not read jobs', error),
  });
  return () => subscription.unsubscribe();
}

/** Forgets finished jobs (done, failed, cancelled) last updated more than `ms` ago. */
export async function deleteFinishedJobsOlderThan(
  ms: number,
  now: number = Date.now(),
  db: OmniaDatabase = getDatabase(),
): Promise<number> {
  try {
    return await db.jobs
      .where('updatedAt')
      .below(now - ms)
      .filter((job) => FINISHED.includes(job.status))
      .delete();
  } catch (error) {
    throw toStorageWriteError(error, 'clearing old jobs');
  }
}
