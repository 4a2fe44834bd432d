// A conversation is titled from its first message at once; once the first answer is in, the
// loaded model may write a better title. Its output is untrusted (random-weight test models
// write noise), so a title that does not clean up leaves the text title in place.
import type { Locale } from '../locale';
import type { ChatBackend } from './answer';
import { cleanModelTitle, titlePromptTurns } from './titles';

const TITLE_MAX_NEW_TOKENS = 16;

/** The model's title for the exchange, or null (no usable title, or it failed). */
export async function modelTitle(
  backend: Pick<ChatBackend, 'generate'>,
  modelId: string,
  exchange: { user: string; assistant: string; locale: Locale },
  signal?: AbortSignal,
): Promise<string | null> {
  try {
    const result = await backend.generate(
      modelId,
      {
        turns: titlePromptTurns(exchange.user, exchange.assistant, exchange.locale),
        maxNewTokens: TITLE_MAX_NEW_TOKENS,
        temperature: 0,
      },
      signal ? { signal } : {},
    );
    return cleanModelTitle(result.text);
  } catch {
    // A title is a nicety: a failure here must never disturb the conversation.
    return null;
  }
}
