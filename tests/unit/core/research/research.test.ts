// Research notes over two realistic documents (a Portuguese maintenance report with
// sections across pages, an English handbook) and a spreadsheet: every point is a
// sentence of the chunk it cites, the outline follows the headings, questions name sections.
import { describe, expect, it } from 'vitest';
import { buildResearchNotes } from '../../../../src/core/research/research';
import type {
  ResearchChunk,
  ResearchNotes,
  ResearchPoint,
} from '../../../../src/core/research/research-types';
import { textRank } from '../../../../src/core/research/textrank';

let order = 0;
function chunk(
  documentId: string,
  documentName: string,
  text: string,
  extra: Partial<ResearchChunk> = {},
): ResearchChunk {
  const n = order++;
  return {
    id: `${documentId}:${n}`,
    documentId,
    documentName,
    order: n,
    text,
    tokenCount: 40,
    ...extra,
  };
}

const REPORT = 'Relatório de manutenção.pdf';
const HANDBOOK = 'handbook.docx';
const chunks: ResearchChunk[] = [
  chunk(
    'report',
    REPORT,
    'Introdução\n\nEste relatório resume a manutenção das bombas hidráulicas da fábrica em 2024. As bombas hidráulicas operaram 8.200 horas no ano.',
    { page: 1, section: 'Introdução' },
  ),
  chunk(
    'report',
    REPORT,
    'Manutenção preventiva\n\nA manutenção preventiva das bombas hidráulicas ocorre a cada seis meses. A troca de vedação das bombas evita vazamentos de óleo.',
    { page: 2, section: 'Manutenção preventiva' },
  ),
  chunk(
    'report',
    REPORT,
    'A troca de vedação das bombas evita vazamentos de óleo. O Dr. Silva aprovou o novo cronograma de manutenção das bombas em março.',
    { page: 2, section: 'Manutenção preventiva' },
  ),
  chunk(
    'report',
    REPORT,
    'Custos\n\nOs custos de manutenção das bombas somaram 42 mil reais. A compra de vedações representou metade dos custos.',
    { page: 3, section: 'Custos' },
  ),
  chunk(
    'report',
    REPORT,
    'Segurança\n\nNenhum acidente ocorreu durante a manutenção das bombas. Os técnicos usaram luvas e óculos de proteção em todas as visitas.',
    { page: 4, section: 'Segurança' },
  ),
  chunk(
    'handbook',
    HANDBOOK,
    'Safety\n\nEvery technician must wear gloves and goggles near hydraulic pumps. Report every oil leak to the shift supervisor at once.',
    { section: 'Manual › Safety' },
  ),
  chunk(
    'handbook',
    HANDBOOK,
    'Pump maintenance\n\nHydraulic pumps need new seals every six months of operation. Seal replacement on a hydraulic pump takes about two hours.',
    { section: 'Manual › Pump maintenance' },
  ),
  chunk(
    'handbook',
    HANDBOOK,
    'Vacation\n\nEmployees plan their vacation with the manager two months ahead. Unused vacation days expire at the end of the year.',
    { section: 'Manual › Vacation' },
  ),
  chunk(
    'budget',
    'budget.xlsx',
    'Item: vedações das bombas | Custo: 21000 | Trimestre: Q2\nItem: óleo hidráulico das bombas | Custo: 9000 | Trimestre: Q3',
    { sheet: 'Despesas', rows: [2, 3] },
  ),
];

const byId = new Map(chunks.map((c) => [c.id, c]));

/** Every point cites at least one chunk, and the first cited chunk holds the point's text. */
function expectGrounded(points: readonly ResearchPoint[]): void {
  for (const p of points) {
    expect(p.sources.length).toBeGreaterThanOrEqual(1);
    const source = p.sources[0];
    const cited = byId.get(source?.chunkId ?? '');
    expect(cited?.text).toContain(p.text);
    expect(source?.documentId).toBe(cited?.documentId);
    expect(source?.documentName).toBe(cited?.documentName);
    expect(source?.page).toBe(cited?.page);
    expect(source?.section).toBe(cited?.section);
  }
}

function allPoints(notes: ResearchNotes): ResearchPoint[] {
  return [...notes.summary, ...notes.bullets, ...notes.qa.map((q) => q.answer)];
}

describe('buildResearchNotes', () => {
  const notes = buildResearchNotes({ title: 'Manutenção das bombas', chunks, language: 'pt-BR' });

  it('cites every point to a chunk that contains it', () => {
    expectGrounded(allPoints(notes));
    for (const entry of notes.outline) expect(byId.has(entry.source.chunkId)).toBe(true);
  });

  it('summarises with 3–6 distinct central sentences in document order', () => {
    expect(notes.summary.length).toBeGreaterThanOrEqual(3);
    expect(notes.summary.length).toBeLessThanOrEqual(6);
    const positions = notes.summary.map((p) =>
      chunks.findIndex((c) => c.id === p.sources[0]?.chunkId),
    );
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(notes.summary.map((p) => p.text)).size).toBe(notes.summary.length);
    // The topic (pump maintenance) dominates; the vacation rules are not central.
    expect(notes.summary.some((p) => /bombas|pump/i.test(p.text))).toBe(true);
    expect(notes.summary.some((p) => /vacation/i.test(p.text))).toBe(false);
  });

  it('gives one key sentence per section, without repeating overlapped sentences', () => {
    const sections = notes.bullets.map(
      (p) => `${p.sources[0]?.documentId}/${p.sources[0]?.section ?? p.sources[0]?.sheet}`,
    );
    expect(new Set(sections).size).toBe(sections.length);
    expect(notes.bullets.length).toBe(9 - 1); // 9 chunks, two share one section
    expect(notes.bullets.length).toBeLessThanOrEqual(12);
    const overlapped = allPoints(notes).filter((p) => p.text.startsWith('A troca de vedação'));
    for (const p of overlapped) expect(p.sources[0]?.chunkId).toBe('report:1');
  });

  it('outlines documents and their heading trees in reading order', () => {
    expect(notes.outline.map((e) => [e.level, e.title])).toEqual([
      [1, REPORT],
      [2, 'Introdução'],
      [2, 'Manutenção preventiva'],
      [2, 'Custos'],
      [2, 'Segurança'],
      [1, HANDBOOK],
      [2, 'Manual'],
      [3, 'Safety'],
      [3, 'Pump maintenance'],
      [3, 'Vacation'],
      [1, 'budget.xlsx'],
      [2, 'Despesas'],
    ]);
    expect(notes.outline[2]?.source).toEqual({
      chunkId: 'report:1',
      documentId: 'report',
      documentName: REPORT,
      page: 2,
      section: 'Manutenção preventiva',
    });
  });

  it('asks about each section in the session language and answers from it', () => {
    const costs = notes.qa.find(
      (q) => q.question === 'O que “Relatório de manutenção” diz sobre Custos?',
    );
    expect(costs?.answer.text).toBe('Os custos de manutenção das bombas somaram 42 mil reais.');
    const english = buildResearchNotes({ title: 'Pumps', chunks, language: 'en' });
    const seals = english.qa.find(
      (q) => q.question === 'What does “handbook” say about Pump maintenance?',
    );
    expect(seals?.answer.text).toMatch(/^Hydraulic pumps need new seals|^Seal replacement/);
    expect(seals?.answer.sources[0]?.section).toBe('Manual › Pump maintenance');
    expectGrounded(english.qa.map((q) => q.answer));
  });

  it('is deterministic, independent of chunk order within documents; empty input, empty notes', () => {
    const again = buildResearchNotes({
      title: 'Manutenção das bombas',
      // Documents keep their order of first appearance; chunks come shuffled.
      chunks: [
        chunks[0],
        ...chunks.slice(5, 8).reverse(),
        ...chunks.slice(1, 5).reverse(),
        chunks[8],
      ].filter((c): c is ResearchChunk => c !== undefined),
      language: 'pt-BR',
    });
    expect(again).toEqual(notes);
    expect(buildResearchNotes({ title: 'x', chunks: [], language: 'en' })).toEqual({
      summary: [],
      bullets: [],
      outline: [],
      qa: [],
    });
  });
});

describe('buildResearchNotes on a recording', () => {
  it('cites the time a point was said, and does not make a section of every time slice', () => {
    const talk = [
      chunk('talk', 'talk.mp3', 'Hydraulic pumps need new seals every six months of operation.', {
        time: [0, 30],
        section: '00:00:00–00:00:30',
      }),
      chunk('talk', 'talk.mp3', 'Seal replacement on a hydraulic pump takes about two hours.', {
        time: [30, 58],
        section: '00:00:30–00:00:58',
      }),
    ];
    const notes = buildResearchNotes({ title: 'pump seals', chunks: talk, language: 'en' });
    const points = allPoints(notes);
    expect(points.length).toBeGreaterThan(0);
    for (const point of points) {
      const cited = talk.find((c) => c.id === point.sources[0]?.chunkId);
      expect(point.sources[0]?.time).toEqual(cited?.time);
    }
    expect(notes.outline.map((o) => o.title)).not.toContain('00:00:00–00:00:30');
  });
});

describe('textRank', () => {
  it('ranks the sentence sharing words with the others first, and honours the preference', () => {
    const sets = [
      new Set(['pump', 'seal', 'oil', 'leak']),
      new Set(['pump', 'seal', 'hour', 'replace']),
      new Set(['pump', 'oil', 'hour', 'seal']),
      new Set(['vacation', 'manager', 'month', 'plan']),
    ];
    const scores = textRank(sets);
    expect(scores[3]).toBeLessThan(Math.min(scores[0] ?? 0, scores[1] ?? 0, scores[2] ?? 0));
    const biased = textRank(sets, [0, 0, 0, 1]);
    expect(biased[3]).toBeGreaterThan(scores[3] ?? 0);
    expect(textRank([])).toEqual([]);
  });
});
