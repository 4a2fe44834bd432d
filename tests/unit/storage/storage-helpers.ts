// Shared by the portability tests: write sample rows straight into the database, and read
// everything back as export text (minus the timestamp) to compare whole stores at once.
import { getDatabase } from '../../../src/storage/db';
import { exportAllData } from '../../../src/storage/portability';
import { TABLE_NAMES } from '../../../src/storage/schema';
import { type SampleRows } from './sample-rows';

export async function seedAll(rows: SampleRows): Promise<void> {
  const db = getDatabase();
  await db.transaction('rw', TABLE_NAMES, async () => {
    for (const name of TABLE_NAMES) await db.table(name).bulkAdd(rows[name]);
  });
}

/** Everything stored, as export text with `exportedAt` blanked. */
export async function storedText(): Promise<string> {
  return withoutTimestamp(await (await exportAllData()).text());
}

export function withoutTimestamp(text: string): string {
  return text.replace(/"exportedAt":"[^"]*"/, '"exportedAt":""');
}

/** An export file as a Blob, built from a plain object (for hand-made, broken files). */
export function fileOf(doc: unknown): Blob {
  return new Blob([JSON.stringify(doc)], { type: 'application/json' });
}
