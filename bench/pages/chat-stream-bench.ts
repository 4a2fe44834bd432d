/**
 * Runs in the browser: streaming overhead of a whole chat turn. The app's path is the real
 * one end to end — a stored conversation and user message, core/chat/answer.ts's runAnswer
 * through the inference worker (an RPC per token), the answer saved while it grows, the text
 * re-rendered once per animation frame through the app's markdown renderer (as
 * chat-answer.svelte.ts flushes it into MarkdownView), and the final text shown from the live
 * stored message (as the chat view does once streaming ends). The bare path is plain
 * transformers.js on this page's main thread, generating the same tokens from the same turns
 * with a TextStreamer. Two more paths tell where a gap comes from: the app's worker asked for
 * the same answer without per-token callbacks (its own timings), and the app's engine adapter
 * called on this thread (no worker, no storage, no DOM).
 * bench/chat-stream.bench.ts drives it and computes the rates.
 */
import {
  pipeline,
  TextStreamer,
  type Message,
  type TextGenerationPipeline,
} from '@huggingface/transformers';
import { renderMarkdown } from '../../src/app/markdown/render-markdown';
import { runAnswer } from '../../src/core/chat/answer';
import { getModel } from '../../src/models/catalog';
import { loadTransformersChat } from '../../src/models/engines/transformers/transformers-chat';
import { configureTransformers } from '../../src/models/engines/transformers/transformers-env';
import type { ChatEngine, ChatTurn } from '../../src/models/engines/types';
import {
  addMessage,
  createConversation,
  watchConversation,
  type ChatMessage,
} from '../../src/storage';
import { createInferenceClient, type InferenceClient } from '../../src/workers/inference-client';
import { bareFixtureOptions, installFixture, ORT_URL } from './fixture-page';

const SYSTEM_PROMPT = 'Be brief.';
// Short (the fixture holds 128 tokens, 100 of them for the answer), and one that the
// fixture's random weights answer at full length instead of stopping early.
const USER_PROMPT = 'Tell a joke';
const PARAMS = { temperature: 0, topP: 0.9, maxNewTokens: 100 };
const TURNS: ChatTurn[] = [
  { role: 'system', content: SYSTEM_PROMPT },
  { role: 'user', content: USER_PROMPT },
];

export const PATHS = ['app', 'silent', 'engine', 'bare'] as const;
export type PathName = (typeof PATHS)[number];

/** One streamed answer, timed on this page's main thread. */
export interface StreamRun {
  tokens: number;
  /** From the call to the first token's arrival on this thread. */
  firstTokenMs: number;
  /** First token → last token, as they arrive on this thread. */
  lastTokenMs: number;
  /** First token → end: for the app, final text rendered and stored; else the last token. */
  streamMs: number;
  /** App only: the engine's own decode rate inside the worker (result.timings). */
  workerTokensPerSecond: number | null;
  /** App only: markdown renders during the stream (one per animation frame at most). */
  renders: number;
  ids: number[];
  text: string;
}

export interface ChatStreamResult {
  installMs: number;
  promptTokens: number;
  /** Whether the app sent the model exactly the turns the other paths use. */
  turnsMatch: boolean;
  /** Every run per path in order, warm-ups first. */
  runs: Record<PathName, StreamRun[]>;
}

/** Arrival times of tokens on this thread. */
class Clock {
  readonly start = performance.now();
  first: number | null = null;
  last = 0;
  tick(): void {
    this.last = performance.now();
    this.first ??= this.last;
  }
  run(ids: number[], text: string, end = this.last, extra: Partial<StreamRun> = {}): StreamRun {
    const first = this.first ?? end;
    return {
      tokens: ids.length,
      firstTokenMs: first - this.start,
      lastTokenMs: this.last - first,
      streamMs: end - first,
      workerTokensPerSecond: null,
      renders: 0,
      ids,
      text,
      ...extra,
    };
  }
}

const seen: { promptTokens: number; turns: ChatTurn[] } = { promptTokens: 0, turns: [] };

/** One turn through the app: storage, runAnswer over the worker, per-frame markdown. */
async function appTurn(
  client: InferenceClient,
  modelId: string,
  view: Element,
): Promise<StreamRun> {
  const now = Date.now();
  const conversationId = crypto.randomUUID();
  await createConversation({ id: conversationId, title: 'bench', now });
  const user: ChatMessage = {
    id: crypto.randomUUID(),
    conversationId,
    parentId: null,
    role: 'user',
    content: USER_PROMPT,
    createdAt: now,
  };
  await addMessage(user);
  view.replaceChildren();
  let answerId: string | null = null;
  let text = '';
  let frame = 0;
  let renders = 0;
  let shown: (at: number) => void = () => {};
  const finalShown = new Promise<number>((resolve) => (shown = resolve));
  const flush = (): void => {
    frame = 0;
    view.innerHTML = renderMarkdown(text).html;
    renders++;
  };
  // The chat view shows the stored message once streaming ends: watch it as the view does.
  const stop = watchConversation(conversationId, (snapshot) => {
    const stored = snapshot.messages.find((m) => m.id === answerId);
    if (stored?.generation === undefined) return;
    cancelAnimationFrame(frame);
    view.innerHTML = renderMarkdown(stored.content).html;
    shown(performance.now());
  });
  const clock = new Clock();
  try {
    const outcome = await runAnswer(
      client,
      {
        parent: user,
        path: [user],
        systemPrompt: SYSTEM_PROMPT,
        personaId: 'bench',
        params: PARAMS,
        modelId,
        device: 'wasm',
        newId: () => crypto.randomUUID(),
        now: () => Date.now(),
      },
      {
        onStart: (message, _info, fit) => {
          answerId = message.id;
          seen.turns = fit.turns;
        },
        onToken: (piece) => {
          clock.tick();
          text += piece;
          frame ||= requestAnimationFrame(flush);
        },
      },
    );
    const stored = performance.now();
    const { result } = outcome;
    if (!result || outcome.error) throw outcome.error ?? new Error('the answer failed');
    const end = Math.max(stored, await finalShown);
    if (view.innerHTML !== renderMarkdown(result.text).html) {
      throw new Error('the rendered answer is not the generated text');
    }
    seen.promptTokens = result.promptTokens;
    return clock.run(result.tokenIds ?? [], result.text, end, {
      workerTokensPerSecond: result.timings.tokensPerSecond,
      renders,
    });
  } finally {
    stop();
  }
}

/** The app's worker asked for the same answer without per-token callbacks (its own timings). */
async function silentTurn(client: InferenceClient, modelId: string): Promise<StreamRun> {
  const clock = new Clock();
  const result = await client.generate(modelId, { turns: TURNS, ...PARAMS });
  const { firstTokenMs, totalMs, tokensPerSecond } = result.timings;
  return clock.run(result.tokenIds ?? [], result.text, clock.start, {
    firstTokenMs: firstTokenMs ?? totalMs,
    lastTokenMs: totalMs - (firstTokenMs ?? totalMs),
    streamMs: totalMs - (firstTokenMs ?? totalMs),
    workerTokensPerSecond: tokensPerSecond,
  });
}

/** The app's engine adapter on this thread: what it adds before any worker or storage. */
async function engineTurn(chat: ChatEngine): Promise<StreamRun> {
  const clock = new Clock();
  const result = await chat.generate(TURNS, { ...PARAMS, onToken: () => clock.tick() });
  return clock.run(result.tokenIds ?? [], result.text);
}

/** The same turn with transformers.js alone, streamed on this thread. */
async function bareTurn(
  generator: TextGenerationPipeline,
  maxNewTokens: number,
): Promise<StreamRun> {
  const clock = new Clock();
  const ids: number[] = [];
  let text = '';
  const { tokenizer, model } = generator;
  const messages: Message[] = TURNS.map((t) => ({ role: t.role, content: t.content }));
  const inputs = tokenizer.apply_chat_template(messages, {
    add_generation_prompt: true,
    return_dict: true,
  });
  const streamer = new TextStreamer(tokenizer, {
    skip_prompt: true,
    skip_special_tokens: true,
    callback_function: (piece: string) => (text += piece),
    token_callback_function: (tokens: bigint[]) => {
      clock.tick();
      ids.push(Number(tokens[0]));
    },
  });
  await model.generate({ ...inputs, max_new_tokens: maxNewTokens, do_sample: false, streamer });
  return clock.run(ids, text);
}

/** Bare transformers.js on the same fixture files, from the same relay. */
function loadBare(modelId: string): Promise<TextGenerationPipeline> {
  const { repo, options } = bareFixtureOptions(modelId);
  return pipeline('text-generation', repo, options);
}

async function runChatStreamBench(modelId: string, total: number): Promise<ChatStreamResult> {
  const entry = getModel(modelId);
  const view = document.getElementById('answer');
  if (!view) throw new Error('the page has no #answer element');
  // Installed the app's way: bytes in OPFS, the record in IndexedDB, where the worker looks.
  const { manager, installMs } = await installFixture(entry);
  const client = createInferenceClient();
  await client.ensureChat(modelId, 'wasm');
  // Bare first: the app's loader then takes over the page's transformers.js settings.
  const generator = await loadBare(modelId);
  configureTransformers({ wasmPaths: ORT_URL });
  const files = manager.verifiedFiles(entry);
  const chat = await loadTransformersChat({ entry, files, device: 'wasm' });

  const runs: Record<PathName, StreamRun[]> = { app: [], silent: [], engine: [], bare: [] };
  const turn: Record<PathName, () => Promise<StreamRun>> = {
    app: () => appTurn(client, modelId, view),
    silent: () => silentTurn(client, modelId),
    engine: () => engineTurn(chat),
    // As many tokens as the app's first answer gave (the first round runs the app first).
    bare: () => bareTurn(generator, runs.app[0]?.tokens ?? PARAMS.maxNewTokens),
  };
  // Interleaved, rotating which goes first, so drift hits every path alike.
  for (let i = 0; i < total; i++) {
    for (let k = 0; k < PATHS.length; k++) {
      const path = PATHS[(i + k) % PATHS.length]!;
      runs[path].push(await turn[path]());
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }
  await Promise.all([generator.dispose(), chat.dispose(), client.unload(modelId)]);
  client.worker.terminate();
  const turnsMatch = JSON.stringify(seen.turns) === JSON.stringify(TURNS);
  return { installMs, promptTokens: seen.promptTokens, turnsMatch, runs };
}

(window as unknown as { runChatStreamBench: typeof runChatStreamBench }).runChatStreamBench =
  runChatStreamBench;
document.documentElement.dataset['ready'] = 'true';
