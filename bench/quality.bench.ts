/**
 * Are the Library's answers worth reading? The answer-quality suite (tests/fixtures/library/
 * quality: Portuguese and English documents of every text type, with questions, the passage,
 * page, sheet or row and the answer text) run through the app's own path in Node: real parsers,
 * chunker, keyword index, hybrid retrieval and the extractive answerer. Three libraries:
 * keyword only (chunks by the estimate, as with no embedding model), hybrid with the random-
 * weight fixture embedder (chunks by its tokenizer), and keyword only over those same chunks
 * (the control hybrid must not fall below). The bare library is MiniSearch with its defaults
 * over the keyword-only chunks: where its first passage is the right one.
 * Prints the figures, the questions answered wrong, and writes bench/results/quality.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import {
  buildLibrary,
  libraryFiles,
  loadFixtureEmbedder,
  readManifest,
  type QualityLibrary,
} from '../tests/unit/core/rag/quality-corpus.ts';
import { scoreLibrary, type QualityReport } from '../tests/unit/core/rag/quality-score.ts';
import type { QualityManifest } from '../scripts/fixtures/quality-fixtures.ts';

/** Passage hit@1 and @3 of MiniSearch with its default tokenizer and term processing. */
function bareLibrary(library: QualityLibrary, manifest: QualityManifest) {
  const index = new MiniSearch<{ id: string; text: string }>({ fields: ['text'] });
  index.addAll([...library.chunks.values()].map((c) => ({ id: c.id, text: c.text })));
  let at1 = 0;
  let at3 = 0;
  for (const test of manifest.cases) {
    const ids = index
      .search(test.question)
      .slice(0, 3)
      .map((hit) => String(hit.id));
    const right = ids.findIndex((id) => {
      const chunk = library.chunks.get(id);
      return chunk?.documentId === test.document && chunk.text.includes(test.passage);
    });
    if (right === 0) at1++;
    if (right >= 0) at3++;
  }
  const n = manifest.cases.length;
  return { passageHitAt1: at1 / n, passageHitAt3: at3 / n };
}

function printReport(label: string, report: QualityReport): void {
  const f = report.figures;
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(6);
  console.log(
    `  ${label.padEnd(28)} answer-hit@1 ${pct(f.answerHitAt1)}  passage-hit@1 ${pct(f.passageHitAt1)}` +
      `  @3 ${pct(f.passageHitAt3)}  right page/sheet/row ${pct(f.rightPlace)}` +
      `  dirty sentences ${f.dirtySentences}`,
  );
}

function printMisses(report: QualityReport): void {
  for (const r of report.results) {
    if (r.answerHit && r.passageRank === 1 && r.dirty.length === 0) continue;
    console.log(
      `    ${r.id.padEnd(14)} passage #${r.passageRank ?? '-'}  answer ${r.answerHit ? 'ok' : 'MISS'}` +
        `  «${r.firstSentence.slice(0, 90)}»${r.dirty.length > 0 ? `  dirty: ${r.dirty.join(' | ')}` : ''}`,
    );
  }
}

export async function qualityBench(): Promise<void> {
  const manifest = readManifest();
  const files = libraryFiles(manifest);
  const started = performance.now();
  const keywordLibrary = await buildLibrary(files, null);
  const embedder = await loadFixtureEmbedder();
  const hybridLibrary = await buildLibrary(files, embedder);
  const control: QualityLibrary = { ...hybridLibrary, vector: null, embedder: null };
  const keyword = await scoreLibrary(keywordLibrary, manifest);
  const hybrid = await scoreLibrary(hybridLibrary, manifest);
  const sameChunks = await scoreLibrary(control, manifest);
  const bare = bareLibrary(keywordLibrary, manifest);
  await embedder.dispose();
  const seconds = (performance.now() - started) / 1000;

  console.log(
    `  ${manifest.cases.length} questions (pt ${manifest.cases.filter((c) => c.lang === 'pt').length}, ` +
      `en ${manifest.cases.filter((c) => c.lang === 'en').length}) over ${files.length} documents; ` +
      `${keywordLibrary.chunks.size} passages keyword-only, ${hybridLibrary.chunks.size} with the embedder; ` +
      `${seconds.toFixed(1)} s`,
  );
  printReport('keyword only', keyword);
  printReport('hybrid (fixture embedder)', hybrid);
  printReport('keyword only, same chunks', sameChunks);
  console.log(
    `  bare MiniSearch (defaults)   passage-hit@1 ${(bare.passageHitAt1 * 100).toFixed(1)}%  @3 ${(bare.passageHitAt3 * 100).toFixed(1)}%` +
      `  (app/bare passage-hit@1 ${(keyword.figures.passageHitAt1 / (bare.passageHitAt1 || 1)).toFixed(2)}×)`,
  );
  console.log('  keyword only, not perfect:');
  printMisses(keyword);
  console.log('  hybrid, not perfect:');
  printMisses(hybrid);

  mkdirSync('bench/results', { recursive: true });
  const summary = {
    questions: manifest.cases.length,
    documents: files.length,
    keywordOnly: keyword.figures,
    hybrid: hybrid.figures,
    keywordOnlySameChunks: sameChunks.figures,
    bareMiniSearch: bare,
    misses: {
      keywordOnly: keyword.results.filter((r) => !r.answerHit || r.passageRank !== 1),
      hybrid: hybrid.results.filter((r) => !r.answerHit || r.passageRank !== 1),
    },
  };
  writeFileSync('bench/results/quality.json', `${JSON.stringify(summary, null, 2)}\n`);
  console.log('  wrote bench/results/quality.json');
}

if (import.meta.url === `file://${process.argv[1]}`) await qualityBench();
