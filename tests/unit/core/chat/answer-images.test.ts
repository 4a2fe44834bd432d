// An image in chat reaches a text-only chat model as its description: runAnswer on the real
// fixture GPT-2 (transformers.js, CPU) with a stored user message that carries a captioned
// image, and the turns the engine was given hold "[Image: name]" and the caption before the
// question; the answer is the engine's own greedy answer to exactly those turns.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { runAnswer } from '../../../../src/core/chat/answer';
import { addMessage, createConversation, type ChatMessage } from '../../../../src/storage';
import { answerRequest, engineBackend } from './engine-backend';
import { FIXTURE_LM, useFixtureLm } from './fixture-lm';

const entry = FIXTURE_LM;
const lm = useFixtureLm();

describe('runAnswer with images', () => {
  it('gives the chat model each image as its description, before the question', async () => {
    await createConversation({ id: 'c-img', title: 'Images', now: 1_000 });
    const question: ChatMessage = {
      id: 'c-img-m0',
      conversationId: 'c-img',
      parentId: null,
      role: 'user',
      content: 'What?',
      createdAt: 1_001,
      attachments: [
        {
          name: 'scene.png',
          mimeType: 'image/png',
          data: new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }),
          caption: { text: 'a red sun', modelId: 'omnia-fixture-captioner' },
        },
      ],
    };
    await addMessage(question);
    const backend = engineBackend(lm.chat);
    const outcome = await runAnswer(
      backend,
      answerRequest([question], {
        systemPrompt: 'Be brief.',
        modelId: entry.id,
        params: { temperature: 0, topP: 0.9, maxNewTokens: 8 },
      }),
    );
    const turns = [
      { role: 'system' as const, content: 'Be brief.' },
      { role: 'user' as const, content: '[Image: scene.png]\nDescription: a red sun\n\nWhat?' },
    ];
    expect(outcome.error).toBeNull();
    expect(backend.requests[0]?.turns).toEqual(turns);
    const direct = await lm.chat.generate(turns, { maxNewTokens: 8 });
    expect(outcome.result?.tokenIds).toEqual(direct.tokenIds);
  });
});
