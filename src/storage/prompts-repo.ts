// Prompt Studio's templates and versions (C7). Versions are append-only: this file offers no
// way to change one, only to add the next; a template's "in use" mark is the one thing about a
// template's history that moves. Deleting a template deletes its versions, runs and outputs.
import { liveQuery } from 'dexie';
import { getDatabase, type OmniaDatabase } from './db';
import { toStorageWriteError } from './errors';
import type { PromptTemplateRow, PromptVersionRow } from './prompt-types';

export type PromptTemplatePatch = Partial<
  Pick<PromptTemplateRow, 'name' | 'description' | 'inUseVersionId' | 'updatedAt'>
>;

/** A template with every version, oldest first. */
export interface PromptTemplateWithVersions {
  template: PromptTemplateRow;
  versions: PromptVersionRow[];
}

/** Stores a new template with its first version(s), in one transaction. */
export async function createPromptTemplate(
  template: PromptTemplateRow,
  versions: readonly PromptVersionRow[],
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  try {
    await db.transaction('rw', [db.promptTemplates, db.promptVersions], async () => {
      await db.promptTemplates.add(template);
      if (versions.length > 0) await db.promptVersions.bulkAdd([...versions]);
    });
  } catch (error) {
    throw toStorageWriteError(error, 'saving the prompt template');
  }
}

/** Stores several templates and their versions at once (an import): all or none. */
export async function addPromptTemplates(
  items: readonly PromptTemplateWithVersions[],
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  try {
    await db.transaction('rw', [db.promptTemplates, db.promptVersions], async () => {
      await db.promptTemplates.bulkAdd(items.map((i) => i.template));
      await db.promptVersions.bulkAdd(items.flatMap((i) => i.versions));
    });
  } catch (error) {
    throw toStorageWriteError(error, 'importing prompt templates');
  }
}

/**
 * Adds the next version of a template (its number must be the next free one: a second tab
 * that wrote one first makes this fail rather than reuse the number) and touches the template.
 */
export async function addPromptVersion(
  version: PromptVersionRow,
  patch: PromptTemplatePatch = {},
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  try {
    await db.transaction('rw', [db.promptTemplates, db.promptVersions], async () => {
      const taken = await db.promptVersions
        .where('[templateId+number]')
        .equals([version.templateId, version.number])
        .count();
      if (taken > 0) throw new Error(`Version ${version.number} already exists`);
      await db.promptVersions.add(version);
      await db.promptTemplates.update(version.templateId, {
        updatedAt: version.createdAt,
        ...patch,
      });
    });
  } catch (error) {
    throw toStorageWriteError(error, 'saving the prompt version');
  }
}

/** Renames, re-describes or marks the version in use. */
export async function updatePromptTemplate(
  id: string,
  patch: PromptTemplatePatch,
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  try {
    await db.promptTemplates.update(id, patch);
  } catch (error) {
    throw toStorageWriteError(error, 'saving the prompt template');
  }
}

/** Deletes a template with its versions, test runs and their outputs. */
export async function deletePromptTemplate(
  id: string,
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  try {
    const tables = [db.promptTemplates, db.promptVersions, db.promptRuns, db.promptOutputs];
    await db.transaction('rw', tables, async () => {
      await db.promptOutputs.where('templateId').equals(id).delete();
      await db.promptRuns.where('templateId').equals(id).delete();
      await db.promptVersions.where('templateId').equals(id).delete();
      await db.promptTemplates.delete(id);
    });
  } catch (error) {
    throw toStorageWriteError(error, 'deleting the prompt template');
  }
}

/** Every template with its versions (oldest first), templates by name. */
export async function listPromptTemplates(
  db: OmniaDatabase = getDatabase(),
): Promise<PromptTemplateWithVersions[]> {
  return db.transaction('r', [db.promptTemplates, db.promptVersions], async () => {
    const [templates, versions] = await Promise.all([
      db.promptTemplates.toArray(),
      db.promptVersions.toArray(),
    ]);
    const byTemplate = new Map<string, PromptVersionRow[]>();
    for (const v of versions) {
      const list = byTemplate.get(v.templateId) ?? [];
      list.push(v);
      byTemplate.set(v.templateId, list);
    }
    return templates
      .sort((a, b) => a.name.localeCompare(b.name) || a.createdAt - b.createdAt)
      .map((template) => ({
        template,
        versions: (byTemplate.get(template.id) ?? []).sort((a, b) => a.number - b.number),
      }));
  });
}

/** Templates with their versions, now and after every change in any tab. */
export function watchPromptTemplates(
  onChange: (items: PromptTemplateWithVersions[]) => void,
  db: OmniaDatabase = getDatabase(),
): () => void {
  const subscription = liveQuery(() => listPromptTemplates(db)).subscribe({
    next: onChange,
    error: (error: unknown) => console.warn('Omnia: could not read prompt templates', error),
  });
  return () => subscription.unsubscribe();
}
