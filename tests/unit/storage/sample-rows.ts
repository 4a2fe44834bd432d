// Rows for every table in their current shape, with the awkward values an export must
// carry without loss: accents, emoji, a Blob and a File, bytes, Dates, non-finite numbers,
// and a stored object that has a "$omnia" key of its own.
import {
  type AppEvent,
  type ChatMessage,
  type Chunk,
  type Collection,
  type Conversation,
  type DocumentRecord,
  type DocumentSource,
  type Job,
  type PromptOutputRow,
  type PromptRunRow,
  type PromptTemplateRow,
  type PromptVersionRow,
  type ResearchSession,
  type SettingRow,
  type TableName,
} from '../../../src/storage';

export type SampleRows = {
  conversations: Conversation[];
  messages: ChatMessage[];
  documents: DocumentRecord[];
  chunks: Chunk[];
  collections: Collection[];
  settings: SettingRow[];
  jobs: Job[];
  events: AppEvent[];
  researchSessions: ResearchSession[];
  documentSources: DocumentSource[];
  promptTemplates: PromptTemplateRow[];
  promptVersions: PromptVersionRow[];
  promptRuns: PromptRunRow[];
  promptOutputs: PromptOutputRow[];
} & Record<TableName, object[]>;

/** A fresh set each call, so one test cannot change another's rows. */
export function sampleRows(): SampleRows {
  return {
    conversations: [
      {
        id: 'c1',
        title: 'Café com açúcar ☕ — résumé 😀',
        createdAt: 1_700_000_000_000,
        updatedAt: 1_700_000_100_000,
        pinned: true,
        archived: false,
        modelId: 'tiny-llm',
        collectionIds: ['k1'],
      },
      {
        id: 'c2',
        title: 'Ünïcödé 日本語 🧪',
        createdAt: 1_700_000_200_000,
        updatedAt: 1_700_000_200_000,
        pinned: false,
        archived: true,
        collectionIds: [],
      },
    ],
    messages: [
      {
        id: 'm1',
        conversationId: 'c1',
        parentId: null,
        role: 'user',
        content: 'Olá! Qual é a previsão? 🌦️',
        createdAt: 1_700_000_000_001,
        attachments: [
          {
            name: 'nota.txt',
            mimeType: 'text/plain',
            data: new Blob(['ação 🚀'], { type: 'text/plain' }),
          },
          {
            name: 'bytes.bin',
            mimeType: 'application/octet-stream',
            data: new File([new Uint8Array([0, 1, 2, 253, 254, 255])], 'bytes.bin', {
              type: 'application/octet-stream',
              lastModified: 1_600_000_000_000,
            }),
          },
        ],
      },
      {
        id: 'm2',
        conversationId: 'c1',
        parentId: 'm1',
        role: 'assistant',
        content: 'Sol com nuvens [1].',
        createdAt: 1_700_000_000_002,
        modelId: 'tiny-llm',
        params: { temperature: 0.7, topP: 0.95, maxNewTokens: 256 },
        tokens: { prompt: 12, completion: 5 },
        timings: { firstTokenMs: 0, tokensPerSecond: Infinity, totalMs: 0 },
        citations: [{ index: 1, documentId: 'd1', chunkId: 'd1-0', page: 2 }],
        rating: { stars: 5, comment: 'ótimo' },
      },
    ],
    documents: [
      {
        id: 'd1',
        name: 'relatório.pdf',
        mimeType: 'application/pdf',
        size: 1234,
        addedAt: 1_700_000_000_500,
        status: 'ready',
        pageCount: 3,
        collectionIds: ['k1'],
        sha256: 'ab'.repeat(32),
      },
      {
        id: 'd2',
        name: 'broken.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        size: 99,
        addedAt: 1_700_000_000_600,
        status: 'failed',
        error: { kind: 'parse', message: 'Não foi possível ler a planilha.' },
        collectionIds: [],
      },
    ],
    chunks: [
      {
        id: 'd1-0',
        documentId: 'd1',
        order: 0,
        text: 'Première page — naïve façade.',
        tokenCount: 7,
        page: 1,
      },
      {
        id: 'd1-1',
        documentId: 'd1',
        order: 1,
        text: 'Segunda página 📄',
        tokenCount: 4,
        page: 2,
        section: '2.1',
      },
      {
        id: 'd2-0',
        documentId: 'd2',
        order: 0,
        text: 'a;b',
        tokenCount: 2,
        sheet: 'Folha1',
        rows: [1, 20],
      },
    ],
    collections: [{ id: 'k1', name: 'Pesquisa ✨', createdAt: 1_700_000_000_000 }],
    settings: [
      { key: 'developerMode', value: true },
      { key: 'locale', value: 'pt-BR' },
      { key: 'theme', value: 'dark' },
    ],
    jobs: [
      {
        id: 'j1',
        kind: 'ingest',
        status: 'failed',
        progress: 0.5,
        createdAt: 1_700_000_000_000,
        updatedAt: 1_700_000_000_900,
        error: { kind: 'parse', message: 'bad file' },
        input: {
          since: new Date(Date.UTC(2024, 1, 29, 12, 0, 0)),
          vector: new Float32Array([0.5, -1.25, Number.NaN]),
          buffer: new Uint8Array([9, 8, 7]).buffer,
          tags: new Set(['a', 'b']),
          lookup: new Map<string, number>([['x', 1]]),
          big: 12345678901234567890n,
          nothing: undefined,
          negativeZero: -0,
          quirk: { $omnia: 'blob', note: 'a stored object with this key must not pass for a tag' },
        },
      },
    ],
    events: [
      { id: 1, at: 1_700_000_000_000, kind: 'app-start' },
      {
        id: 2,
        at: 1_700_000_000_001,
        kind: 'model-loaded',
        data: { ms: 1234.5, bytes: new Uint8Array([1, 2]) },
      },
    ],
    researchSessions: [
      {
        id: 'r1',
        title: 'Estudo — relatório 📚',
        documentIds: ['d1'],
        language: 'pt-BR',
        createdAt: 1_700_000_300_000,
        updatedAt: 1_700_000_300_500,
        notes: {
          summary: [
            {
              text: 'O relatório descreve a previsão.',
              sources: [
                { chunkId: 'd1-1', documentId: 'd1', documentName: 'relatório.pdf', page: 2 },
              ],
            },
          ],
          bullets: [],
          outline: [
            {
              title: '2.1',
              level: 1,
              source: { chunkId: 'd1-1', documentId: 'd1', documentName: 'relatório.pdf', page: 2 },
            },
          ],
          qa: [],
        },
      },
    ],
    documentSources: [
      {
        documentId: 'd1',
        blob: new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255])], 'fotografia.png', {
          type: 'image/png',
          lastModified: 1_700_000_000_000,
        }),
        name: 'fotografia.png',
        mimeType: 'image/png',
      },
    ],
    promptTemplates: [
      {
        id: 'pt1',
        name: 'Tradução — “curta” 🌍',
        description: 'pt ↔ en',
        inUseVersionId: 'pt1-v2',
        createdAt: 1_700_000_000_000,
        updatedAt: 1_700_000_000_900,
      },
    ],
    promptVersions: [
      {
        id: 'pt1-v1',
        templateId: 'pt1',
        number: 1,
        body: 'Traduza {{texto}} para {{língua}}.',
        variables: [
          { name: 'texto', kind: 'longText', required: true },
          { name: 'alvo', kind: 'choice', choices: ['pt', 'en'], defaultValue: 'en' },
        ],
        note: 'primeira versão',
        createdAt: 1_700_000_000_000,
      },
      {
        id: 'pt1-v2',
        templateId: 'pt1',
        number: 2,
        body: 'Traduza {{texto}} para {{língua}}.',
        variables: [{ name: 'texto', kind: 'longText' }],
        note: 'revert',
        revertedFrom: 1,
        createdAt: 1_700_000_000_500,
      },
    ],
    promptRuns: [
      {
        id: 'pr1',
        templateId: 'pt1',
        versionIds: ['pt1-v1', 'pt1-v2'],
        modelIds: ['omnia-fixture-causal-lm'],
        variableSets: [{ label: 'Conjunto 1', values: { texto: 'olá ☕' } }],
        params: { temperature: 0, topP: 0.9, maxNewTokens: 8 },
        seed: 7,
        device: 'wasm',
        createdAt: 1_700_000_001_000,
      },
    ],
    promptOutputs: [
      {
        id: 'po1',
        runId: 'pr1',
        templateId: 'pt1',
        versionId: 'pt1-v1',
        versionNumber: 1,
        modelId: 'omnia-fixture-causal-lm',
        setIndex: 0,
        attempt: 1,
        status: 'done',
        prompt: 'Traduza olá ☕ para .',
        text: 'hello',
        engine: 'transformers',
        device: 'wasm',
        params: { maxNewTokens: 8, temperature: 0, topP: null },
        seed: null,
        tokenIds: [1, 2, 3],
        promptTokens: 9,
        completionTokens: 3,
        tokensPerSecond: 250.5,
        totalMs: 12,
        finishReason: 'stop',
        createdAt: 1_700_000_001_100,
      },
    ],
  };
}
