/**
 * Chat history in Chromium against the REAL app: how long a conversation of 10,000 messages
 * takes to appear (first message painted, last message at the bottom) ÷ reading the same rows
 * with raw IndexedDB (the cost of the data alone), 100 messages for contrast; and history
 * search over those messages through the sidebar's box, cold (the index is built from
 * IndexedDB) and warm, ÷ MiniSearch used directly. The app is built by this script into its
 * own folder (never `dist/`) and served by the relay; the bench module is injected into it.
 */
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { openRecordingPage, startFixtureRelay, withPageErrors } from './bench-page.ts';
import type { ChatMessage, Conversation } from '../src/storage/types.ts';
import { launchBrowser } from '../tests/e2e/browser.ts';
import { seedDatabase } from '../tests/e2e/idb.ts';
import { BENCH_DIST, buildBenchPages } from './build-pages.ts';
import { percentile } from './chat-stream.bench.ts';
import type { ChatHistoryBenchApi, OpenTiming, SearchTiming } from './pages/chat-history-bench.ts';
import { median } from './stats.ts';
import { seededRandom } from '../scripts/fixtures/fixture-bytes.ts';

/** ChatSearchBox.svelte's debounce (the page watches the timer with this delay). */
const SEARCH_DEBOUNCE_MS = 150;
const APP_DIST = '.omnia-test/bench-app-dist';
const ROUNDS = Number(process.env['OMNIA_BENCH_HISTORY_ROUNDS'] ?? 5);
const SIZES = [10_000, 100] as const;
const COLD_QUERY = 'relatório';
// Different queries, in the spelling the text uses (bare MiniSearch folds no accents).
// prettier-ignore
const WARM_QUERIES = [
  'orçamento', 'reunião semana', 'coffee', 'turbina', 'invoice team', 'hipoteca', 'planning',
  'cidade livro', 'Lisboa', 'prazo cliente',
];

// Function words first: picks lean towards the start of each list, roughly as in real text.
// prettier-ignore
const PT = [
  'o', 'a', 'de', 'que', 'e', 'para', 'com', 'uma', 'não', 'no', 'da', 'por', 'mais', 'como',
  'casa', 'projeto', 'reunião', 'café', 'dados', 'janela', 'cliente', 'prazo', 'orçamento',
  'viagem', 'jardim', 'tarefa', 'equipe', 'notícia', 'semana', 'música', 'cidade', 'livro',
  'relatório', 'manutenção', 'pergunta', 'resposta', 'modelo', 'arquivo', 'contrato', 'reunir',
];
// prettier-ignore
const EN = [
  'the', 'and', 'of', 'to', 'a', 'is', 'with', 'for', 'this', 'that', 'on', 'we', 'it', 'be',
  'meeting', 'budget', 'window', 'garden', 'river', 'coffee', 'planning', 'schedule', 'invoice',
  'travel', 'team', 'weekly', 'music', 'city', 'book', 'idea', 'report', 'question', 'answer',
  'notes', 'deadline', 'client', 'draft', 'review', 'summary', 'release',
];

/** Words that few messages hold, so some searches find a handful and not thousands. */
// prettier-ignore
const RARE = [
  'turbina', 'hipoteca', 'Lisboa', 'orquídea', 'vacina', 'aniversário', 'kubernetes', 'sourdough',
  'mortgage', 'Tokyo', 'violin', 'thermostat',
];

/** A whole number in [0, n) from the shared seeded generator (mulberry32). */
function prng(seed: number): (n: number) => number {
  const next = seededRandom(seed);
  return (n) => Math.floor(next() * n);
}

/** Sentences in Portuguese or English (each message leans to one), with a few borrowed words. */
function prose(next: (n: number) => number, words: number, pt = next(3) > 0): string {
  const pick = (): string => {
    if (next(300) === 0) return RARE[next(RARE.length)]!;
    const list = (next(10) === 0) !== pt ? PT : EN;
    const r = next(1000) / 1000;
    return list[Math.floor(r * r * list.length)]!;
  };
  const out: string[] = [];
  while (out.length < words) {
    const length = Math.min(6 + next(10), words - out.length);
    const sentence = Array.from({ length }, pick);
    sentence[0] = sentence[0]!.charAt(0).toUpperCase() + sentence[0]!.slice(1);
    out.push(...sentence.slice(0, -1), `${sentence.at(-1)!}.`);
  }
  return out.join(' ');
}

/** Markdown as models write it: a heading, emphasis, a list, code, sometimes a table. */
function markdownAnswer(next: (n: number) => number, words: number): string {
  const third = Math.max(5, Math.floor(words / 3));
  const parts = [
    `## ${prose(next, 3).replace(/\.$/, '')}`,
    `**${prose(next, 2).replace(/\.$/, '')}**: ${prose(next, third)}`,
    ['- ', '- ', '- '].map((dash) => dash + prose(next, 4)).join('\n'),
    '```ts\nconst total = items.reduce((sum, item) => sum + item.price, 0);\nconsole.log(total);\n```',
    prose(next, third),
  ];
  if (next(3) === 0) parts.push('| item | valor |\n| --- | ---: |\n| café | 3 |\n| book | 12 |');
  return parts.join('\n\n');
}

function seedRows(
  size: number,
  now: number,
): { conversation: Conversation; messages: ChatMessage[] } {
  const next = prng(size);
  const id = `bench-${size}`;
  const createdAt = now - size * 60_000;
  const messages: ChatMessage[] = Array.from({ length: size }, (_, i) => {
    const role = i % 2 === 0 ? ('user' as const) : ('assistant' as const);
    const words = 20 + next(181);
    const content =
      role === 'assistant' && next(3) === 0 ? markdownAnswer(next, words) : prose(next, words);
    return {
      id: `${id}-m${i}`,
      conversationId: id,
      parentId: i === 0 ? null : `${id}-m${i - 1}`,
      role,
      content,
      createdAt: createdAt + i * 1000,
    };
  });
  const conversation: Conversation = {
    id,
    title: `Histórico longo (${size})`,
    createdAt,
    updatedAt: createdAt + size * 1000,
    pinned: false,
    archived: false,
    collectionIds: [],
    leafId: messages.at(-1)!.id,
  };
  return { conversation, messages };
}

/** The app, built apart from `dist/`, with the bench module beside it (same origin). */
async function buildAppWithBench(): Promise<string> {
  await build({ logLevel: 'error', build: { outDir: APP_DIST, emptyOutDir: true } });
  await buildBenchPages();
  await cp(join(BENCH_DIST, 'assets'), join(APP_DIST, 'bench', 'assets'), {
    recursive: true,
    filter: (source) => !/\.(wasm|mjs)$/.test(source),
  });
  const html = await readFile(join(BENCH_DIST, 'chat-history.html'), 'utf8');
  const src = /<script[^>]+src="\.\/(assets\/chat-history[^"]+\.js)"/.exec(html)?.[1];
  if (!src) throw new Error('chat-history.html has no bench module');
  return `bench/${src}`;
}

type Api = ChatHistoryBenchApi;
function call<K extends keyof Api>(
  page: Page,
  name: K,
  ...args: Parameters<Api[K]>
): Promise<Awaited<ReturnType<Api[K]>>> {
  return page.evaluate(
    ({ name, args }) => {
      const api = (window as unknown as { chatHistoryBench: Record<string, unknown> })
        .chatHistoryBench;
      return (api[name] as (...a: unknown[]) => unknown)(...args);
    },
    { name, args },
  ) as Promise<Awaited<ReturnType<Api[K]>>>;
}

const ms = (values: readonly number[]): string =>
  `median ${median(values).toFixed(1)} ms, p90 ${percentile(values, 90).toFixed(1)} ms`;

/** Reloads the app at #/chat (empty caches in the page) and loads the bench module into it. */
type Fresh = () => Promise<void>;

async function benchOpen(page: Page, fresh: Fresh, size: number, leafId: string): Promise<void> {
  const id = `bench-${size}`;
  const cold: OpenTiming[] = [];
  const again: OpenTiming[] = [];
  const bare: number[] = [];
  const read = async (): Promise<void> => {
    const { ms, rows } = await call(page, 'bareRead', id);
    if (rows !== size) throw new Error(`raw read found ${rows} rows, not ${size}`);
    bare.push(ms);
  };
  for (let i = 0; i < ROUNDS; i++) {
    await fresh();
    if (i % 2 === 1) await read();
    cold.push(await call(page, 'openConversation', id, leafId));
    again.push(await call(page, 'openConversation', id, leafId));
    if (i % 2 === 0) await read();
  }
  const pick = (runs: OpenTiming[], f: (t: OpenTiming) => number): string => ms(runs.map(f));
  const onScreen = cold.filter((t) => t.lastInFirstPaint).length;
  console.log(`${size} messages, ${ROUNDS} rounds (each in a freshly loaded page), interleaved:`);
  console.log('  app, first open in the page: #/chat → #/chat/<id>');
  console.log(`    first message in the DOM            ${pick(cold, (t) => t.domMs)}`);
  console.log(`    first message painted (2 frames)    ${pick(cold, (t) => t.firstPaintMs)}`);
  console.log(`    last message visible at the bottom  ${pick(cold, (t) => t.lastVisibleMs)}`);
  console.log(
    `    last message already on screen in the first painted frame: ${onScreen}/${ROUNDS}`,
  );
  console.log("  app, opened again (Dexie's liveQuery cache holds the rows)");
  console.log(`    first message painted (2 frames)    ${pick(again, (t) => t.firstPaintMs)}`);
  console.log(`    last message visible at the bottom  ${pick(again, (t) => t.lastVisibleMs)}`);
  console.log(`  bare: raw IndexedDB getAll, ${size} rows  ${ms(bare)}`);
  const ratio = (f: (t: OpenTiming) => number): string =>
    (median(cold.map(f)) / median(bare)).toFixed(2);
  console.log(
    `  ratio app (first open) ÷ bare read: in the DOM ${ratio((t) => t.domMs)}, ` +
      `first paint ${ratio((t) => t.firstPaintMs)}, last message visible ${ratio((t) => t.lastVisibleMs)}`,
  );
}

async function benchSearch(page: Page, total: number): Promise<void> {
  await call(page, 'leave');
  const cold = await call(page, 'search', COLD_QUERY);
  const warm: SearchTiming[] = [];
  for (const query of WARM_QUERIES) warm.push(await call(page, 'search', query));
  const setup = await call(page, 'bareSearchSetup');
  if (setup.count !== total) throw new Error(`bare index has ${setup.count} messages`);
  const bareCold = await call(page, 'bareSearch', COLD_QUERY, false);
  const bare: { ms: number; hits: number }[] = [];
  const appLike: number[] = [];
  for (const query of WARM_QUERIES) bare.push(await call(page, 'bareSearch', query, false));
  for (const query of WARM_QUERIES) appLike.push((await call(page, 'bareSearch', query, true)).ms);
  const bareMs = bare.map((r) => r.ms);
  const bareColdMs = setup.readMs + setup.buildMs + bareCold.ms;
  const painted = warm.map((t) => t.afterDebounceMs);
  const inDom = warm.map((t) => t.domAfterDebounceMs);
  console.log(`history search over ${total} messages, typed into the sidebar's search box:`);
  console.log(
    `  timed from the box's ${SEARCH_DEBOUNCE_MS} ms debounce timer firing (so the debounce and ` +
      'its timer lateness are NOT counted) to the first result in the DOM / painted (2 frames)',
  );
  console.log(
    `  app cold "${COLD_QUERY}" (index built from IndexedDB): in the DOM ` +
      `${cold.domAfterDebounceMs.toFixed(1)} ms, painted ${cold.afterDebounceMs.toFixed(1)} ms ` +
      `(from the keystroke, debounce included: ${cold.totalMs.toFixed(1)} ms)`,
  );
  console.log(
    `  bare cold: raw getAll ${setup.readMs.toFixed(1)} ms + MiniSearch addAll ` +
      `${setup.buildMs.toFixed(1)} ms + search ${bareCold.ms.toFixed(1)} ms = ${bareColdMs.toFixed(1)} ms`,
  );
  console.log(`  app warm, ${warm.length} different queries, in the DOM   ${ms(inDom)}`);
  console.log(`  app warm, painted                             ${ms(painted)}`);
  console.log(`  app warm, from the keystroke (debounce incl.) ${ms(warm.map((t) => t.totalMs))}`);
  console.log(`  bare MiniSearch, default options, same queries ${ms(bareMs)}`);
  console.log(`  bare MiniSearch, the app's options (AND, prefix, fuzzy) ${ms(appLike)}`);
  console.log(
    `  hits per query: app shows ${warm.map((t) => t.results).join('/')} (it keeps 50); ` +
      `bare finds ${bare.map((r) => r.hits).join('/')}`,
  );
  const r = (a: number[], b: number[]): string => (median(a) / median(b)).toFixed(1);
  console.log(
    `  ratio app ÷ bare, cold: ${(cold.afterDebounceMs / bareColdMs).toFixed(2)}; ` +
      `warm: painted ${r(painted, bareMs)}, in the DOM ${r(inDom, bareMs)}`,
  );
}

export async function chatHistoryBench(): Promise<void> {
  const module = await buildAppWithBench();
  const relay = await startFixtureRelay(APP_DIST);
  const browser = await launchBrowser({ webgpu: false });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, errors } = await openRecordingPage(context);
  try {
    await page.goto(`${relay.url}#/chat`);
    await page.waitForSelector('[data-testid="chat-sidebar"]');
    const now = Date.now();
    const seeds = SIZES.map((size) => seedRows(size, now));
    await seedDatabase(page, {
      conversations: seeds.map((s) => s.conversation),
      messages: seeds.flatMap((s) => s.messages),
    });
    const fresh = async (): Promise<void> => {
      // Reloaded at #/chat: reloading #/chat/<id> would read that conversation at start-up.
      await page.evaluate(() => (location.hash = '#/chat'));
      await page.reload({ waitUntil: 'networkidle' });
      await page.waitForSelector('[data-testid="chat-sidebar"]');
      await page.addScriptTag({ url: `${relay.url}${module}`, type: 'module' });
      await page.waitForFunction(() => 'chatHistoryBench' in window);
    };
    for (const seed of seeds) {
      await benchOpen(page, fresh, seed.messages.length, seed.conversation.leafId!);
    }
    await fresh();
    await benchSearch(
      page,
      seeds.reduce((sum, s) => sum + s.messages.length, 0),
    );
  } catch (error) {
    throw withPageErrors('chat history', error, errors);
  } finally {
    await context.close();
    await browser.close();
    await relay.close();
  }
}
