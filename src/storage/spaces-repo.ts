// Creating and removing the demo space's database (space.ts says why it is a database of its
// own). Entering copies a few preferences in, so the demo speaks the person's language in the
// person's theme; leaving deletes the whole demo database and nothing else.
import Dexie from 'dexie';
import { getDatabase, openDatabase } from './db';
import { currentSpace, SPACE_DATABASES } from './space';

/** Preferences a demo starts with (read from the person's database, never written there). */
const CARRIED_SETTINGS = ['locale', 'theme', 'developerMode', 'modelSource'] as const;

/** Opens (creating if needed) the demo database and copies the carried preferences into it. */
export async function prepareDemoSpace(): Promise<void> {
  const personal =
    currentSpace() === 'personal' ? getDatabase() : openDatabase(SPACE_DATABASES.personal);
  const demo = openDatabase(SPACE_DATABASES.demo);
  try {
    const rows = await personal.settings.bulkGet([...CARRIED_SETTINGS]);
    const present = rows.filter((row) => row !== undefined);
    if (present.length > 0) await demo.settings.bulkPut(present);
  } finally {
    demo.close();
    if (personal !== getDatabase()) personal.close();
  }
}

/**
 * Deletes the demo database. In a demo tab its own connection closes first; other connections
 * (the Library worker's) close themselves when asked (Dexie does on `versionchange`).
 * Resolves false if the deletion did not finish within `timeoutMs` (it still goes on).
 */
export async function deleteDemoSpace(timeoutMs = 10_000): Promise<boolean> {
  if (currentSpace() === 'demo') getDatabase().close();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([Dexie.delete(SPACE_DATABASES.demo).then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
