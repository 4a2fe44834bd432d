// runAnswer end to end on the real engine: the fixture GPT-2 through transformers.js on the
// CPU behind a recording ChatBackend, and storage on fake-indexeddb. Greedy decoding is
// deterministic, so the stored answer can be held to the numpy reference ids and to direct
// engine calls on exactly the turns the engine was given; only failures of the dependency
// (the backend throwing) are staged.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { runAnswer, type AnswerRequest } from '../../../../src/core/chat/answer';
import { modelTitle } from '../../../../src/core/chat/auto-title';
import { ContextOverflowError, type FitResult } from '../../../../src/core/chat/context-fit';
import { EngineError } from '../../../../src/models/engines/errors';
import type { ChatTurn } from '../../../../src/models/engines/types';
import { getConversation, listMessages, type ChatMessage } from '../../../../src/storage';
import {
  answerRequest,
  engineBackend,
  failingAfter,
  rejectingOnAbort,
  seedConversation,
  storedAnswer,
  type RecordingBackend,
} from './engine-backend';
import { fixtureChat, FIXTURE_LM, useFixtureLm } from './fixture-lm';

const entry = FIXTURE_LM;
const { prompt, expectedIds, system: SYSTEM, user: USER } = fixtureChat();
const WINDOW = 128;

const lm = useFixtureLm();

const requestFor = (path: readonly ChatMessage[], overrides: Partial<AnswerRequest> = {}) =>
  answerRequest(path, { systemPrompt: SYSTEM, modelId: entry.id, ...overrides });

/** Greedy ids of a direct engine call, to compare runAnswer's answer with. */
async function directIds(turns: readonly ChatTurn[], maxNewTokens: number): Promise<number[]> {
  return (await lm.chat.generate(turns, { maxNewTokens })).tokenIds ?? [];
}

describe('runAnswer on the fixture model', () => {
  it('answers a stored message with the reference greedy ids and stores the finished answer', async () => {
    expect(prompt.messages.map((t) => t.role)).toEqual(['system', 'user']);
    const path = await seedConversation('c1', [{ role: 'user', content: USER }]);
    const backend = engineBackend(lm.chat);
    const events: string[] = [];
    const texts: string[] = [];
    const outcome = await runAnswer(backend, requestFor(path), {
      onStart: (message) => events.push(`start:${message.content}`),
      onToken: (text) => {
        events.push('token');
        texts.push(text);
      },
    });

    expect(outcome.error).toBeNull();
    expect(outcome.result?.tokenIds).toEqual(expectedIds);
    expect(events).toEqual(['start:', ...expectedIds.map(() => 'token')]);
    expect(backend.requests).toEqual([
      { turns: prompt.messages, maxNewTokens: 50, temperature: 0, topP: 0.9 },
    ]);
    const stored = await storedAnswer('c1');
    expect(stored).toEqual(outcome.message);
    expect(stored).toMatchObject({
      role: 'assistant',
      parentId: path[0]?.id,
      content: outcome.result?.text,
      modelId: entry.id,
      personaId: 'default',
      params: { temperature: 0, topP: 0.9, maxNewTokens: 50 },
      tokens: { prompt: prompt.input_ids.length, completion: expectedIds.length },
      generation: {
        finishReason: 'stop',
        droppedTurns: 0,
        device: 'cpu',
        applied: { maxNewTokens: 50, temperature: 0, topP: null },
      },
    });
    expect(stored.content.length).toBeGreaterThan(0);
    expect(texts.join('')).toBe(stored.content);
    expect(stored.createdAt).toBeGreaterThan(path[0]?.createdAt ?? Infinity);
    expect(stored.timings?.firstTokenMs).toBeGreaterThan(0);
    expect(stored.timings?.totalMs).toBeGreaterThanOrEqual(stored.timings?.firstTokenMs ?? 0);
    expect((await getConversation('c1'))?.leafId).toBe(stored.id);
  });

  it('hands the generated result over while it is stored: the write has started, runAnswer has not returned', async () => {
    const path = await seedConversation('c-generated', [{ role: 'user', content: USER }]);
    const seen: { text: string; storedFinish: unknown; returned: boolean }[] = [];
    const pending: Promise<void>[] = [];
    let returned = false;
    const outcome = await runAnswer(engineBackend(lm.chat), requestFor(path), {
      onGenerated: (result) => {
        const shownBeforeReturn = !returned;
        // A read made now queues behind the final write (IndexedDB keeps their order), so
        // whatever reads storage after the view showed the text finds it stored too.
        pending.push(
          storedAnswer('c-generated').then((stored) => {
            seen.push({
              text: result.text,
              storedFinish: stored.generation?.finishReason,
              returned: !shownBeforeReturn,
            });
          }),
        );
      },
    });
    returned = true;
    await Promise.all(pending);
    expect(seen).toEqual([{ text: outcome.result?.text, storedFinish: 'stop', returned: false }]);
    expect(outcome.message.generation?.finishReason).toBe('stop');
  });

  it('sends the persona as the first turn, and the answer follows it', async () => {
    const personas = ['You are a pirate.', 'Você é um poeta.'];
    const answers: number[][] = [];
    for (const [i, persona] of personas.entries()) {
      const path = await seedConversation(`p${i}`, [{ role: 'user', content: USER }]);
      const backend = engineBackend(lm.chat);
      const outcome = await runAnswer(
        backend,
        requestFor(path, { systemPrompt: persona, personaId: `persona-${i}` }),
      );
      const turns = [
        { role: 'system', content: persona },
        { role: 'user', content: USER },
      ] as const;
      expect(backend.requests[0]?.turns).toEqual(turns);
      expect(outcome.result?.tokenIds).toEqual(await directIds(turns, 50));
      expect((await storedAnswer(`p${i}`)).personaId).toBe(`persona-${i}`);
      answers.push(outcome.result?.tokenIds ?? []);
    }
    expect(answers[0]).not.toEqual(answers[1]);
  });

  it('drops the oldest turns to fit the window, keeping the system prompt and the new message', async () => {
    const history: ChatTurn[] = Array.from({ length: 31 }, (_, i) =>
      i % 2 === 0
        ? { role: 'user', content: `question ${i}: the cat sat on the mat` }
        : { role: 'assistant', content: `answer ${i}: a dog ran in the park` },
    );
    const path = await seedConversation('long', history);
    const backend = engineBackend(lm.chat);
    let fit: FitResult | undefined;
    const outcome = await runAnswer(
      backend,
      requestFor(path, { params: { temperature: 0, topP: 1, maxNewTokens: 16 } }),
      { onStart: (_message, _info, f) => (fit = f) },
    );

    expect(outcome.error).toBeNull();
    const sent = backend.requests[0]?.turns ?? [];
    const kept = sent.length - 1;
    expect(sent[0]).toEqual({ role: 'system', content: SYSTEM });
    expect(sent.at(-1)).toEqual(history.at(-1));
    expect(sent[1]?.role).toBe('user');
    expect(sent.slice(1)).toEqual(history.slice(history.length - kept));
    const stored = await storedAnswer('long');
    expect(stored.generation?.droppedTurns).toBe(history.length - kept);
    expect(stored.generation?.droppedTurns).toBeGreaterThan(0);
    const budget = WINDOW - 16;
    expect(stored.tokens?.prompt).toBeLessThanOrEqual(budget);
    expect(stored.tokens?.prompt).toBe(fit?.promptTokens);
    // The newest turns that fit: the next older start (a user turn two back) would not.
    const start = history.length - kept;
    const older = [sent[0] ?? { role: 'system', content: SYSTEM }, ...history.slice(start - 2)];
    expect(await lm.chat.tokens?.countPrompt(older)).toBeGreaterThan(budget);
    expect(outcome.result?.tokenIds).toEqual(await directIds(sent, 16));
  });

  it('refuses a message longer than the window and stores no answer', async () => {
    const path = await seedConversation('overflow', [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
      { role: 'user', content: 'the cat sat on the mat '.repeat(40) },
    ]);
    const backend = engineBackend(lm.chat);
    const error: unknown = await runAnswer(backend, requestFor(path)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContextOverflowError);
    expect(error).toMatchObject({ available: WINDOW - 50 });
    expect((error as ContextOverflowError).needed).toBeGreaterThan(WINDOW);
    expect(backend.requests).toEqual([]);
    expect((await listMessages('overflow')).map((m) => m.id)).toEqual(path.map((m) => m.id));
    expect((await getConversation('overflow'))?.leafId).toBe(path.at(-1)?.id);
  });

  it('keeps exactly what was streamed when stopped mid-answer', async () => {
    const full = await lm.chat.generate(prompt.messages, { maxNewTokens: 50 });
    expect(full.completionTokens).toBeGreaterThan(3);
    const path = await seedConversation('abort', [{ role: 'user', content: USER }]);
    const controller = new AbortController();
    const texts: string[] = [];
    const onToken = (text: string): void => {
      texts.push(text);
      if (texts.length === 3) controller.abort();
    };
    const backend = engineBackend(lm.chat);
    const outcome = await runAnswer(backend, requestFor(path), { onToken }, controller.signal);

    expect(outcome.error).toBeNull();
    expect(texts).toHaveLength(3);
    const stored = await storedAnswer('abort');
    expect(stored).toEqual(outcome.message);
    expect(stored.content).toBe(texts.join(''));
    expect(full.text.startsWith(stored.content)).toBe(true);
    expect(stored.generation).toMatchObject({ finishReason: 'aborted', droppedTurns: 0 });
    expect(stored.tokens?.completion).toBe(3);
  });

  it('fits with the estimate, counting nothing, when the backend has no tokenizer', async () => {
    const path = await seedConversation('estimate', [{ role: 'user', content: USER }]);
    const backend = engineBackend(lm.chat, { countsTokens: false });
    let fit: FitResult | undefined;
    const outcome = await runAnswer(backend, requestFor(path), {
      onStart: (_message, info, f) => {
        expect(info.countsTokens).toBe(false);
        fit = f;
      },
    });

    expect(backend.counts).toEqual({ countTokens: 0, countPromptTokens: 0 });
    const estimate = prompt.messages.reduce(
      (sum, t) => sum + Math.ceil(t.content.length / 3) + 8,
      0,
    );
    expect(fit?.promptTokens).toBe(estimate);
    expect(outcome.error).toBeNull();
    expect(outcome.result?.tokenIds).toEqual(expectedIds);
    expect((await storedAnswer('estimate')).tokens?.prompt).toBe(prompt.input_ids.length);
  });
});

describe('runAnswer saving while it streams', () => {
  /** Reads the stored answer's content at every token (reads queue behind earlier writes). */
  async function streamWithSnapshots(id: string, overrides: Partial<AnswerRequest>) {
    const path = await seedConversation(id, [{ role: 'user', content: USER }]);
    const reads: Promise<string | undefined>[] = [];
    const outcome = await runAnswer(engineBackend(lm.chat), requestFor(path, overrides), {
      onToken: () => {
        reads.push(listMessages(id).then((ms) => ms.find((m) => m.role === 'assistant')?.content));
      },
    });
    return { outcome, snapshots: await Promise.all(reads) };
  }

  it('saves the growing answer as tokens come when saveEveryMs is 0', async () => {
    const { outcome, snapshots } = await streamWithSnapshots('saves', { saveEveryMs: 0 });
    const final = outcome.message.content;
    expect(snapshots).toHaveLength(expectedIds.length);
    for (const snapshot of snapshots) expect(final.startsWith(snapshot ?? '\0')).toBe(true);
    const partial = snapshots.filter((s) => s !== undefined && s !== '' && s !== final);
    expect(partial.length).toBeGreaterThan(0);
    expect((await storedAnswer('saves')).content).toBe(final);
  });

  it('does not save mid-stream before saveEveryMs has passed', async () => {
    const { outcome, snapshots } = await streamWithSnapshots('no-saves', {
      saveEveryMs: 500,
      now: () => 50_000,
    });
    expect(snapshots).toEqual(expectedIds.map(() => ''));
    expect((await storedAnswer('no-saves')).content).toBe(outcome.message.content);
  });

  it('stores the partial answer, marked as an error, when the backend fails mid-stream', async () => {
    const path = await seedConversation('fails', [{ role: 'user', content: USER }]);
    const streamed: string[] = [];
    const backend = failingAfter(engineBackend(lm.chat), 3, 'The GPU device was lost');
    const outcome = await runAnswer(backend, requestFor(path, { saveEveryMs: 0 }), {
      onToken: (text) => streamed.push(text),
    });

    expect(outcome.result).toBeNull();
    expect(outcome.error?.message).toBe('The GPU device was lost');
    expect(streamed).toHaveLength(3);
    const stored = await storedAnswer('fails');
    expect(stored).toEqual(outcome.message);
    expect(stored.content).toBe(streamed.join(''));
    expect(stored.generation).toEqual({
      finishReason: 'error',
      droppedTurns: 0,
      device: 'cpu',
      error: 'The GPU device was lost',
    });
    expect(stored.tokens).toBeUndefined();
  });
});

describe('runAnswer stopped through a backend that rejects at once (the worker client)', () => {
  /** Stops after the third token; `lateTokens` more still reach onToken, as from a worker. */
  async function stopAfterThree(id: string, lateTokens: number) {
    const path = await seedConversation(id, [{ role: 'user', content: USER }]);
    const controller = new AbortController();
    const texts: string[] = [];
    const afterStop: string[] = [];
    const backend = rejectingOnAbort(engineBackend(lm.chat), lateTokens);
    const outcome = await runAnswer(
      backend,
      requestFor(path, { saveEveryMs: 0 }),
      {
        onToken: (text) => {
          (controller.signal.aborted ? afterStop : texts).push(text);
          if (texts.length === 3) controller.abort();
        },
      },
      controller.signal,
    );
    await Promise.all(backend.settled);
    // Let any save those tokens queued reach the database before reading it back.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { trailing } = backend;
    return { outcome, texts, afterStop, trailing, stored: await storedAnswer(id) };
  }

  it("stores what was streamed as 'aborted', not as an error", async () => {
    const { outcome, texts, afterStop, trailing, stored } = await stopAfterThree('reject-abort', 0);
    expect(outcome.error).toBeNull();
    expect(outcome.result).toBeNull();
    expect([texts.length, afterStop.length, trailing.length]).toEqual([3, 0, 0]);
    expect(stored).toEqual(outcome.message);
    expect(stored.content).toBe(texts.join(''));
    expect(stored.generation).toEqual({ finishReason: 'aborted', droppedTurns: 0, device: 'cpu' });
  });

  // Known bug in answer.ts (reported, not fixed here): onToken keeps appending and saving
  // after generate() has rejected, so tokens the worker streams after the stop overwrite the
  // finished answer. Flip to it() once runAnswer ignores tokens once it has settled.
  it('keeps the stored answer as returned when tokens trail the stop', async () => {
    const { outcome, texts, trailing, stored } = await stopAfterThree('late-tokens', 6);
    expect(trailing.join('')).not.toBe(''); // the trailing tokens did carry text
    expect(outcome.message.content).toBe(texts.join(''));
    expect(stored.content).toBe(outcome.message.content);
  });
});

describe('modelTitle on the fixture model', () => {
  const exchange = { user: USER, assistant: 'Estou bem, obrigado!' } as const;

  it('returns null, not a throw, when the engine rejects the title prompt', async () => {
    for (const locale of ['en', 'pt-BR'] as const) {
      const backend = engineBackend(lm.chat);
      expect(await modelTitle(backend, entry.id, { ...exchange, locale })).toBeNull();
      // The title instruction alone is longer than the fixture's 128-token window.
      const [outcome] = backend.outcomes;
      expect(outcome?.ok).toBe(false);
      if (outcome && !outcome.ok) expect(outcome.error).toBeInstanceOf(EngineError);
    }
  });

  it("never returns the random-weight model's noise as a title", async () => {
    const real = engineBackend(lm.chat);
    // The title turns do not fit this model, so it answers the reference prompt instead.
    const backend: RecordingBackend = {
      ...real,
      generate: (modelId, request, options) =>
        real.generate(modelId, { ...request, turns: prompt.messages }, options),
    };
    const title = await modelTitle(backend, entry.id, { ...exchange, locale: 'en' });
    const [raw] = real.outcomes;
    expect(raw?.ok).toBe(true);
    // eslint-disable-next-line no-control-regex -- the noise is control characters
    if (raw?.ok) expect(raw.text).toMatch(/[\u0000-\u001F\uFFFD]/u);
    expect(title).toBeNull();
  });
});
