/**
 * Research sessions (C10): the saved list (live across tabs), the documents they can draw on,
 * and the actions — make notes from chosen documents, rebuild them, rename, delete, export.
 * Notes are built in core/research from the documents' stored chunks; nothing here needs a
 * model, so research works on a machine with none.
 */
import { buildResearchNotes } from '../../core/research/research';
import type { Locale } from '../../core/locale';
import {
  chunksOfDocument,
  deleteResearchSession,
  renameResearchSession,
  saveResearchSession,
  watchDocuments,
  watchResearchSessions,
  type DocumentRecord,
  type ResearchSession,
} from '../../storage';
import { downloadBlob } from '../download';
import {
  researchMarkdown,
  type MarkdownHeadings,
} from '../components/library/research/research-markdown';

class ResearchState {
  #sessions = $state.raw<readonly ResearchSession[]>([]);
  #documents = $state.raw<readonly DocumentRecord[]>([]);
  #loaded = $state(false);
  #busy = $state(false);
  #started = false;

  start(): void {
    if (this.#started) return;
    this.#started = true;
    watchResearchSessions((sessions) => {
      this.#sessions = sessions;
      this.#loaded = true;
    });
    watchDocuments((documents) => {
      this.#documents = documents;
    });
  }

  get sessions(): readonly ResearchSession[] {
    return this.#sessions;
  }
  get loaded(): boolean {
    return this.#loaded;
  }
  /** True while notes are being made (buttons wait). */
  get busy(): boolean {
    return this.#busy;
  }
  /** Documents notes can be made from: the ready ones, newest first. */
  get readyDocuments(): readonly DocumentRecord[] {
    return this.#documents.filter((d) => d.status === 'ready');
  }

  session(id: string | null): ResearchSession | undefined {
    return id ? this.#sessions.find((s) => s.id === id) : undefined;
  }

  /** The session's documents that no longer exist in the library. */
  missingDocuments(session: ResearchSession): string[] {
    const present = new Set(this.#documents.map((d) => d.id));
    return session.documentIds.filter((id) => !present.has(id));
  }

  /** Makes the notes and saves a new session; returns its id. */
  async create(draft: {
    title: string;
    documentIds: readonly string[];
    language: Locale;
  }): Promise<string> {
    const now = Date.now();
    const session: ResearchSession = {
      id: crypto.randomUUID(),
      title: draft.title.trim(),
      documentIds: [...draft.documentIds],
      language: draft.language,
      createdAt: now,
      updatedAt: now,
      notes: await this.#notes(draft.title, draft.documentIds, draft.language),
    };
    await saveResearchSession(session);
    return session.id;
  }

  /** Makes the notes again from the documents as they are now (deleted ones are left out). */
  async rebuild(session: ResearchSession): Promise<void> {
    const missing = new Set(this.missingDocuments(session));
    const documentIds = session.documentIds.filter((id) => !missing.has(id));
    const notes = await this.#notes(session.title, documentIds, session.language);
    await saveResearchSession({ ...session, documentIds, notes, updatedAt: Date.now() });
  }

  async rename(id: string, title: string): Promise<void> {
    const clean = title.trim().replace(/\s+/g, ' ');
    if (clean) await renameResearchSession(id, clean.slice(0, 120));
  }

  async remove(id: string): Promise<void> {
    await deleteResearchSession(id);
  }

  exportMarkdown(
    session: ResearchSession,
    headings: MarkdownHeadings,
    label: (source: ResearchSession['notes']['summary'][number]['sources'][number]) => string,
  ): void {
    const text = researchMarkdown(session, headings, label);
    const safe = session.title.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'research';
    downloadBlob(new Blob([text], { type: 'text/markdown;charset=utf-8' }), `${safe}.md`);
  }

  async #notes(
    title: string,
    documentIds: readonly string[],
    language: Locale,
  ): Promise<ResearchSession['notes']> {
    this.#busy = true;
    try {
      const names = new Map(this.#documents.map((d) => [d.id, d.name]));
      const perDocument = await Promise.all(documentIds.map((id) => chunksOfDocument(id)));
      const chunks = perDocument
        .flat()
        .map((chunk) => ({ ...chunk, documentName: names.get(chunk.documentId) ?? '' }));
      return buildResearchNotes({ title, chunks, language });
    } finally {
      this.#busy = false;
    }
  }
}

export const researchState = new ResearchState();
