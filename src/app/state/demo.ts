/**
 * Demo mode: entering prepares the demo space's database (storage/space.ts: a database of its
 * own, so the person's data is never in reach), marks this tab as in demo, and reloads; in the
 * demo space the sample documents go through the Library's normal ingest; leaving reloads into
 * the person's own space and deletes the demo database from there. Each switch is a reload, so no
 * connection, worker or state in memory ever spans both spaces.
 */
import { DEMO_DOCUMENTS } from '../../core/demo/samples';
import {
  chooseSpaceForNextLoad,
  currentSpace,
  deleteDemoSpace,
  prepareDemoSpace,
  type DocumentRecord,
} from '../../storage';
import { libraryState } from './library.svelte';

export const DEMO_DOCUMENT_NAMES: readonly string[] = DEMO_DOCUMENTS.map((d) => d.name);

/** Reloads this tab into the demo space, at #/demo (which adds the samples). */
export async function enterDemo(): Promise<void> {
  await prepareDemoSpace();
  chooseSpaceForNextLoad('demo');
  history.replaceState(null, '', '#/demo');
  location.reload();
}

/**
 * Leaves demo mode: reloads this tab into the person's own space at #/demo?left=1, where
 * finishLeaving() deletes the demo database. Deleting from the fresh load, not from here,
 * means no connection of this tab (a live query, the Library worker) can open the demo
 * database again after it is gone.
 */
export function leaveDemo(): void {
  chooseSpaceForNextLoad('personal');
  history.replaceState(null, '', '#/demo?left=1');
  location.reload();
}

/** In the person's space after leaving: deletes the demo database, then goes Home. */
export async function finishLeaving(): Promise<void> {
  if (currentSpace() !== 'personal') return;
  const deleted = await deleteDemoSpace();
  if (!deleted) console.warn('Omnia: the demo database is still in use by another tab');
  location.replace('#/');
}

let seeding: Promise<void> | undefined;

/**
 * Adds the sample documents the demo space lacks (by name), once per load. Only in the demo
 * space: it refuses to write sample files into the person's own Library.
 */
export function addMissingSamples(existing: readonly DocumentRecord[]): Promise<void> {
  if (currentSpace() !== 'demo') return Promise.reject(new Error('not in the demo space'));
  seeding ??= (async () => {
    const have = new Set(existing.map((d) => d.name));
    const missing = DEMO_DOCUMENTS.filter((d) => !have.has(d.name));
    if (missing.length === 0) return;
    await libraryState.addFiles(
      missing.map((d) => ({ file: new File([d.text], d.name, { type: 'text/markdown' }) })),
      null,
    );
  })();
  seeding.catch(() => {
    seeding = undefined;
  });
  return seeding;
}
