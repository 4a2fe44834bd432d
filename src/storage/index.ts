// The storage layer's public face. Everything outside src/storage imports from here:
// repository functions and row types only, never Dexie or the database object.
export { TABLES, CURRENT_SCHEMA_VERSION, type TableName } from './schema';
export type {
  AppEvent,
  ChatMessage,
  ChatRole,
  Chunk,
  ChunkVectorRow,
  Collection,
  Conversation,
  DocumentProblemRow,
  DocumentRecord,
  DocumentSource,
  DocumentStatus,
  GenerationParamsRow,
  Job,
  JobStatus,
  LibraryIndexRow,
  MessageCitation,
  ResearchNotesRow,
  ResearchPointRow,
  ResearchSession,
  ResearchSourceRow,
  SettingRow,
} from './types';
export type {
  PromptOutputRow,
  PromptRunRow,
  PromptTemplateRow,
  PromptVariableKind,
  PromptVariableRow,
  PromptVariableSetRow,
  PromptVersionRow,
} from './prompt-types';
export {
  DataExportError,
  DataImportError,
  SettingValueError,
  StorageWriteError,
  type DataImportErrorKind,
  type StorageWriteErrorKind,
} from './errors';
export {
  getSetting,
  setSetting,
  type ChatDefaults,
  isCustomPersonaRow,
  type CustomPersonaRow,
  type ModelSourceSetting,
  type SettingKey,
  type SettingValues,
} from './settings-repo';
export {
  createConversation,
  deleteConversation,
  getConversation,
  updateConversation,
  watchConversation,
  watchConversations,
  type ConversationPatch,
  type ConversationSnapshot,
  type NewConversation,
} from './conversations-repo';
export {
  addMessage,
  allMessages,
  clearRating,
  getMessages,
  listMessages,
  messagesCreatedAt,
  messagesPage,
  onMessagesChanged,
  updateMessage,
  type MessagePatch,
  type PageBound,
} from './messages-repo';
export { changedRows, onRowsChanged, type RowChanges } from './row-changes';
export { createInstallStore, watchInstalls } from './model-installs-repo';
export {
  addDocument,
  countDocuments,
  deleteDocumentCascade,
  documentsWithContent,
  getDocument,
  listDocuments,
  setDocumentCollections,
  updateDocument,
  watchDocuments,
  type DeletedDocument,
  type DocumentPatch,
} from './documents-repo';
export {
  deleteDocumentSource,
  getDocumentSource,
  hasDocumentSource,
  putDocumentSource,
} from './document-sources-repo';
export {
  allChunks,
  chunkNeighbours,
  chunksOfDocument,
  countChunks,
  deleteDocumentChunks,
  eachChunk,
  getChunks,
  putChunks,
  replaceDocumentChunks,
} from './chunks-repo';
export {
  CollectionNameError,
  createCollection,
  deleteCollection,
  listCollections,
  MAX_COLLECTION_NAME_LENGTH,
  renameCollection,
  watchCollections,
  type CollectionNameErrorKind,
} from './collections-repo';
export {
  bumpLibraryVersion,
  chunkIdsWithVectors,
  deleteVectors,
  deleteVectorsNotOf,
  journalBetween,
  libraryVersion,
  putVectors,
  readKeywordSnapshot,
  vectorCount,
  vectorsOf,
  eachVectorOf,
  writeKeywordSnapshot,
  type JournalSpan,
  type KeywordSnapshot,
  type LibraryVersionChange,
} from './library-index-repo';
export {
  deleteResearchSession,
  getResearchSession,
  renameResearchSession,
  saveResearchSession,
  watchResearchSessions,
} from './research-repo';
export {
  deleteFinishedJobsOlderThan,
  listJobs,
  putJob,
  updateJob,
  watchJobRows,
  type JobPatch,
} from './jobs-repo';
export {
  countRows,
  deleteAllData,
  exportAllData,
  exportFileName,
  importAllData,
  type ImportSummary,
} from './portability';
export {
  addPromptTemplates,
  addPromptVersion,
  createPromptTemplate,
  deletePromptTemplate,
  listPromptTemplates,
  updatePromptTemplate,
  watchPromptTemplates,
  type PromptTemplatePatch,
  type PromptTemplateWithVersions,
} from './prompts-repo';
export {
  addPromptOutput,
  deletePromptRun,
  getPromptRun,
  listPromptOutputs,
  listPromptRuns,
  putPromptRun,
  watchPromptOutputs,
  watchPromptRuns,
} from './prompt-runs-repo';
export { chooseSpaceForNextLoad, currentSpace, workerNameInSpace, type Space } from './space';
export { deleteDemoSpace, prepareDemoSpace } from './spaces-repo';
export { addConversationWithMessages } from './conversation-import-repo';
