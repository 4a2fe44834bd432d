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
  listMessages,
  onMessagesChanged,
  updateMessage,
  type MessagePatch,
} from './messages-repo';
export { createInstallStore, watchInstalls } from './model-installs-repo';
export {
  countRows,
  deleteAllData,
  exportAllData,
  exportFileName,
  importAllData,
  type ImportSummary,
} from './portability';
