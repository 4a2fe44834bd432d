// Images in chat reach a text-only chat model as text: each attached image becomes
// "[Image: name]" with what the image-to-text model said, placed before the person's words in
// that user turn: its description, or, when a vision-language model read the question, its
// answer labelled as such (so the chat model knows it is an answer from a model that saw the
// image, not a neutral description). The stored message keeps the image; only the prompt is text.
import type { ChatMessage } from '../../storage';

type Attachment = NonNullable<ChatMessage['attachments']>[number];

/** One image as the chat model reads it; without a caption, only its name. */
export function imageAsText(attachment: Attachment): string {
  const head = `[Image: ${attachment.name}]`;
  const caption = attachment.caption?.text.trim();
  if (!caption) return head;
  const question = attachment.caption?.question?.trim();
  if (question) return `${head}\nAsked "${question}", the image model answered: ${caption}`;
  return `${head}\nDescription: ${caption}`;
}

/**
 * What a message says to the chat model: its text, after its images' descriptions.
 * @example turnContent({ content: 'What is this?', attachments: [{ name: 'a.png', caption: { text: 'a red square' } }] })
 *   // '[Image: a.png]\nDescription: a red square\n\nWhat is this?'
 */
export function turnContent(message: Pick<ChatMessage, 'content' | 'attachments'>): string {
  const images = (message.attachments ?? [])
    .filter((a) => a.mimeType.startsWith('image/'))
    .map(imageAsText);
  if (images.length === 0) return message.content;
  return [...images, message.content].filter((part) => part.trim() !== '').join('\n\n');
}

/**
 * The answer when no chat model is there to write one: the image-to-text model's own words.
 * One image gives its caption alone; several give one "name: caption" line each.
 */
export function captionsAsAnswer(attachments: readonly Attachment[]): string {
  const described = attachments.filter((a) => a.caption?.text.trim());
  if (described.length === 1) return described[0]?.caption?.text.trim() ?? '';
  return described.map((a) => `${a.name}: ${a.caption?.text.trim() ?? ''}`).join('\n\n');
}
