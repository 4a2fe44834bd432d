// The shapes of research notes (C10). They are the stored rows themselves, aliased, so what
// core builds and what storage saves cannot drift apart.
import type {
  Chunk,
  ResearchNotesRow,
  ResearchPointRow,
  ResearchSession,
  ResearchSourceRow,
} from '../../storage';

/** Where a point comes from: one chunk, with what a citation shows. */
export type ResearchSource = ResearchSourceRow;
/** One sentence taken from the documents, with its sources (always at least one). */
export type ResearchPoint = ResearchPointRow;
/** Summary, key points per section, outline and questions, every point cited. */
export type ResearchNotes = ResearchNotesRow;
export type ResearchOutlineEntry = ResearchNotesRow['outline'][number];
export type ResearchQuestion = ResearchNotesRow['qa'][number];
export type { ResearchSession };

/** A chunk with the name of its document, as research reads it. */
export type ResearchChunk = Chunk & { documentName: string };

export interface ResearchInput {
  /** The session's title: its words lean the summary toward the topic. */
  title: string;
  /** The chunks of the session's documents (any order: sorted by document, then chunk order). */
  chunks: readonly ResearchChunk[];
  language: 'en' | 'pt-BR';
}
