// People rate answers with stars; those ratings are worth more outside Omnia, as data to
// fine-tune or evaluate a model elsewhere. This turns rated turns into prompt/answer
// pairs and writes them as JSONL, the format fine-tuning tools read line by line.
import type { ChatMessage } from '../../storage';

/** A rated answer with the user message it answers. */
export interface RatedExchange {
  /** content of the assistant message's parent (the user message it answers) */
  prompt: string;
  answer: string;
  rating: 1 | 2 | 3 | 4 | 5;
  /** only when non-empty */
  comment?: string;
  /** modelId */
  model: string | null;
  /** personaId */
  persona: string | null;
  conversationId: string;
  messageId: string;
  /** ISO 8601 */
  createdAt: string;
}

/** Every rated assistant message whose parent is a user message; ordered by createdAt. */
export function ratedExchanges(messages: readonly ChatMessage[]): RatedExchange[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const rows: { at: number; row: RatedExchange }[] = [];
  for (const message of messages) {
    if (message.role !== 'assistant' || message.rating === undefined) continue;
    const parent = message.parentId === null ? undefined : byId.get(message.parentId);
    if (parent?.role !== 'user') continue;
    const comment = message.rating.comment?.trim() ?? '';
    rows.push({
      at: message.createdAt,
      row: {
        prompt: parent.content,
        answer: message.content,
        rating: message.rating.stars,
        ...(comment === '' ? {} : { comment }),
        model: message.modelId ?? null,
        persona: message.personaId ?? null,
        conversationId: message.conversationId,
        messageId: message.id,
        createdAt: new Date(message.createdAt).toISOString(),
      },
    });
  }
  return rows.sort((a, b) => a.at - b.at).map((r) => r.row);
}

/**
 * JSON.stringify leaves U+2028/U+2029 raw; some line readers (Python's splitlines, for
 * one) treat them as line breaks, which would split a record. Escaped, they still parse.
 */
const LINE_SEPARATORS = /[\u2028\u2029]/g;

/** One JSON object per line, each line terminated by '\n'; '' for no rows. */
export function toJsonl(rows: readonly RatedExchange[]): string {
  return rows
    .map(
      (row) =>
        JSON.stringify(row).replace(LINE_SEPARATORS, (c) => `\\u${c.charCodeAt(0).toString(16)}`) +
        '\n',
    )
    .join('');
}
