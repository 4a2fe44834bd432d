// The storage layer's public face. Everything outside src/storage imports from here:
// repository functions and row types only, never Dexie or the database object.
export { TABLES, CURRENT_SCHEMA_VERSION, type TableName } from './schema';
export type {
  AppEvent,
  ChatMessage,
  ChatRole,
  Chunk,
  Collection,
  Conversation,
  DocumentRecord,
  DocumentStatus,
  Job,
  JobStatus,
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
  type ModelSourceSetting,
  type SettingKey,
  type SettingValues,
} from './settings-repo';
export { createInstallStore, watchInstalls } from './model-installs-repo';
export {
  countRows,
  deleteAllData,
  exportAllData,
  exportFileName,
  importAllData,
  type ImportSummary,
} from './portability';
