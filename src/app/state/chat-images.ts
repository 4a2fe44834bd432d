/**
 * Images sent in chat: each goes to the vision worker with the installed image-to-text model,
 * and what the model says (a caption, or an answer when the model reads the question) is kept
 * on the message's attachment. The images are kept whatever happens: with no model, or when
 * one image cannot be read, the message still holds them and `problems` says why.
 */
import { captionsAsAnswer } from '../../core/chat/image-turns';
import { addMessage, type ChatMessage } from '../../storage';
import { i18n } from '../i18n/i18n.svelte';
import { installedModelFor, mediaErrorText, visionClient } from './media-clients';

export type ChatAttachment = NonNullable<ChatMessage['attachments']>[number];

export interface DescribedImages {
  attachments: ChatAttachment[];
  /** The image-to-text model used, or null when none is installed. */
  captionerId: string | null;
  /** Where the image-to-text model ran (for the answer's record), null when it did not run. */
  device: string | null;
  /** One sentence per problem (no model, an unreadable image), for the person to read. */
  problems: string[];
}

/**
 * Describes `files` in order (one at a time: the worker runs one model call at once anyway).
 * @param question the person's words, read by models that take a prompt.
 */
export async function describeImages(
  files: readonly File[],
  question: string,
  signal?: AbortSignal,
): Promise<DescribedImages> {
  const captionerId = installedModelFor('image-to-text');
  const attachments: ChatAttachment[] = files.map((file) => ({
    name: file.name,
    mimeType: file.type,
    data: file,
  }));
  if (!captionerId) {
    return {
      attachments,
      captionerId,
      device: null,
      problems: [i18n.t('voiceChat.noVisionModel')],
    };
  }
  const problems: string[] = [];
  let device: string | null = null;
  for (const attachment of attachments) {
    if (signal?.aborted) break;
    try {
      // A VLM answers the question; a model that reads none (Florence-2, a captioner) gives its
      // most detailed description, which the chat model then answers from.
      const response = await visionClient().caption(
        {
          modelId: captionerId,
          image: attachment.data,
          task: 'detailed-caption',
          ...(question ? { prompt: question } : {}),
        },
        signal ? { signal } : {},
      );
      device = response.engine.device;
      const text = response.text.trim();
      if (text) {
        attachment.caption = {
          text,
          modelId: captionerId,
          ...(response.promptUsed ? { question } : {}),
        };
      }
    } catch (error) {
      if (signal?.aborted) break;
      problems.push(
        i18n.t('voiceChat.describeFailed', {
          name: attachment.name,
          detail: mediaErrorText(error),
        }),
      );
    }
  }
  return { attachments, captionerId, device, problems };
}

/** No chat model: the image-to-text model's own words are the answer (modelId = the captioner). */
export async function addCaptionAnswer(
  question: ChatMessage,
  described: DescribedImages,
  createdAt: number,
): Promise<void> {
  const content = captionsAsAnswer(described.attachments);
  if (!described.captionerId || !content) return;
  await addMessage({
    id: crypto.randomUUID(),
    conversationId: question.conversationId,
    parentId: question.id,
    role: 'assistant',
    content,
    createdAt,
    modelId: described.captionerId,
    generation: { finishReason: 'stop', droppedTurns: 0, device: described.device ?? 'wasm' },
  });
}
