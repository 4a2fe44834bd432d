// Prompt Studio's test runs and the outputs each stored (C7). A run's job row (jobs-repo.ts)
// has the run's id and holds its status and progress; every finished output is its own row,
// written as soon as it is produced, so a reload or a killed tab keeps what was done.
import { liveQuery } from 'dexie';
import { getDatabase, type OmniaDatabase } from './db';
import { toStorageWriteError } from './errors';
import type { PromptOutputRow, PromptRunRow } from './prompt-types';

export async function putPromptRun(
  run: PromptRunRow,
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  try {
    await db.promptRuns.put(run);
  } catch (error) {
    throw toStorageWriteError(error, 'saving the test run');
  }
}

export function getPromptRun(
  id: string,
  db: OmniaDatabase = getDatabase(),
): Promise<PromptRunRow | undefined> {
  return db.promptRuns.get(id);
}

export async function addPromptOutput(
  output: PromptOutputRow,
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  try {
    await db.promptOutputs.add(output);
  } catch (error) {
    throw toStorageWriteError(error, 'saving the test output');
  }
}

/** Every output of a run, in the order written. */
export async function listPromptOutputs(
  runId: string,
  db: OmniaDatabase = getDatabase(),
): Promise<PromptOutputRow[]> {
  const rows = await db.promptOutputs.where('runId').equals(runId).toArray();
  return rows.sort((a, b) => a.createdAt - b.createdAt || a.attempt - b.attempt);
}

/** A template's runs, newest first. */
export async function listPromptRuns(
  templateId: string,
  db: OmniaDatabase = getDatabase(),
): Promise<PromptRunRow[]> {
  const rows = await db.promptRuns.where('templateId').equals(templateId).toArray();
  return rows.sort((a, b) => b.createdAt - a.createdAt);
}

/** A template's runs (newest first), now and after every change in any tab. */
export function watchPromptRuns(
  templateId: string,
  onChange: (runs: PromptRunRow[]) => void,
  db: OmniaDatabase = getDatabase(),
): () => void {
  const subscription = liveQuery(() => listPromptRuns(templateId, db)).subscribe({
    next: onChange,
    error: (error: unknown) => console.warn('Omnia: could not read test runs', error),
  });
  return () => subscription.unsubscribe();
}

/** A run's outputs, now and after every change in any tab. */
export function watchPromptOutputs(
  runId: string,
  onChange: (outputs: PromptOutputRow[]) => void,
  db: OmniaDatabase = getDatabase(),
): () => void {
  const subscription = liveQuery(() => listPromptOutputs(runId, db)).subscribe({
    next: onChange,
    error: (error: unknown) => console.warn('Omnia: could not read test outputs', error),
  });
  return () => subscription.unsubscribe();
}

/** Deletes a run, its outputs and its job row. */
export async function deletePromptRun(
  id: string,
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  try {
    await db.transaction('rw', [db.promptRuns, db.promptOutputs, db.jobs], async () => {
      await db.promptOutputs.where('runId').equals(id).delete();
      await db.promptRuns.delete(id);
      await db.jobs.delete(id);
    });
  } catch (error) {
    throw toStorageWriteError(error, 'deleting the test run');
  }
}
