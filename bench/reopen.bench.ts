/**
 * Reopen to first answer: after a reload, how long until the Library's first question over
 * 10,000 passages shows its answer? The app's real path in Chromium (WASM): 5,000 documents of
 * two passages seeded straight into IndexedDB (keyword only, and with the fixture embedder
 * installed and its vectors seeded), loaded once so the keyword snapshot is stored, then the
 * page is reloaded at #/library and
 *  - "at once": the question is asked the moment the ask box appears (navigation → answer);
 *  - "after typing": asked 3 s after the view appeared, as a person typing would.
 * The library worker's phases (worker start, snapshot read, parse, journal replay, vector load,
 * embedder load, query; `retrieve` is the question's whole call in the worker) come from its
 * performance measures (omnia-library:*); they overlap (the worker loads the indexes and the
 * model at once, on one thread), so they do not add up. Bare: MiniSearch
 * (its UMD build, injected into the same page) reading the same stored snapshot row and
 * answering the same query. Figures go to bench/results/reopen.json.
 * Knobs: OMNIA_BENCH_DIST (the app build; default: built here into .omnia-test/reopen-dist),
 * OMNIA_BENCH_BEFORE_DIST (a build of earlier code, measured the same way and compared),
 * OMNIA_BENCH_REOPEN_DOCS (default 5000), OMNIA_BENCH_REOPEN_ROUNDS (default 3),
 * OMNIA_BENCH_REOPEN_MODES (keyword,embedder).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { openRecordingPage, startFixtureRelay, withPageErrors } from './bench-page.ts';
import { launchBrowser } from '../tests/e2e/browser.ts';
import { installEmbedder, EMBEDDER } from '../tests/e2e/library-helpers.ts';
import {
  plantedDocument,
  REOPEN_QUESTION,
  seedReopenLibrary,
} from '../tests/e2e/library-reopen-data.ts';
import {
  ASK_KEY,
  askTimed,
  bareMiniSearch,
  readMarks,
  RECORDER,
  snapshotVersions,
  workerPhases,
  type BareTiming,
  type WorkerPhases,
} from './reopen-page.ts';
import { median } from './stats.ts';

const DOCS = Number(process.env['OMNIA_BENCH_REOPEN_DOCS'] ?? 5000);
const ROUNDS = Number(process.env['OMNIA_BENCH_REOPEN_ROUNDS'] ?? 3);
const MODES = (process.env['OMNIA_BENCH_REOPEN_MODES'] ?? 'keyword,embedder').split(',');
const TYPING_MS = 3000;
const PHASES = [
  'snapshot-read',
  'parse',
  'journal-replay',
  'vector-load',
  'embedder-load',
  'query',
  'retrieve',
] as const;

interface Round {
  /** Navigation → first passage shown, asked at once. */
  atOnceMs: number;
  /** Submit → first passage shown, asked at once. */
  atOnceQueryMs: number;
  /** Navigation → the embedder's load progress shown (null: never shown). */
  progressAt: number | null;
  /** Submit → first passage shown, asked after a 3 s pause. */
  afterTypingMs: number;
  worker: WorkerPhases | null;
  bare: BareTiming;
}

async function reloadAt(page: Page, question: string | null): Promise<void> {
  await page.evaluate(
    ([key, q]) => (q === null ? sessionStorage.removeItem(key) : sessionStorage.setItem(key, q)),
    [ASK_KEY, question] as const,
  );
  await page.reload();
  await page.waitForSelector('[data-testid="library-ask"]', { timeout: 120_000 });
}

async function round(page: Page, expected: string): Promise<Round> {
  await reloadAt(page, REOPEN_QUESTION);
  await page
    .waitForFunction(
      () => {
        const marks = (window as unknown as { __reopen: object }).__reopen;
        return 'answerAt' in marks || 'failed' in marks;
      },
      null,
      { timeout: 120_000, polling: 100 },
    )
    .catch(async (error: unknown) => {
      const seen = await page.evaluate(() => ({
        marks: (window as unknown as { __reopen: object }).__reopen,
        ask: document.querySelector('[data-testid="library-ask-section"]')?.textContent,
      }));
      throw new Error(`no answer: ${JSON.stringify(seen)}`, { cause: error });
    });
  const marks = await readMarks(page);
  if (marks.failed !== undefined) throw new Error(`no answer after the reload: ${marks.failed}`);
  if (marks.firstDocument !== expected) {
    throw new Error(`the first answer cites ${marks.firstDocument ?? 'nothing'}, not ${expected}`);
  }
  const worker = await workerPhases(page);
  await reloadAt(page, null);
  await page.waitForTimeout(TYPING_MS);
  const afterTypingMs = await askTimed(page, REOPEN_QUESTION);
  const bare = await bareMiniSearch(page, REOPEN_QUESTION);
  return {
    atOnceMs: marks.answerAt!,
    atOnceQueryMs: marks.answerAt! - marks.submitAt!,
    progressAt: marks.progressAt ?? null,
    afterTypingMs,
    worker,
    bare,
  };
}

async function measureMode(browser: Browser, appUrl: string, mode: string): Promise<Round[]> {
  const context = await browser.newContext({ bypassCSP: true });
  await context.addInitScript('globalThis.__name = (f) => f;');
  await context.addInitScript(RECORDER);
  await context.addInitScript({
    content: readFileSync('node_modules/minisearch/dist/umd/index.js', 'utf8'),
  });
  const { page, errors } = await openRecordingPage(context);
  try {
    await page.goto(`${appUrl}#/library`);
    await page.waitForSelector('html[data-ready="true"]');
    if (mode === 'embedder') await installEmbedder(page, appUrl);
    await page.goto(`${appUrl}#/library`);
    await page.getByTestId('library-view').waitFor();
    await seedReopenLibrary(page, DOCS, mode === 'embedder' ? EMBEDDER : null);
    // First load after seeding: the worker indexes every chunk and stores the snapshot.
    await reloadAt(page, null);
    await askTimed(page, REOPEN_QUESTION);
    for (let i = 0; i < 600; i++) {
      const v = await snapshotVersions(page);
      if (v.snapshot === v.library) break;
      await page.waitForTimeout(100);
    }
    const expected = plantedDocument(DOCS).replace(/\.txt$/, '');
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push(await round(page, expected));
    return rounds;
  } catch (error) {
    throw withPageErrors(`reopen ${mode}`, error, errors);
  } finally {
    await context.close();
  }
}

const r1 = (n: number | null | undefined): number | null =>
  n === null || n === undefined || Number.isNaN(n) ? null : Math.round(n * 10) / 10;

/** Median figures of a mode's rounds. */
function summarise(rounds: Round[]): Record<string, number | null> {
  const med = (f: (r: Round) => number | null | undefined): number | null => {
    const values = rounds.map(f).filter((v): v is number => typeof v === 'number');
    return values.length > 0 ? r1(median(values)) : null;
  };
  const out: Record<string, number | null> = {
    navigationToAnswerMs: med((r) => r.atOnceMs),
    submitToAnswerAtOnceMs: med((r) => r.atOnceQueryMs),
    submitToAnswerAfterTypingMs: med((r) => r.afterTypingMs),
    progressShownAtMs: med((r) => r.progressAt),
    workerCreatedAtMs: med((r) => r.worker?.createdAt),
    workerStartMs: med((r) =>
      r.worker?.readyAt == null ? null : r.worker.readyAt - r.worker.createdAt,
    ),
  };
  for (const phase of PHASES) out[`${phase}Ms`] = med((r) => r.worker?.phases[phase]?.ms);
  out['bareReadMs'] = med((r) => r.bare.readMs);
  out['bareLoadJsonMs'] = med((r) => r.bare.loadMs);
  out['bareQueryMs'] = med((r) => r.bare.queryMs);
  out['bareTotalMs'] = med((r) => r.bare.readMs + r.bare.loadMs + r.bare.queryMs);
  out['snapshotChars'] = med((r) => r.bare.snapshotChars);
  const bare = out['bareTotalMs'];
  out['ratioNavigationToBare'] = bare ? r1((out['navigationToAnswerMs'] ?? NaN) / bare) : null;
  out['ratioQueryAtOnceToBare'] = bare ? r1((out['submitToAnswerAtOnceMs'] ?? NaN) / bare) : null;
  return out;
}

function print(label: string, mode: string, s: Record<string, number | null>): void {
  const f = (k: string): string => (s[k] === null ? '—' : `${s[k]!.toFixed(0)} ms`);
  console.log(`  ${label} · ${mode}`);
  console.log(
    `    navigation → answer (asked at once) ${f('navigationToAnswerMs')}; ` +
      `submit → answer: at once ${f('submitToAnswerAtOnceMs')}, after ${TYPING_MS / 1000} s ` +
      `typing ${f('submitToAnswerAfterTypingMs')}; progress shown at ${f('progressShownAtMs')}`,
  );
  console.log(
    `    worker created at ${f('workerCreatedAtMs')}, start ${f('workerStartMs')}; ` +
      PHASES.map((p) => `${p} ${f(`${p}Ms`)}`).join(', '),
  );
  console.log(
    `    bare MiniSearch: IDB read ${f('bareReadMs')} + loadJSON ${f('bareLoadJsonMs')} + ` +
      `query ${f('bareQueryMs')} = ${f('bareTotalMs')} (snapshot ${s['snapshotChars']} chars); ` +
      `ratio navigation→answer ÷ bare ${s['ratioNavigationToBare']}, ` +
      `submit→answer (at once) ÷ bare ${s['ratioQueryAtOnceToBare']}`,
  );
}

async function measureBuild(dist: string, label: string): Promise<Record<string, unknown>> {
  const relay = await startFixtureRelay(dist);
  const result: Record<string, unknown> = {};
  try {
    for (const mode of MODES) {
      // A browser per mode: nothing of one mode's pages lingers into the other's.
      const browser = await launchBrowser({ webgpu: false });
      try {
        const rounds = await measureMode(browser, relay.url, mode);
        const summary = summarise(rounds);
        print(label, mode, summary);
        result[mode] = { ...summary, rounds };
      } catch (error) {
        // Said and kept (an older build's first answer has been seen to hang): the rest runs.
        console.log(`  ${label} · ${mode} FAILED: ${String(error).split('\n')[0]}`);
        result[mode] = { error: String(error).split('\n')[0] };
      } finally {
        await browser.close();
      }
    }
  } finally {
    await relay.close();
  }
  return result;
}

export async function reopenBench(): Promise<void> {
  let dist = process.env['OMNIA_BENCH_DIST'];
  if (!dist) {
    dist = '.omnia-test/reopen-dist';
    await build({ logLevel: 'error', build: { outDir: dist, emptyOutDir: true } });
  }
  const beforeDist = process.env['OMNIA_BENCH_BEFORE_DIST'];
  console.log(
    `Reload → first Library answer over ${DOCS * 2} passages (${DOCS} documents), ` +
      `median of ${ROUNDS} reloads; Chromium, WASM`,
  );
  const before = beforeDist ? await measureBuild(beforeDist, 'before') : null;
  const after = await measureBuild(dist, 'after');
  mkdirSync('bench/results', { recursive: true });
  const summary = {
    measured: new Date().toISOString(),
    passages: DOCS * 2,
    rounds: ROUNDS,
    question: REOPEN_QUESTION,
    builds: { after: dist, before: beforeDist ?? null },
    after,
    before,
  };
  writeFileSync('bench/results/reopen.json', `${JSON.stringify(summary, null, 2)}\n`);
  console.log('  wrote bench/results/reopen.json');
}

if (import.meta.url === `file://${process.argv[1]}`) await reopenBench();
