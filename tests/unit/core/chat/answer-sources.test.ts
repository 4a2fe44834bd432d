// Library passages in a real answer: the fixture GPT-2 (128-token window) on the CPU, storage
// on fake-indexeddb. The window is small on purpose: it holds one or two short passages, so
// the test sees the lowest-ranked passages dropped, the citations follow exactly what the
// model was given, and the answer is the engine's own answer to that very prompt.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { runAnswer, type AnswerSources } from '../../../../src/core/chat/answer';
import { ContextOverflowError } from '../../../../src/core/chat/context-fit';
import type { CitedPassage } from '../../../../src/core/rag/types';
import type { ChatTurn } from '../../../../src/models/engines/types';
import { answerRequest, engineBackend, seedConversation, storedAnswer } from './engine-backend';
import { FIXTURE_LM, useFixtureLm } from './fixture-lm';

const entry = FIXTURE_LM;
const lm = useFixtureLm();
const WINDOW = 128;
const SYSTEM = 'Be brief.';
const INSTRUCTIONS = 'Use the sources. Cite like [1].';

function passage(index: number, text: string, page: number): CitedPassage {
  return {
    index,
    chunkId: `doc-1:${index}`,
    documentId: 'doc-1',
    documentName: 'report.pdf',
    text,
    page,
    score: 1 / index,
  };
}

const quote = (passages: readonly CitedPassage[]): string =>
  passages.map((p) => `[${p.index}] "${p.text}"`).join('\n');

function sources(passages: CitedPassage[]): AnswerSources {
  return { passages, instructions: INSTRUCTIONS, quote };
}

describe('runAnswer with Library sources', () => {
  it('quotes the best passages that fit, stores them as citations, and answers that prompt', async () => {
    const path = await seedConversation('rag', [{ role: 'user', content: 'the cat?' }]);
    const backend = engineBackend(lm.chat);
    const passages = [
      passage(1, 'the cat sat on the mat', 2),
      { ...passage(2, 'a dog ran in the park', 3), time: [65, 90] as [number, number] },
      passage(3, 'the cat sat on the mat and a dog ran in the park '.repeat(3), 1),
    ];
    const maxNewTokens = 16;
    const outcome = await runAnswer(
      backend,
      answerRequest(path, {
        modelId: entry.id,
        systemPrompt: SYSTEM,
        params: { temperature: 0, topP: 1, maxNewTokens },
        sources: sources(passages),
      }),
    );

    expect(outcome.error).toBeNull();
    const sent = backend.requests[0]?.turns ?? [];
    expect(sent[0]).toEqual({ role: 'system', content: `${SYSTEM}\n\n${INSTRUCTIONS}` });
    const stored = await storedAnswer('rag');
    const included = stored.citations ?? [];
    expect(included.map((c) => c.index)).toEqual([1, 2]);
    expect(included[0]).toMatchObject({ chunkId: 'doc-1:1', page: 2, text: passages[0]?.text });
    expect(included[0]?.time).toBeUndefined();
    expect(included[1]).toMatchObject({ chunkId: 'doc-1:2', time: [65, 90] });
    expect(sent.at(-1)).toEqual({
      role: 'user',
      content: `${quote(passages.slice(0, 2))}\n\nthe cat?`,
    });
    // The third passage was left out because it does not fit, not by accident.
    const withThird: ChatTurn[] = [
      sent[0] ?? { role: 'system', content: '' },
      { role: 'user', content: `${quote(passages)}\n\nthe cat?` },
    ];
    expect(await lm.chat.tokens?.countPrompt(withThird)).toBeGreaterThan(WINDOW - maxNewTokens);
    const direct = await lm.chat.generate(sent, { maxNewTokens });
    expect(outcome.result?.tokenIds).toEqual(direct.tokenIds);
  });

  it('answers without sources, and cites nothing, when not even one passage fits', async () => {
    const path = await seedConversation('tight', [{ role: 'user', content: 'the cat?' }]);
    const backend = engineBackend(lm.chat);
    const huge = passage(1, 'the cat sat on the mat '.repeat(30), 4);
    await runAnswer(
      backend,
      answerRequest(path, { modelId: entry.id, systemPrompt: SYSTEM, sources: sources([huge]) }),
    );
    expect(backend.requests[0]?.turns).toEqual([
      { role: 'system', content: SYSTEM },
      { role: 'user', content: 'the cat?' },
    ]);
    expect((await storedAnswer('tight')).citations).toBeUndefined();
  });

  it('still refuses a message that does not fit on its own', async () => {
    const path = await seedConversation('long', [
      { role: 'user', content: 'the cat sat on the mat '.repeat(40) },
    ]);
    const error: unknown = await runAnswer(
      engineBackend(lm.chat),
      answerRequest(path, {
        modelId: entry.id,
        systemPrompt: SYSTEM,
        sources: sources([passage(1, 'a dog', 1)]),
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContextOverflowError);
  });
});
