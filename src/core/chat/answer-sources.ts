// Answers that use the Library (C4): the retrieved passages go into the prompt as quoted
// data in the person's last turn, never as instructions, and the ones that made it in become
// the answer's citations. A model with a small window gets fewer passages rather than an
// error: the lowest-ranked passage goes first, and only when none fits does the message
// itself have to be too long.
import type { MessageCitation } from '../../storage';
import type { CitedPassage } from '../rag/types';
import {
  answerReserve,
  ContextOverflowError,
  fitToContext,
  type FitResult,
  type TokenCounter,
  type Turn,
} from './context-fit';

/** Library passages for one answer, and how to put them in the prompt. */
export interface AnswerSources {
  /** Best first; numbered as the answer will cite them. */
  passages: readonly CitedPassage[];
  /** Added to the system prompt when at least one passage is included. */
  instructions: string;
  /** The included passages as quoted data, placed before the question in the last user turn. */
  quote: (passages: readonly CitedPassage[]) => string;
}

export interface SourcedFit {
  fit: FitResult;
  /** The passages that fit, as the stored message's citations. */
  citations: MessageCitation[];
}

function citationOf(passage: CitedPassage): MessageCitation {
  return {
    index: passage.index,
    documentId: passage.documentId,
    chunkId: passage.chunkId,
    documentName: passage.documentName,
    text: passage.text,
    ...(passage.page !== undefined ? { page: passage.page } : {}),
    ...(passage.sheet !== undefined ? { sheet: passage.sheet } : {}),
    ...(passage.rows !== undefined ? { rows: passage.rows } : {}),
    ...(passage.section !== undefined ? { section: passage.section } : {}),
    ...(passage.time !== undefined ? { time: passage.time } : {}),
  };
}

/** The history with the quoted passages put before the last user turn's text. */
function withQuotedSources(history: readonly Turn[], quoted: string): Turn[] {
  const last = history[history.length - 1];
  if (!last || last.role !== 'user') return [...history];
  return [...history.slice(0, -1), { role: 'user', content: `${quoted}\n\n${last.content}` }];
}

/**
 * Fits the history (see fitToContext) with as many of the best passages as the window holds.
 * @throws ContextOverflowError when even the message alone, with no passage, does not fit.
 */
export async function fitWithSources(input: {
  system: string;
  history: readonly Turn[];
  contextWindow: number;
  maxNewTokens: number;
  counter: TokenCounter;
  sources: AnswerSources | undefined;
}): Promise<SourcedFit> {
  const reserve = answerReserve(input.maxNewTokens, input.contextWindow);
  const base = {
    contextWindow: input.contextWindow,
    reserve,
    counter: input.counter,
  };
  const passages = input.sources?.passages ?? [];
  for (let count = passages.length; count > 0 && input.sources; count--) {
    const included = passages.slice(0, count);
    const system = [input.system, input.sources.instructions].filter(Boolean).join('\n\n');
    try {
      const fit = await fitToContext({
        ...base,
        system,
        history: withQuotedSources(input.history, input.sources.quote(included)),
      });
      return { fit, citations: included.map(citationOf) };
    } catch (error) {
      if (!(error instanceof ContextOverflowError)) throw error;
    }
  }
  const fit = await fitToContext({ ...base, system: input.system, history: input.history });
  return { fit, citations: [] };
}
