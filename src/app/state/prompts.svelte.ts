/**
 * Prompt Studio's templates for the view and the chat's `/` menu: every template with its
 * versions, kept in step with storage in every tab (liveQuery), and the actions on them. Saving
 * and reverting only ever add versions (core/prompts/versions.ts); import only adds templates.
 */
import {
  exportTemplates,
  MAX_PROMPTS_FILE_BYTES,
  planMerge,
  readTemplatesFile,
  type MergePlan,
  type PromptsImportError,
} from '../../core/prompts/transfer';
import {
  newVersion,
  revertVersion,
  sameContent,
  versionInUse,
  type VersionDraft,
} from '../../core/prompts/versions';
import {
  addPromptTemplates,
  addPromptVersion,
  createPromptTemplate,
  deletePromptTemplate,
  updatePromptTemplate,
  watchPromptTemplates,
  type PromptTemplateWithVersions,
  type PromptVersionRow,
} from '../../storage';
import { i18n } from '../i18n/i18n.svelte';

export type SaveOutcome =
  { kind: 'saved'; version: PromptVersionRow } | { kind: 'unchanged'; number: number };

export type ImportOutcome =
  { ok: true; plan: MergePlan } | { ok: false; error: PromptsImportError };

class PromptsState {
  #items = $state.raw<PromptTemplateWithVersions[]>([]);
  #loaded = $state(false);
  #stop: (() => void) | null = null;

  /** Starts watching storage (once; the list then stays current in every view). */
  start(): void {
    if (this.#stop) return;
    this.#stop = watchPromptTemplates((items) => {
      this.#items = items;
      this.#loaded = true;
    });
  }

  get loaded(): boolean {
    return this.#loaded;
  }
  get items(): readonly PromptTemplateWithVersions[] {
    return this.#items;
  }
  item(id: string | null): PromptTemplateWithVersions | undefined {
    return id === null ? undefined : this.#items.find((i) => i.template.id === id);
  }
  inUse(item: PromptTemplateWithVersions): PromptVersionRow | undefined {
    return versionInUse(item.template, item.versions);
  }

  /** A new template, with no version until its first save; returns its id. */
  async create(): Promise<string> {
    const id = crypto.randomUUID();
    const now = Date.now();
    await createPromptTemplate(
      { id, name: i18n.t('prompts.newName'), createdAt: now, updatedAt: now },
      [],
    );
    return id;
  }

  /** Saves the draft as the next version (and marks it in use) unless nothing changed. */
  async save(templateId: string, draft: VersionDraft): Promise<SaveOutcome> {
    const item = this.item(templateId);
    const versions = item?.versions ?? [];
    const latest = versions.at(-1);
    if (latest && sameContent(latest, draft)) return { kind: 'unchanged', number: latest.number };
    const version = newVersion(templateId, versions, draft, crypto.randomUUID(), Date.now());
    await addPromptVersion(version, { inUseVersionId: version.id });
    return { kind: 'saved', version };
  }

  async revert(target: PromptVersionRow): Promise<PromptVersionRow> {
    const versions = this.item(target.templateId)?.versions ?? [];
    const note = i18n.t('prompts.revertNote', { number: target.number });
    const version = revertVersion(target, versions, note, crypto.randomUUID(), Date.now());
    await addPromptVersion(version, { inUseVersionId: version.id });
    return version;
  }

  async markInUse(version: PromptVersionRow): Promise<void> {
    await updatePromptTemplate(version.templateId, { inUseVersionId: version.id });
  }

  async rename(templateId: string, name: string, description: string): Promise<void> {
    const trimmed = name.trim();
    if (trimmed === '') return;
    await updatePromptTemplate(templateId, {
      name: trimmed,
      description: description.trim(),
      updatedAt: Date.now(),
    });
  }

  async remove(templateId: string): Promise<void> {
    await deletePromptTemplate(templateId);
  }

  /** The export file of the given templates (all when none given). */
  exportFile(ids?: readonly string[]): Blob {
    const items = ids ? this.#items.filter((i) => ids.includes(i.template.id)) : this.#items;
    return new Blob([exportTemplates(items, new Date())], { type: 'application/json' });
  }

  /** Checks the whole file, then adds what is new; nothing stored changes otherwise. */
  async importFile(file: Blob): Promise<ImportOutcome> {
    if (file.size > MAX_PROMPTS_FILE_BYTES) return { ok: false, error: { code: 'too-large' } };
    const check = readTemplatesFile(await file.text(), () => crypto.randomUUID());
    if (!check.ok) return check;
    const plan = planMerge(this.#items, check.templates, () => crypto.randomUUID());
    if (plan.add.length > 0) await addPromptTemplates(plan.add);
    return { ok: true, plan };
  }
}

export const promptsState = new PromptsState();
