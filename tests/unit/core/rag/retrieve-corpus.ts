// A small, realistic library for the retrieval tests: a Portuguese maintenance report (PDF
// pages, sections), an English employee handbook (headings) and a budget spreadsheet (rows on
// two sheets). About forty chunks at the fixture embedder's 62-token limit. One sentence is
// planted on page 3 of the report for the retrieval tests to find.
import type { DocumentKind, TextBlock } from '../../../../src/core/ingest/types';

export const PLANTED =
  'A bomba hidráulica XR-200 exige troca de vedação a cada 1.200 horas de operação.';

export interface LibraryDocument {
  id: string;
  name: string;
  kind: DocumentKind;
  collections: string[];
  documentDate?: number;
  blocks: TextBlock[];
}

const EQUIPMENT = [
  'compressor C-10',
  'válvula V-3',
  'esteira E-7',
  'caldeira K-2',
  'gerador G-5',
  'torno T-4',
  'prensa P-9',
  'exaustor X-1',
];
const HANDBOOK_TOPICS = [
  'Ladders',
  'Gloves',
  'Forklifts',
  'Chemicals',
  'Fire exits',
  'Noise',
  'Scaffolds',
  'Welding',
  'First aid',
];
const ITEMS = [
  'luvas',
  'filtros',
  'óleo',
  'parafusos',
  'correias',
  'sensores',
  'cabos',
  'tintas',
  'lâmpadas',
  'mangueiras',
];

function reportBlocks(): TextBlock[] {
  const blocks: TextBlock[] = [
    { kind: 'heading', text: 'Relatório de manutenção 2024', level: 1, page: 1 },
    {
      kind: 'paragraph',
      page: 1,
      section: 'Relatório de manutenção 2024',
      text:
        'Este relatório resume as atividades de manutenção da fábrica de Campinas em 2024. ' +
        'A equipe técnica realizou 312 ordens de serviço, sendo 70% preventivas. ' +
        'Os indicadores de disponibilidade melhoraram em relação ao ano anterior.',
    },
  ];
  EQUIPMENT.forEach((name, i) => {
    const page = 1 + Math.floor((i + 1) / 4);
    const section = `Relatório de manutenção 2024 › Equipamento ${name}`;
    blocks.push({
      kind: 'heading',
      text: `Equipamento ${name}`,
      level: 2,
      page,
      section: 'Relatório de manutenção 2024',
    });
    blocks.push({
      kind: 'paragraph',
      page,
      section,
      text:
        `O ${name} passou por inspeção trimestral sem falhas graves. ` +
        `Foram trocados ${i + 2} componentes desgastados e o consumo de energia caiu ${i + 3}%. ` +
        `A próxima parada programada do ${name} está prevista para o segundo semestre.`,
    });
  });
  blocks.push(
    {
      kind: 'heading',
      text: 'Bombas hidráulicas',
      level: 2,
      page: 3,
      section: 'Relatório de manutenção 2024',
    },
    {
      kind: 'paragraph',
      page: 3,
      section: 'Relatório de manutenção 2024 › Bombas hidráulicas',
      text:
        'As bombas da linha de prensagem operaram em regime contínuo durante o ano. ' +
        `${PLANTED} O técnico responsável registra cada troca no sistema de manutenção.`,
    },
    {
      kind: 'paragraph',
      page: 4,
      section: 'Relatório de manutenção 2024 › Bombas hidráulicas',
      text:
        'Duas bombas reserva ficam no galpão B e são testadas todo mês. ' +
        'O estoque de óleo hidráulico cobre três meses de operação normal.',
    },
    {
      kind: 'heading',
      text: 'Segurança',
      level: 2,
      page: 4,
      section: 'Relatório de manutenção 2024',
    },
    {
      kind: 'paragraph',
      page: 4,
      section: 'Relatório de manutenção 2024 › Segurança',
      text:
        'Nenhum acidente com afastamento ocorreu em 2024. Os técnicos receberam 40 horas de ' +
        'treinamento em bloqueio de energia. Todas as inspeções de extintores foram concluídas.',
    },
  );
  return blocks;
}

function handbookBlocks(): TextBlock[] {
  const blocks: TextBlock[] = [
    { kind: 'heading', text: 'Employee handbook', level: 1 },
    {
      kind: 'paragraph',
      section: 'Employee handbook',
      text:
        'This handbook explains the rules every employee of the plant follows. ' +
        'Read it on your first day and ask your supervisor about anything unclear.',
    },
  ];
  for (const topic of HANDBOOK_TOPICS) {
    const section = `Employee handbook › Safety › ${topic}`;
    blocks.push({ kind: 'heading', text: topic, level: 3, section: 'Employee handbook › Safety' });
    blocks.push({
      kind: 'paragraph',
      section,
      text:
        `${topic} rules apply to every shift and every contractor on site. ` +
        `Check the ${topic.toLowerCase()} area before you start work and report any damage to the supervisor. ` +
        `Training on ${topic.toLowerCase()} is renewed every year and recorded in your file.`,
    });
  }
  blocks.push(
    { kind: 'heading', text: 'Pumps', level: 2, section: 'Employee handbook' },
    {
      kind: 'paragraph',
      section: 'Employee handbook › Pumps',
      text:
        'Hydraulic pumps need new seals when the pressure drops below 3 bar. ' +
        'Never open a pump housing while the line is under pressure.',
    },
    { kind: 'heading', text: 'Vacation', level: 2, section: 'Employee handbook' },
    {
      kind: 'paragraph',
      section: 'Employee handbook › Vacation',
      text:
        'Plan your vacation with your manager at least two months ahead. ' +
        'Unused vacation days expire at the end of the calendar year.',
    },
  );
  return blocks;
}

function budgetBlocks(): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const sheet of ['Receitas', 'Despesas']) {
    ITEMS.forEach((item, i) => {
      for (const quarter of [1, 2]) {
        const row = 2 + i * 2 + (quarter - 1);
        blocks.push({
          kind: 'row',
          sheet,
          row,
          text: `Item: ${item} | Custo: ${(i + 1) * 110 * quarter} | Trimestre: Q${quarter}`,
        });
      }
    });
  }
  return blocks;
}

export const LIBRARY_DOCUMENTS: readonly LibraryDocument[] = [
  {
    id: 'report',
    name: 'Relatório de manutenção 2024.pdf',
    kind: 'pdf',
    collections: ['operations'],
    documentDate: Date.UTC(2025, 0, 15),
    blocks: reportBlocks(),
  },
  {
    id: 'handbook',
    name: 'handbook.docx',
    kind: 'docx',
    collections: ['operations', 'people'],
    blocks: handbookBlocks(),
  },
  {
    id: 'budget',
    name: 'budget.xlsx',
    kind: 'xlsx',
    collections: ['finance'],
    blocks: budgetBlocks(),
  },
];
