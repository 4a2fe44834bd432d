/**
 * The chat's side of the Library (C4): which documents a conversation asks, and the passages
 * an answer gets. Retrieval runs in the library worker; core/chat/answer-sources.ts decides
 * how many passages fit the model's window and stores them as the answer's citations.
 */
import type { AnswerSources } from '../../core/chat/answer';
import { quotePassages, ragSystemPrompt } from '../../core/rag/rag-prompt';
import type { CitedPassage, RetrievalQuery } from '../../core/rag/types';
import {
  getConversation,
  listDocuments,
  updateConversation,
  type Conversation,
} from '../../storage';
import type { Locale } from '../../core/locale';
import { libraryService } from './library.svelte';

export type LibraryScope = NonNullable<Conversation['libraryScope']>;

/** Passages an answer is offered; fewer reach the prompt when the window is small. */
const PASSAGES_PER_ANSWER = 4;

/** New conversations ask the whole Library once it has something ready to ask. */
export async function defaultLibraryScope(): Promise<LibraryScope> {
  const documents = await listDocuments();
  return documents.some((d) => d.status === 'ready') ? 'all' : 'none';
}

export function setLibraryScope(
  conversationId: string,
  scope: LibraryScope,
  collectionIds: readonly string[] = [],
): Promise<void> {
  return updateConversation(conversationId, {
    libraryScope: scope,
    collectionIds: scope === 'collections' ? [...collectionIds] : [],
  });
}

function queryFor(conversation: Conversation, question: string): RetrievalQuery | null {
  const scope = conversation.libraryScope ?? 'none';
  if (scope === 'none') return null;
  return {
    text: question,
    limit: PASSAGES_PER_ANSWER,
    ...(scope === 'collections' ? { collectionIds: conversation.collectionIds } : {}),
  };
}

/**
 * The Library passages for answering `question` in the conversation, or undefined when it
 * asks no documents or none match. Read from storage, not the view's copy, so a scope chosen a
 * moment ago already counts.
 */
export async function librarySourcesFor(
  conversationId: string,
  question: string,
  locale: Locale,
): Promise<AnswerSources | undefined> {
  const conversation = await getConversation(conversationId);
  const query = conversation ? queryFor(conversation, question) : null;
  if (!query) return undefined;
  let found;
  try {
    found = await libraryService().search(query);
  } catch (error) {
    // The answer still comes, without sources; the Library view shows what is wrong with it.
    console.warn('Library search failed; answering without sources.', error);
    return undefined;
  }
  if (found.length === 0) return undefined;
  const passages: CitedPassage[] = found.map((p, i) => ({ ...p, index: i + 1 }));
  return {
    passages,
    instructions: ragSystemPrompt(locale),
    quote: (included) => quotePassages(included, locale),
  };
}
