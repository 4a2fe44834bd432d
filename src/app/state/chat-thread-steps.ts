/**
 * Steps of a chat turn that need nothing of the thread's state: storing a new conversation,
 * titling it from the model's first answer, and rating an answer. chat-thread.svelte.ts calls
 * them; keeping them here keeps that file to the thread itself.
 */
import { modelTitle } from '../../core/chat/auto-title';
import { titleFromText } from '../../core/chat/titles';
import {
  clearRating,
  createConversation,
  updateConversation,
  updateMessage,
  type ChatMessage,
  type Conversation,
} from '../../storage';
import { i18n } from '../i18n/i18n.svelte';
import { chatInference } from './chat-inference';
import { defaultLibraryScope } from './chat-library';
import { chatPrefs } from './chat-prefs.svelte';

/** Stores a new conversation titled after its first message; resolves with its id. */
export async function storeNewConversation(firstMessage: string): Promise<string> {
  const id = crypto.randomUUID();
  const modelId = chatPrefs.modelId;
  await createConversation({
    id,
    title: titleFromText(firstMessage) ?? i18n.t('chat.untitled'),
    now: Date.now(),
    personaId: chatPrefs.defaultPersonaId,
    params: { ...chatPrefs.defaultParams },
    libraryScope: await defaultLibraryScope(),
    ...(modelId ? { modelId } : {}),
  });
  await updateConversation(id, { titleSource: 'text' });
  return id;
}

/** After the first exchange, the model may title the conversation better than its text. */
export async function maybeRetitle(
  conversation: Conversation | undefined,
  question: ChatMessage,
  answer: ChatMessage,
): Promise<void> {
  const modelId = answer.modelId;
  if (!conversation || conversation.titleSource !== 'text' || !modelId) return;
  if (question.parentId !== null || answer.generation?.finishReason === 'error') return;
  const title = await modelTitle(chatInference(), modelId, {
    user: question.content,
    assistant: answer.content,
    locale: i18n.locale,
  });
  if (title) await updateConversation(conversation.id, { title, titleSource: 'model' });
}

/** Rates an answer (null removes the rating); an empty comment is not stored. */
export async function rateMessage(
  messageId: string,
  stars: 1 | 2 | 3 | 4 | 5 | null,
  comment?: string,
): Promise<void> {
  if (stars === null) {
    await clearRating(messageId);
    return;
  }
  const note = comment?.trim();
  await updateMessage(messageId, { rating: { stars, ...(note ? { comment: note } : {}) } });
}
