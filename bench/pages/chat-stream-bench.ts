/**
 * Runs in the browser: streaming overhead of a whole chat turn. The app's path is the real
 * one end to end — a stored conversation and user message, core/chat/answer.ts's runAnswer
 * through the inference worker (tokens cross in batches), the answer saved while it grows, the
 * text re-rendered through the app's markdown renderer by the app's own frame flusher (at most
 * 20 times a second, less often when rendering costs more than its share, as chat-answer.svelte.ts
 * feeds MarkdownView), and the final text shown from the stored answer runAnswer returns (as
 * the chat view does once streaming ends). The bare path is plain
 * transformers.js on this page's main thread, generating the same tokens from the same turns
 * with a TextStreamer. Two more paths tell where a gap comes from: the app's worker asked for
 * the same answer without per-token callbacks (its own timings), and the app's engine adapter
 * called on this thread (no worker, no storage, no DOM).
 * At realistic speed (chat-stream-paced.ts), a paced stand-in replays the fixture's tokens at
 * 30 and 100 tokens/s through the same app path and a bare callback.
 * bench/chat-stream.bench.ts drives it and computes the rates.
 */
import {
  pipeline,
  TextStreamer,
  type Message,
  type TextGenerationPipeline,
} from '@huggingface/transformers';
import { renderMarkdown } from '../../src/app/markdown/render-markdown';
import { createFrameFlusher, STREAMING_ANSWER } from '../../src/app/state/frame-flusher';
import { runAnswer, type ChatBackend } from '../../src/core/chat/answer';
import { getModel } from '../../src/models/catalog';
import { loadTransformersChat } from '../../src/models/engines/transformers/transformers-chat';
import { configureTransformers } from '../../src/models/engines/transformers/transformers-env';
import type { ChatEngine, ChatTurn, GeneratedToken } from '../../src/models/engines/types';
import { addMessage, createConversation, type ChatMessage } from '../../src/storage';
import { createInferenceClient, type InferenceClient } from '../../src/workers/inference-client';
import { pacedBackend, pacedBareTurn, type Recording } from './chat-stream-paced';
import { Clock, PACED_RATES, type StreamRun } from './stream-run';
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

export type { StreamRun } from './stream-run';

export interface ChatStreamResult {
  installMs: number;
  promptTokens: number;
  /** Whether the app sent the model exactly the turns the other paths use. */
  turnsMatch: boolean;
  /** Every run per path in order, warm-ups first. */
  runs: Record<PathName, StreamRun[]>;
  /** Per paced rate (tokens/s): the app's and the bare runs with the paced stand-in, warm-up first. */
  paced: Record<string, { app: StreamRun[]; bare: StreamRun[] }>;
}

const seen: { promptTokens: number; turns: ChatTurn[] } = { promptTokens: 0, turns: [] };

/** One turn through the app: storage, runAnswer over `backend`, the view's flushing. */
async function appTurn(backend: ChatBackend, modelId: string, view: Element): Promise<StreamRun> {
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
  let text = '';
  let renders = 0;
  let generatedAt = 0;
  let renderedAt = 0;
  const flusher = createFrameFlusher(() => {
    view.innerHTML = renderMarkdown(text).html;
    renders++;
  }, STREAMING_ANSWER);
  const clock = new Clock();
  const outcome = await runAnswer(
    backend,
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
      onStart: (_message, _info, fit) => {
        seen.turns = fit.turns;
      },
      onToken: (piece) => {
        clock.tick();
        text += piece;
        flusher.request();
      },
      // As the view does: the final text is shown while it is stored.
      onGenerated: (result) => {
        generatedAt = performance.now();
        flusher.cancel();
        view.innerHTML = renderMarkdown(result.text).html;
        renderedAt = performance.now();
      },
    },
  );
  // Stored: the final text is on screen (onGenerated) and in storage.
  const end = performance.now();
  flusher.cancel();
  const { result } = outcome;
  if (!result || outcome.error) throw outcome.error ?? new Error('the answer failed');
  if (view.innerHTML !== renderMarkdown(result.text).html) {
    throw new Error('the rendered answer is not the generated text');
  }
  seen.promptTokens = result.promptTokens;
  const first = clock.first ?? end;
  return clock.run(result.tokenIds ?? [], result.text, end, {
    workerTokensPerSecond: result.timings.tokensPerSecond,
    renders,
    generatedMs: generatedAt - first,
    renderedMs: renderedAt - first,
  });
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

/** The last answer the engine path streamed: what the paced stand-in replays. */
let recording: Recording | null = null;

/** The app's engine adapter on this thread: what it adds before any worker or storage. */
async function engineTurn(chat: ChatEngine): Promise<StreamRun> {
  const clock = new Clock();
  const tokens: GeneratedToken[] = [];
  const result = await chat.generate(TURNS, {
    ...PARAMS,
    onToken: (token) => {
      clock.tick();
      tokens.push(token);
    },
  });
  recording = { tokens, result };
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

/** Paced runs per rate and path: one warm-up, then `rounds`, the two paths interleaved. */
async function runPaced(
  client: InferenceClient,
  modelId: string,
  view: Element,
  rounds: number,
): Promise<ChatStreamResult['paced']> {
  const recorded = recording;
  if (!recorded) throw new Error('no engine run to replay');
  const paced: ChatStreamResult['paced'] = {};
  for (const rate of PACED_RATES) {
    const backend = pacedBackend(client, recorded, rate);
    const runs = { app: [] as StreamRun[], bare: [] as StreamRun[] };
    for (let i = 0; i <= rounds; i++) {
      const order = i % 2 === 0 ? (['app', 'bare'] as const) : (['bare', 'app'] as const);
      for (const path of order) {
        const run =
          path === 'app'
            ? await appTurn(backend, modelId, view)
            : await pacedBareTurn(recorded, rate);
        runs[path].push(run);
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
    }
    paced[rate] = runs;
  }
  return paced;
}

async function runChatStreamBench(
  modelId: string,
  total: number,
  pacedRounds: number,
): Promise<ChatStreamResult> {
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
  const paced = pacedRounds > 0 ? await runPaced(client, modelId, view, pacedRounds) : {};
  await Promise.all([generator.dispose(), chat.dispose(), client.unload(modelId)]);
  client.worker.terminate();
  const turnsMatch = JSON.stringify(seen.turns) === JSON.stringify(TURNS);
  return { installMs, promptTokens: seen.promptTokens, turnsMatch, runs, paced };
}

(window as unknown as { runChatStreamBench: typeof runChatStreamBench }).runChatStreamBench =
  runChatStreamBench;
document.documentElement.dataset['ready'] = 'true';
